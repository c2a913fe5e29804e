import { sql, type Kysely } from 'kysely'

// Reporting back to the municipality (PRODUCT.md §3.7, ADR 018): the association's periodic
// §18 status report (draft → submitted → approved | returned → submitted), the municipality's
// action-plan initiatives whose status column the platform fills in, and the council viewers'
// comments on the dashboard. Plus the indexes the dashboard's period filters use.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table status_report (
      id uuid primary key default gen_random_uuid(),
      partnership_id uuid not null references partnership(id) on delete cascade,
      period_from date not null,
      period_to date not null,
      due_on date not null,
      state text not null default 'draft'
        check (state in ('draft', 'submitted', 'approved', 'returned')),
      -- figures from the platform, refreshed while the association writes, frozen at submission
      prefilled jsonb not null default '{}'::jsonb,
      -- the association's text per section
      answers jsonb not null default '{}'::jsonb,
      admin_comment text check (length(admin_comment) <= 4000),
      requested_by uuid references person(id) on delete set null,
      submitted_by uuid references person(id) on delete set null,
      submitted_at timestamptz,
      decided_by uuid references person(id) on delete set null,
      decided_at timestamptz,
      reminded_for date,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (partnership_id, period_from, period_to),
      check (period_to >= period_from),
      check (state = 'draft' or submitted_at is not null),
      check (state not in ('approved', 'returned') or decided_at is not null),
      check (state <> 'returned' or admin_comment is not null)
    );
    create index status_report_due_idx on status_report (due_on) where state in ('draft', 'returned');
    create index status_report_state_idx on status_report (state, submitted_at);
    create index status_report_requested_by_idx on status_report (requested_by);
    create index status_report_submitted_by_idx on status_report (submitted_by);
    create index status_report_decided_by_idx on status_report (decided_by);

    -- One row of the action-plan status table, in the municipality's own format.
    create table action_plan_initiative (
      id uuid primary key default gen_random_uuid(),
      municipality_id uuid not null references municipality(id) on delete cascade,
      position integer not null check (position > 0),
      title text not null check (length(trim(title)) between 1 and 300),
      purpose text not null check (length(purpose) <= 4000),
      lead text not null check (length(lead) <= 300),
      period_start date,
      period_end date,
      partners text not null default '' check (length(partners) <= 1000),
      -- where the Status column takes its figures from
      partnership_id uuid references partnership(id) on delete set null,
      goal_id uuid references goal(id) on delete set null,
      created_by uuid references person(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (period_end is null or period_start is null or period_end >= period_start)
    );
    create index action_plan_initiative_municipality_idx
      on action_plan_initiative (municipality_id, position);
    create index action_plan_initiative_partnership_idx on action_plan_initiative (partnership_id);
    create index action_plan_initiative_goal_idx on action_plan_initiative (goal_id);
    create index action_plan_initiative_created_by_idx on action_plan_initiative (created_by);

    -- The council viewers' (Udsatterådet) comments on a period's dashboard.
    create table report_comment (
      id uuid primary key default gen_random_uuid(),
      municipality_id uuid not null references municipality(id) on delete cascade,
      author_id uuid references person(id) on delete set null,
      period_from date not null,
      period_to date not null,
      body text not null check (length(trim(body)) between 1 and 2000),
      created_at timestamptz not null default now()
    );
    create index report_comment_municipality_idx on report_comment (municipality_id, created_at desc);
    create index report_comment_author_idx on report_comment (author_id);

    -- Held sessions, head counts and named check-ins per activity and closed month: the
    -- dashboard reads these instead of scanning a year of sessions (ADR 018). Refreshed by the
    -- hourly job for every month whose sessions, attendance or check-ins changed.
    create table report_activity_month (
      activity_id uuid not null references activity(id) on delete cascade,
      month date not null check (extract(day from month) = 1),
      sessions integer not null check (sessions >= 0),
      anonymous integer not null check (anonymous >= 0),
      named_visits integer not null check (named_visits >= 0),
      refreshed_at timestamptz not null default now(),
      primary key (activity_id, month)
    );
    create index report_activity_month_month_idx on report_activity_month (month);

    -- When the rollup last looked for changes (one row).
    create table report_rollup_state (
      id boolean primary key default true check (id),
      refreshed_at timestamptz not null
    );
    create index session_attendance_updated_idx on session_attendance (updated_at);
    create index signup_updated_idx on signup (updated_at) where state = 'attended';

    -- The dashboard: referrals by municipality and when they were sent, whatever their state.
    create index referral_municipality_sent_idx on referral (municipality_id, sent_at);
    create index volunteer_hours_worked_on_idx on volunteer_hours (worked_on) where state = 'approved';
    create index signup_attended_idx on signup (session_id) where state = 'attended';
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index signup_attended_idx;
    drop index signup_updated_idx;
    drop index session_attendance_updated_idx;
    drop table report_rollup_state;
    drop table report_activity_month;
    drop index volunteer_hours_worked_on_idx;
    drop index referral_municipality_sent_idx;
    drop table report_comment;
    drop table action_plan_initiative;
    drop table status_report;
  `.execute(db)
}
