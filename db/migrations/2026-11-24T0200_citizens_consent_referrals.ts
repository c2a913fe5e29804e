import { sql, type Kysely } from 'kysely'

// Citizens (borgere), consent (samtykke) and referrals (henvisninger) — PRODUCT.md §3.4, §4, §5.
// No CPR number exists anywhere. Consent is never edited: the only change the database allows
// is setting the withdrawal once; a changed consent is a new row.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table citizen
      add column birth_year smallint check (birth_year between 1900 and 2100),
      add column language text not null default 'da' check (language in ('da', 'en')),
      add column area_id uuid references area(id) on delete set null,
      add column contact_preference text not null default 'via_caseworker'
        check (contact_preference in ('sms', 'phone', 'email', 'via_caseworker')),
      add column phone text check (phone is null or phone ~ '^\\+?[0-9 ]{8,16}$'),
      add column email text check (email is null or email ~ '^[^@\\s]+@[^@\\s]+$'),
      add column address text check (length(address) <= 200),
      -- hides address and contact from everyone but the citizen's caseworkers; discreet messages
      add column safety_flag boolean not null default false,
      add column anonymised_at timestamptz,
      add column updated_at timestamptz not null default now();
    create index citizen_area_idx on citizen (area_id);
    create index citizen_created_by_idx on citizen (created_by);
    create index citizen_name_idx on citizen (municipality_id, lower(chosen_name));

    -- The caseworkers responsible for a citizen (who registered or referred them).
    create table citizen_caseworker (
      citizen_id uuid not null references citizen(id) on delete cascade,
      person_id uuid not null references person(id) on delete cascade,
      added_at timestamptz not null default now(),
      primary key (citizen_id, person_id)
    );
    create index citizen_caseworker_person_idx on citizen_caseworker (person_id);

    -- GDPR art. 9 special categories: municipal staff only.
    create table citizen_target_group (
      citizen_id uuid not null references citizen(id) on delete cascade,
      target_group_id uuid not null references target_group(id) on delete cascade,
      primary key (citizen_id, target_group_id)
    );
    create index citizen_target_group_tg_idx on citizen_target_group (target_group_id);

    create table consent (
      id uuid primary key default gen_random_uuid(),
      citizen_id uuid not null references citizen(id) on delete cascade,
      purpose text not null check (purpose in
        ('referral', 'buddy_match', 'frikort_matchmaking', 'named_attendance', 'contact_after_course')),
      -- name, contact, birth_year, area, language, referral_note, frikort
      data_categories text[] not null check (data_categories <@
        array['name', 'contact', 'birth_year', 'area', 'language', 'referral_note', 'frikort']::text[]),
      wording_version text not null,
      channel text not null check (channel in ('digital', 'assisted', 'paper', 'oral')),
      -- the staff member present for an assisted, paper or oral consent
      assisted_by uuid references person(id) on delete set null,
      recorded_by uuid references person(id) on delete set null,
      given_at timestamptz not null default now(),
      expires_at timestamptz not null,
      withdrawn_at timestamptz,
      withdrawn_by uuid references person(id) on delete set null,
      withdrawal_channel text check (withdrawal_channel in ('digital', 'assisted', 'paper', 'oral')),
      replaces_consent_id uuid references consent(id) on delete set null,
      created_at timestamptz not null default now(),
      check (expires_at > given_at),
      check (channel = 'digital' or assisted_by is not null)
    );
    create index consent_citizen_idx on consent (citizen_id, given_at desc);
    create index consent_expiring_idx on consent (expires_at) where withdrawn_at is null;
    create index consent_assisted_by_idx on consent (assisted_by);
    create index consent_recorded_by_idx on consent (recorded_by);
    create index consent_withdrawn_by_idx on consent (withdrawn_by);
    create index consent_replaces_idx on consent (replaces_consent_id);

    create table consent_recipient (
      consent_id uuid not null references consent(id) on delete cascade,
      organisation_id uuid not null references organisation(id) on delete cascade,
      primary key (consent_id, organisation_id)
    );
    create index consent_recipient_org_idx on consent_recipient (organisation_id);

    create function consent_refuse_edit() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
        and old.withdrawn_at is null
        and new.withdrawn_at is not null
        and (to_jsonb(new) - array['withdrawn_at', 'withdrawn_by', 'withdrawal_channel'])
          = (to_jsonb(old) - array['withdrawn_at', 'withdrawn_by', 'withdrawal_channel'])
      then
        return new;
      end if;
      -- anonymisation and erasure empty the citizen but keep the consent for counting
      if tg_op = 'UPDATE' and current_setting('brobygger.anonymising', true) = 'on' then
        return new;
      end if;
      raise exception 'consent is never edited: record a new consent instead'
        using errcode = 'insufficient_privilege';
    end;
    $$;
    create trigger consent_never_edited before update on consent
      for each row execute function consent_refuse_edit();

    create table referral (
      id uuid primary key default gen_random_uuid(),
      citizen_id uuid not null references citizen(id) on delete cascade,
      -- denormalised from the citizen so every staff query filters on one column
      municipality_id uuid not null references municipality(id) on delete restrict,
      caseworker_id uuid references person(id) on delete set null,
      to_organisation_id uuid not null references organisation(id) on delete restrict,
      kind text not null check (kind in ('buddy', 'activity', 'organisation', 'frikort')),
      activity_id uuid references activity(id) on delete set null,
      consent_id uuid not null references consent(id) on delete restrict,
      shared_categories text[] not null default '{}',
      note text check (length(note) <= 2000),
      state text not null default 'sent' check (state in
        ('sent', 'accepted', 'declined', 'in_progress', 'completed', 'cancelled', 'expired')),
      state_reason text check (length(state_reason) <= 1000),
      -- assisted mode: the citizen was present when the caseworker made it
      assisted_by uuid references person(id) on delete set null,
      sent_at timestamptz not null default now(),
      deadline_at timestamptz not null,
      answered_at timestamptz,
      closed_at timestamptz,
      reminded_7_at timestamptz,
      reminded_12_at timestamptz,
      updated_at timestamptz not null default now(),
      check (deadline_at > sent_at),
      check (state not in ('declined', 'cancelled') or state_reason is not null),
      check (kind <> 'activity' or activity_id is not null)
    );
    create index referral_org_state_idx on referral (to_organisation_id, state, sent_at);
    create index referral_municipality_state_idx on referral (municipality_id, state, sent_at);
    create index referral_caseworker_idx on referral (caseworker_id, state);
    create index referral_citizen_idx on referral (citizen_id, sent_at desc);
    create index referral_consent_idx on referral (consent_id);
    create index referral_activity_idx on referral (activity_id);
    create index referral_assisted_by_idx on referral (assisted_by);
    create index referral_deadline_idx on referral (deadline_at) where state = 'sent';

    -- What a caseworker last saw, for "what changed since I last looked".
    create table caseworker_seen (
      person_id uuid primary key references person(id) on delete cascade,
      seen_at timestamptz not null
    );
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table caseworker_seen;
    drop table referral;
    drop trigger consent_never_edited on consent;
    drop function consent_refuse_edit();
    drop table consent_recipient;
    drop table consent;
    drop table citizen_target_group;
    drop table citizen_caseworker;
    drop index citizen_name_idx;
    drop index citizen_created_by_idx;
    drop index citizen_area_idx;
    alter table citizen
      drop column birth_year, drop column language, drop column area_id,
      drop column contact_preference, drop column phone, drop column email, drop column address,
      drop column safety_flag, drop column anonymised_at, drop column updated_at;
  `.execute(db)
}
