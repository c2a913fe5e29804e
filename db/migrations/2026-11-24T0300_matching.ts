import { sql, type Kysely } from 'kysely'

// Buddy matching and the course (forløb), PRODUCT.md §3.5 and §4: the citizen's wishes for a
// buddy, the organisation's weights and course settings, the course itself (the match and the
// forløb in one row: proposed → active ⇄ paused → closing → closed, or declined), meetings
// (no health fields, by design), self-assessments, concerns and tasks.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table match_settings (
      organisation_id uuid primary key references organisation(id) on delete cascade,
      weight_interest smallint not null default 3 check (weight_interest between 0 and 20),
      weight_area smallint not null default 4 check (weight_area between 0 and 20),
      weight_slot smallint not null default 1 check (weight_slot between 0 and 20),
      weight_language smallint not null default 3 check (weight_language between 0 and 20),
      weight_lived_experience smallint not null default 2
        check (weight_lived_experience between 0 and 20),
      course_months smallint not null default 6 check (course_months between 1 and 6),
      checkin_interval_days smallint not null default 28
        check (checkin_interval_days between 7 and 90),
      updated_by uuid references person(id) on delete set null,
      updated_at timestamptz not null default now()
    );
    create index match_settings_updated_by_idx on match_settings (updated_by);

    create table buddy_wish (
      referral_id uuid primary key references referral(id) on delete cascade,
      interests text[] not null default '{}',
      languages text[] not null default '{}',
      area_id uuid references area(id) on delete set null,
      -- the same weekly grid as volunteer_profile.availability
      availability integer not null default 0 check (availability >= 0 and availability < 2097152),
      -- only when the citizen wants it known (a volunteer's stated preference is checked against it)
      gender text check (gender in ('woman', 'man', 'other')),
      prefers_gender text check (prefers_gender in ('woman', 'man')),
      wants_lived_experience boolean not null default false,
      note text check (length(note) <= 500),
      updated_by uuid references person(id) on delete set null,
      updated_at timestamptz not null default now()
    );
    create index buddy_wish_area_idx on buddy_wish (area_id);
    create index buddy_wish_updated_by_idx on buddy_wish (updated_by);

    create table course (
      id uuid primary key default gen_random_uuid(),
      referral_id uuid not null references referral(id) on delete cascade,
      citizen_id uuid not null references citizen(id) on delete cascade,
      municipality_id uuid not null references municipality(id) on delete restrict,
      organisation_id uuid not null references organisation(id) on delete restrict,
      volunteer_application_id uuid not null references volunteer_application(id) on delete restrict,
      volunteer_person_id uuid not null references person(id) on delete restrict,
      state text not null default 'proposed'
        check (state in ('proposed', 'declined', 'active', 'paused', 'closing', 'closed')),
      volunteer_answer text not null default 'pending'
        check (volunteer_answer in ('pending', 'yes', 'no')),
      volunteer_answered_at timestamptz,
      volunteer_decline_reason text check (volunteer_decline_reason in
        ('no_time', 'not_a_good_fit', 'too_far', 'personal', 'other')),
      citizen_answer text not null default 'pending'
        check (citizen_answer in ('pending', 'yes', 'no')),
      citizen_answered_at timestamptz,
      -- assisted mode: the staff member who answered with the citizen present
      citizen_assisted_by uuid references person(id) on delete set null,
      -- the one-time link in the volunteer's e-mail; only its hash is stored
      volunteer_token_hash text unique,
      proposed_by uuid references person(id) on delete set null,
      proposed_at timestamptz not null default now(),
      course_type text not null default 'coordination_companionship'
        check (course_type in ('coordination_companionship', 'network_building')),
      goals text check (length(goals) <= 1000),
      started_at timestamptz,
      planned_end date,
      checkin_interval_days smallint not null default 28
        check (checkin_interval_days between 7 and 90),
      closed_at timestamptz,
      closed_by uuid references person(id) on delete set null,
      close_reason text check (close_reason in ('goal_reached', 'moved', 'no_chemistry',
        'citizens_wish', 'volunteer_stopped', 'consent_withdrawn', 'other')),
      close_note text check (length(close_note) <= 500),
      anchoring_activity_id uuid references activity(id) on delete set null,
      anchoring_none_reason text check (length(anchoring_none_reason) <= 300),
      -- set at closing from an active 'contact_after_course' consent
      follow_up boolean not null default false,
      reopened_from_course_id uuid references course(id) on delete set null,
      updated_at timestamptz not null default now(),
      check (state <> 'closed' or (close_reason is not null and closed_at is not null)),
      check (state not in ('active', 'paused', 'closing', 'closed')
        or (volunteer_answer = 'yes' and citizen_answer = 'yes' and started_at is not null))
    );
    -- one open match per referral at a time (a race between two coordinators ends here)
    create unique index course_referral_open_idx on course (referral_id)
      where state in ('proposed', 'active', 'paused', 'closing');
    create index course_referral_idx on course (referral_id);
    create index course_org_state_idx on course (organisation_id, state);
    create index course_volunteer_state_idx on course (volunteer_person_id, state);
    create index course_application_idx on course (volunteer_application_id);
    create index course_citizen_idx on course (citizen_id, proposed_at desc);
    create index course_municipality_state_idx on course (municipality_id, state);
    create index course_assisted_by_idx on course (citizen_assisted_by);
    create index course_proposed_by_idx on course (proposed_by);
    create index course_closed_by_idx on course (closed_by);
    create index course_anchoring_idx on course (anchoring_activity_id);
    create index course_reopened_from_idx on course (reopened_from_course_id);

    create table course_meeting (
      id uuid primary key default gen_random_uuid(),
      course_id uuid not null references course(id) on delete cascade,
      met_on date not null,
      type text not null check (type in ('accompany', 'joint_activity', 'social_contact', 'phone')),
      minutes smallint not null check (minutes between 5 and 1440),
      note text check (length(note) <= 300),
      logged_by uuid references person(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index course_meeting_course_idx on course_meeting (course_id, met_on desc);
    create index course_meeting_logged_by_idx on course_meeting (logged_by);

    create table course_assessment (
      id uuid primary key default gen_random_uuid(),
      course_id uuid not null references course(id) on delete cascade,
      stage text not null check (stage in ('start', 'midway', 'end')),
      own_goals smallint not null check (own_goals between 1 and 5),
      people_around smallint not null check (people_around between 1 and 5),
      assisted_by uuid references person(id) on delete set null,
      recorded_at timestamptz not null default now(),
      unique (course_id, stage)
    );
    create index course_assessment_assisted_by_idx on course_assessment (assisted_by);

    create table course_concern (
      id uuid primary key default gen_random_uuid(),
      course_id uuid not null references course(id) on delete cascade,
      raised_by uuid references person(id) on delete set null,
      text text not null check (length(text) between 1 and 1000),
      raised_at timestamptz not null default now(),
      handled_at timestamptz,
      handled_by uuid references person(id) on delete set null
    );
    create index course_concern_course_idx on course_concern (course_id, raised_at desc);
    create index course_concern_raised_by_idx on course_concern (raised_by);
    create index course_concern_handled_by_idx on course_concern (handled_by);

    create table task (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in
        ('checkin', 'self_assessment', 'concern', 'follow_up_call', 'follow_up_invite')),
      course_id uuid references course(id) on delete cascade,
      concern_id uuid references course_concern(id) on delete cascade,
      -- for the organisation's coordinators, or for one person (the referring caseworker)
      organisation_id uuid references organisation(id) on delete cascade,
      assignee_person_id uuid references person(id) on delete cascade,
      due_at timestamptz not null,
      done_at timestamptz,
      done_by uuid references person(id) on delete set null,
      -- what made it (e.g. 'checkin:<course>:<n>'), so a job run twice makes it once
      dedupe_key text unique,
      created_at timestamptz not null default now(),
      check (organisation_id is not null or assignee_person_id is not null)
    );
    create index task_org_open_idx on task (organisation_id, due_at) where done_at is null;
    create index task_assignee_open_idx on task (assignee_person_id, due_at) where done_at is null;
    create index task_course_idx on task (course_id, due_at);
    create index task_concern_idx on task (concern_id);
    create index task_done_by_idx on task (done_by);
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table task;
    drop table course_concern;
    drop table course_assessment;
    drop table course_meeting;
    drop table course;
    drop table buddy_wish;
    drop table match_settings;
  `.execute(db)
}
