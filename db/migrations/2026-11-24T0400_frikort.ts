import { sql, type Kysely } from 'kysely'

// Social free card (socialt frikort) — PRODUCT.md §3.6, ADR 017. A balance helper against the
// yearly cap, not the legal register: employers register the employment in Socialtfrikort.dk.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- The municipality's decision (visitation). One active decision per citizen at a time.
    create table frikort_decision (
      id uuid primary key default gen_random_uuid(),
      citizen_id uuid not null references citizen(id) on delete cascade,
      municipality_id uuid not null references municipality(id) on delete restrict,
      decided_on date not null,
      decided_by uuid references person(id) on delete set null,
      status text not null default 'active' check (status in ('active', 'deactivated')),
      deactivated_reason text check (length(deactivated_reason) <= 1000),
      deactivated_at timestamptz,
      deactivated_by uuid references person(id) on delete set null,
      last_control_on date,
      -- the law asks for a control at least every second calendar year
      next_control_due date not null,
      control_reminded_for date,
      created_at timestamptz not null default now(),
      check (status = 'active' and deactivated_at is null
        or status = 'deactivated' and deactivated_at is not null and deactivated_reason is not null),
      check (next_control_due >= coalesce(last_control_on, decided_on)),
      check (next_control_due <= make_date(
        extract(year from coalesce(last_control_on, decided_on))::int + 2, 12, 31))
    );
    create unique index frikort_decision_one_active on frikort_decision (citizen_id)
      where status = 'active';
    create index frikort_decision_citizen_idx on frikort_decision (citizen_id, created_at desc);
    create index frikort_decision_municipality_idx
      on frikort_decision (municipality_id, status, next_control_due);
    create index frikort_decision_decided_by_idx on frikort_decision (decided_by);
    create index frikort_decision_deactivated_by_idx on frikort_decision (deactivated_by);

    -- Yearly caps, date-ranged (the cap changed on 1 July 2023). Ranges never overlap.
    create table frikort_cap (
      id uuid primary key default gen_random_uuid(),
      valid_from date not null,
      valid_to date,
      amount_ore integer not null check (amount_ore > 0),
      entered_by uuid references person(id) on delete set null,
      created_at timestamptz not null default now(),
      check (valid_to is null or valid_to >= valid_from),
      exclude using gist (daterange(valid_from, valid_to, '[]') with &&)
    );
    create index frikort_cap_entered_by_idx on frikort_cap (entered_by);
    insert into frikort_cap (valid_from, valid_to, amount_ore) values
      ('2019-01-01', '2023-06-30', 2000000),
      ('2023-07-01', '2023-12-31', 4000000),
      ('2024-01-01', '2024-12-31', 4128000),
      ('2025-01-01', '2025-12-31', 4276600);

    -- Organisations that run frikort matchmaking (the social laundry in the demo).
    create table frikort_matchmaker (
      organisation_id uuid primary key references organisation(id) on delete cascade,
      designated_by uuid references person(id) on delete set null,
      designated_at timestamptz not null default now()
    );
    create index frikort_matchmaker_designated_by_idx on frikort_matchmaker (designated_by);

    create table job (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisation(id) on delete cascade,
      title text not null check (length(trim(title)) between 1 and 200),
      tasks text not null check (length(tasks) <= 4000),
      hours text not null check (length(hours) <= 200),
      place text not null check (length(place) <= 200),
      pay_per_hour_ore integer not null check (pay_per_hour_ore > 0 and pay_per_hour_ore <= 1000000),
      support_at_work text check (length(support_at_work) <= 2000),
      contact text not null check (length(contact) <= 300),
      suitable_for_frikort boolean not null default true,
      wage_subsidised boolean not null default false,
      status text not null default 'open' check (status in ('open', 'closed')),
      created_by uuid references person(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      -- frikort is for ordinary work: a wage-subsidised job cannot be offered with it
      check (not (suitable_for_frikort and wage_subsidised))
    );
    create index job_organisation_idx on job (organisation_id, status);
    create index job_open_idx on job (status, suitable_for_frikort, created_at desc);
    create index job_created_by_idx on job (created_by);

    create table frikort_match (
      id uuid primary key default gen_random_uuid(),
      citizen_id uuid not null references citizen(id) on delete cascade,
      job_id uuid references job(id) on delete set null,
      matchmaker_organisation_id uuid not null references organisation(id) on delete restrict,
      employer_organisation_id uuid references organisation(id) on delete set null,
      state text not null check (state in ('suggested', 'interested', 'trial', 'hired', 'ended')),
      suggested_at timestamptz,
      interested_at timestamptz,
      trial_at timestamptz,
      hired_at timestamptz,
      ended_at timestamptz,
      ended_reason text check (ended_reason in
        ('not_interested', 'no_show', 'job_ended', 'citizen_wish', 'moved_on', 'other')),
      created_by uuid references person(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (state <> 'ended' or (ended_at is not null and ended_reason is not null)),
      check (state <> 'hired' or hired_at is not null)
    );
    -- one open match per citizen and job: a second "I'm interested" finds the first
    create unique index frikort_match_open_idx on frikort_match (citizen_id, job_id)
      where state <> 'ended' and job_id is not null;
    create index frikort_match_citizen_idx on frikort_match (citizen_id, created_at desc);
    create index frikort_match_matchmaker_idx on frikort_match (matchmaker_organisation_id, state);
    create index frikort_match_employer_idx on frikort_match (employer_organisation_id, state);
    create index frikort_match_job_idx on frikort_match (job_id);
    create index frikort_match_created_by_idx on frikort_match (created_by);

    -- Pay per work period. Never edited: a correction is a reversing entry.
    create table frikort_earning (
      id uuid primary key default gen_random_uuid(),
      citizen_id uuid not null references citizen(id) on delete cascade,
      employer_organisation_id uuid not null references organisation(id) on delete restrict,
      period_start date not null,
      period_end date not null,
      paid_on date not null,
      -- holiday pay included; negative only on a reversing entry
      amount_ore integer not null check (amount_ore <> 0),
      reverses_earning_id uuid unique references frikort_earning(id) on delete restrict,
      note text check (length(note) <= 500),
      submission_id uuid unique,
      recorded_by uuid references person(id) on delete set null,
      recorded_at timestamptz not null default now(),
      check (period_end >= period_start),
      check ((reverses_earning_id is null) = (amount_ore > 0))
    );
    create index frikort_earning_citizen_idx on frikort_earning (citizen_id, paid_on);
    create index frikort_earning_employer_idx
      on frikort_earning (employer_organisation_id, citizen_id, paid_on);
    create index frikort_earning_recorded_by_idx on frikort_earning (recorded_by);

    create function frikort_earning_refuse_change() returns trigger language plpgsql as $$
    begin
      -- erasing a citizen removes their rows; nothing else may
      if tg_op = 'DELETE' and current_setting('brobygger.anonymising', true) = 'on' then
        return old;
      end if;
      raise exception 'frikort earnings are never changed: record a reversing entry instead'
        using errcode = 'insufficient_privilege';
    end;
    $$;
    create trigger frikort_earning_never_changed before update or delete on frikort_earning
      for each row execute function frikort_earning_refuse_change();
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger frikort_earning_never_changed on frikort_earning;
    drop function frikort_earning_refuse_change();
    drop table frikort_earning;
    drop table frikort_match;
    drop table job;
    drop table frikort_matchmaker;
    drop table frikort_cap;
    drop table frikort_decision;
  `.execute(db)
}
