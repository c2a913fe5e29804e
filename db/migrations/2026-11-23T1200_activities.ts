import { sql, type Kysely } from 'kysely'

// §18 partnerships and grants, activities with their schedules and session rows, sign-ups with
// an ordered waitlist, attendance, kiosk check-in, feedback and private calendar feeds.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table partnership (
      id uuid primary key default gen_random_uuid(),
      municipality_id uuid not null references municipality(id) on delete restrict,
      organisation_id uuid not null references organisation(id) on delete restrict,
      title text not null check (length(trim(title)) > 0),
      pool_year integer not null check (pool_year between 2000 and 2100),
      amount_oere bigint not null check (amount_oere >= 0),
      period_start date not null,
      period_end date not null,
      legal_basis text not null check (legal_basis in ('sel18', 'sel82d')),
      purpose text not null,
      created_by uuid references person(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (period_end >= period_start)
    );
    create index partnership_municipality_idx on partnership (municipality_id, period_start);
    create index partnership_organisation_idx on partnership (organisation_id);

    create table partnership_target_group (
      partnership_id uuid not null references partnership(id) on delete cascade,
      target_group_id uuid not null references target_group(id) on delete restrict,
      primary key (partnership_id, target_group_id)
    );
    create index partnership_target_group_tg_idx on partnership_target_group (target_group_id);

    create table partnership_goal (
      partnership_id uuid not null references partnership(id) on delete cascade,
      goal_id uuid not null references goal(id) on delete restrict,
      primary key (partnership_id, goal_id)
    );
    create index partnership_goal_goal_idx on partnership_goal (goal_id);

    -- "outreach to at least 10 drop-in centres", "about 20 citizens each time"
    create table success_criterion (
      id uuid primary key default gen_random_uuid(),
      partnership_id uuid not null references partnership(id) on delete cascade,
      position integer not null check (position > 0),
      description text not null check (length(trim(description)) > 0),
      target_value integer not null check (target_value > 0),
      -- how progress is counted: from the outreach log, or recorded by hand
      measure text not null default 'manual' check (measure in ('outreach', 'manual')),
      unique (partnership_id, position)
    );

    create table criterion_progress (
      id uuid primary key default gen_random_uuid(),
      criterion_id uuid not null references success_criterion(id) on delete cascade,
      value integer not null check (value >= 0),
      note text,
      recorded_by uuid references person(id) on delete set null,
      recorded_at timestamptz not null default now()
    );
    create index criterion_progress_criterion_idx on criterion_progress (criterion_id, recorded_at desc);

    create table outreach_log (
      id uuid primary key default gen_random_uuid(),
      partnership_id uuid not null references partnership(id) on delete cascade,
      contacted_on date not null,
      institution_type text not null check (institution_type in
        ('drop_in', 'shelter', 'supported_housing', 'treatment', 'job_centre', 'association', 'other')),
      institution text not null check (length(trim(institution)) > 0),
      outcome text,
      created_by uuid references person(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index outreach_log_partnership_idx on outreach_log (partnership_id, contacted_on);

    create table activity (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisation(id) on delete cascade,
      title text not null check (length(trim(title)) between 1 and 120),
      description text not null default '',
      category text not null check (category in ('sport', 'meal', 'culture', 'social_cafe', 'network', 'advice', 'trip')),
      location_name text,
      street_address text,
      postal_code text check (postal_code ~ '^[0-9]{4}$'),
      city text,
      area_id uuid references area(id) on delete set null,
      latitude double precision check (latitude between -90 and 90),
      longitude double precision check (longitude between -180 and 180),
      phone text,
      email text,
      price_oere integer not null default 0 check (price_oere >= 0),
      capacity integer check (capacity > 0),
      accessibility_note text,
      adaptation_note text,
      open_no_referral boolean not null default true,
      no_membership boolean not null default true,
      roles_offered text[] not null default '{participant}'
        check (roles_offered <@ array['participant', 'spectator', 'helper']::text[] and cardinality(roles_offered) > 0),
      -- The schedule, as the RFC 5545 parts HSDS and iCalendar share. Times are local
      -- (Europe/Copenhagen wall-clock); sessions are materialised as timestamptz rows.
      freq text not null default 'once' check (freq in ('once', 'weekly', 'monthly')),
      interval integer not null default 1 check (interval between 1 and 4),
      byday text check (byday ~ '^(MO|TU|WE|TH|FR|SA|SU)$'),
      bysetpos integer check (bysetpos in (-1, 1, 2, 3, 4)),
      dtstart date not null,
      until date,
      start_time time not null,
      end_time time not null,
      timezone text not null default 'Europe/Copenhagen',
      status text not null default 'published' check (status in ('draft', 'published', 'cancelled')),
      search tsvector generated always as (
        setweight(to_tsvector('danish', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('danish', coalesce(description, '')), 'B') ||
        setweight(to_tsvector('danish', coalesce(location_name, '') || ' ' || coalesce(city, '')), 'C')
      ) stored,
      created_by uuid references person(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (end_time > start_time),
      check (until is null or until >= dtstart),
      check (freq = 'once' or byday is not null),
      check (freq <> 'monthly' or bysetpos is not null)
    );
    create index activity_organisation_idx on activity (organisation_id);
    create index activity_area_idx on activity (area_id);
    create index activity_search_idx on activity using gin (search);
    create index activity_category_idx on activity (category) where status = 'published';

    create table activity_goal (
      activity_id uuid not null references activity(id) on delete cascade,
      goal_id uuid not null references goal(id) on delete restrict,
      primary key (activity_id, goal_id)
    );
    create index activity_goal_goal_idx on activity_goal (goal_id);

    -- Never shown publicly: for municipal reporting only.
    create table activity_target_group (
      activity_id uuid not null references activity(id) on delete cascade,
      target_group_id uuid not null references target_group(id) on delete restrict,
      primary key (activity_id, target_group_id)
    );
    create index activity_target_group_tg_idx on activity_target_group (target_group_id);

    -- EXDATE: a date in the series that does not happen.
    create table activity_exception (
      activity_id uuid not null references activity(id) on delete cascade,
      on_date date not null,
      reason text,
      created_by uuid references person(id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (activity_id, on_date)
    );

    create table activity_session (
      id uuid primary key default gen_random_uuid(),
      activity_id uuid not null references activity(id) on delete cascade,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      local_date date not null,
      capacity integer check (capacity > 0),
      status text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
      cancelled_reason text,
      created_at timestamptz not null default now(),
      unique (activity_id, starts_at),
      check (ends_at > starts_at)
    );
    create index activity_session_starts_idx on activity_session (starts_at) where status = 'scheduled';
    create index activity_session_activity_idx on activity_session (activity_id, starts_at);

    create table signup (
      id uuid primary key default gen_random_uuid(),
      session_id uuid not null references activity_session(id) on delete cascade,
      person_id uuid references person(id) on delete set null,
      guest_name text,
      guest_phone text,
      guest_email text,
      language text not null default 'da' check (language in ('da', 'en')),
      role text not null default 'participant' check (role in ('participant', 'spectator', 'helper')),
      state text not null check (state in ('confirmed', 'waitlisted', 'offered', 'cancelled', 'attended', 'no_show')),
      -- the waitlist is ordered by when people joined it
      waitlisted_at timestamptz,
      offered_at timestamptz,
      offer_expires_at timestamptz,
      named_checkin boolean not null default false,
      cancel_token_hash text not null unique,
      cancelled_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (person_id is not null or (guest_name is not null and (guest_phone is not null or guest_email is not null))),
      check (state <> 'offered' or offer_expires_at is not null)
    );
    create index signup_session_idx on signup (session_id, state);
    create index signup_person_idx on signup (person_id);
    create index signup_waitlist_idx on signup (session_id, waitlisted_at) where state = 'waitlisted';
    create index signup_offer_expiry_idx on signup (offer_expires_at) where state = 'offered';
    create unique index signup_one_per_person on signup (session_id, person_id)
      where person_id is not null and state <> 'cancelled';

    create table session_attendance (
      session_id uuid primary key references activity_session(id) on delete cascade,
      anonymous_count integer not null default 0 check (anonymous_count >= 0),
      updated_by uuid references person(id) on delete set null,
      updated_at timestamptz not null default now()
    );

    create table kiosk (
      id uuid primary key default gen_random_uuid(),
      session_id uuid not null references activity_session(id) on delete cascade,
      token_hash text not null unique,
      opened_by uuid references person(id) on delete set null,
      opened_at timestamptz not null default now(),
      expires_at timestamptz not null,
      closed_at timestamptz
    );
    create index kiosk_session_idx on kiosk (session_id);

    -- One-tap feedback (five faces), anonymous.
    create table session_feedback (
      id uuid primary key default gen_random_uuid(),
      session_id uuid not null references activity_session(id) on delete cascade,
      rating integer not null check (rating between 1 and 5),
      created_at timestamptz not null default now()
    );
    create index session_feedback_session_idx on session_feedback (session_id);

    create table calendar_feed (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references person(id) on delete cascade,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    );
    create index calendar_feed_person_idx on calendar_feed (person_id);
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table calendar_feed;
    drop table session_feedback;
    drop table kiosk;
    drop table session_attendance;
    drop table signup;
    drop table activity_session;
    drop table activity_exception;
    drop table activity_target_group;
    drop table activity_goal;
    drop table activity;
    drop table outreach_log;
    drop table criterion_progress;
    drop table success_criterion;
    drop table partnership_goal;
    drop table partnership_target_group;
    drop table partnership;
  `.execute(db)
}
