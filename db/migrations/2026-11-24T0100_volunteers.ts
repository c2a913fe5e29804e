import { sql, type Kysely } from 'kysely'

// Volunteers (frivillige): the profile a person fills in once, one application per organisation
// with its screening state, the organisation's requirements and how long each stays valid, the
// record that a requirement was seen (never the document itself: data minimisation), and hours
// logged as an activity helper.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table volunteer_profile
      add column interests text[] not null default '{}',
      add column interest_words text[] not null default '{}',
      add column languages text[] not null default '{}',
      add column area_id uuid references area(id) on delete set null,
      -- weekly grid: bit (day * 3 + slot), day 0 = Monday, slot 0/1/2 = morning/afternoon/evening
      add column availability integer not null default 0 check (availability >= 0 and availability < 2097152),
      add column gender text check (gender in ('woman', 'man', 'other')),
      add column birth_year smallint check (birth_year between 1900 and 2100),
      add column prefers_gender text check (prefers_gender in ('woman', 'man')),
      add column prefers_age_min smallint check (prefers_age_min between 18 and 120),
      add column prefers_age_max smallint check (prefers_age_max between 18 and 120),
      add column capacity smallint not null default 1 check (capacity between 1 and 10),
      add column lived_experience boolean not null default false,
      add column motivation text check (length(motivation) <= 2000),
      add column consent_version text,
      add column consent_given_at timestamptz,
      add column updated_at timestamptz not null default now();
    create index volunteer_profile_area_idx on volunteer_profile (area_id);
    create index volunteer_profile_interests_idx on volunteer_profile using gin (interests);
    create index volunteer_profile_languages_idx on volunteer_profile using gin (languages);

    create table volunteer_application (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references volunteer_profile(person_id) on delete cascade,
      organisation_id uuid not null references organisation(id) on delete cascade,
      roles text[] not null check (cardinality(roles) > 0
        and roles <@ array['buddy', 'helper', 'trainer', 'peer', 'trip_companion']::text[]),
      state text not null default 'applied'
        check (state in ('applied', 'screening', 'approved', 'active', 'paused', 'ended')),
      state_changed_at timestamptz not null default now(),
      state_reason text,
      -- set when the applicant confirmed their e-mail address
      confirmed_at timestamptz,
      created_at timestamptz not null default now(),
      unique (person_id, organisation_id)
    );
    create index volunteer_application_org_state_idx on volunteer_application (organisation_id, state);
    create index volunteer_application_person_idx on volunteer_application (person_id);

    -- An organisation takes volunteers for these roles (shown on the public sign-up page).
    create table organisation_volunteering (
      organisation_id uuid primary key references organisation(id) on delete cascade,
      roles text[] not null check (
        roles <@ array['buddy', 'helper', 'trainer', 'peer', 'trip_companion']::text[]),
      updated_by uuid references person(id) on delete set null,
      updated_at timestamptz not null default now()
    );
    create index organisation_volunteering_updated_by_idx on organisation_volunteering (updated_by);

    create table organisation_requirement (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisation(id) on delete cascade,
      kind text not null check (kind in ('interview', 'references', 'criminal_record', 'introduction_course', 'confidentiality')),
      -- null: never expires
      valid_months smallint check (valid_months between 1 and 120),
      created_at timestamptz not null default now(),
      unique (organisation_id, kind)
    );

    -- Append-only in practice: a renewal is a new row; the newest row per kind counts.
    create table volunteer_requirement (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references volunteer_application(id) on delete cascade,
      kind text not null check (kind in ('interview', 'references', 'criminal_record', 'introduction_course', 'confidentiality')),
      checked_on date not null,
      expires_on date,
      recorded_by uuid references person(id) on delete set null,
      recorded_at timestamptz not null default now(),
      note text check (length(note) <= 500),
      check (expires_on is null or expires_on > checked_on),
      -- the same check recorded twice (a double submit) is one row
      unique (application_id, kind, checked_on)
    );
    create index volunteer_requirement_application_idx on volunteer_requirement (application_id, kind, checked_on desc);
    create index volunteer_requirement_expires_idx on volunteer_requirement (expires_on) where expires_on is not null;
    create index volunteer_requirement_recorded_by_idx on volunteer_requirement (recorded_by);

    create table volunteer_hours (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references volunteer_application(id) on delete cascade,
      session_id uuid references activity_session(id) on delete set null,
      worked_on date not null,
      minutes integer not null check (minutes between 1 and 1440),
      note text check (length(note) <= 500),
      state text not null default 'submitted' check (state in ('submitted', 'approved', 'rejected')),
      -- the coordinator's correction; null when approved as logged
      approved_minutes integer check (approved_minutes between 0 and 1440),
      reviewed_by uuid references person(id) on delete set null,
      reviewed_at timestamptz,
      -- chosen when the form was shown: a second submit of the same form adds nothing
      submission_id uuid unique,
      created_at timestamptz not null default now()
    );
    create index volunteer_hours_application_idx on volunteer_hours (application_id, worked_on);
    create index volunteer_hours_session_idx on volunteer_hours (session_id);
    create index volunteer_hours_state_idx on volunteer_hours (state) where state = 'submitted';
    create index volunteer_hours_reviewed_by_idx on volunteer_hours (reviewed_by);
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table volunteer_hours;
    drop table volunteer_requirement;
    drop table organisation_requirement;
    drop table organisation_volunteering;
    drop table volunteer_application;
    alter table volunteer_profile
      drop column interests, drop column interest_words, drop column languages,
      drop column area_id, drop column availability, drop column gender, drop column birth_year,
      drop column prefers_gender, drop column prefers_age_min, drop column prefers_age_max,
      drop column capacity, drop column lived_experience, drop column motivation,
      drop column consent_version, drop column consent_given_at, drop column updated_at;
  `.execute(db)
}
