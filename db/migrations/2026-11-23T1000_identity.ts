import { sql, type Kysely } from 'kysely'

// People, their roles, the ways they log in, sessions, invitations and the brute-force ledger.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table person (
      id uuid primary key default gen_random_uuid(),
      email text check (email is null or email ~ '^[^@\\s]+@[^@\\s]+$'),
      display_name text not null check (length(trim(display_name)) > 0),
      language text not null default 'da' check (language in ('da', 'en')),
      contact_preference text not null default 'email'
        check (contact_preference in ('email', 'sms', 'phone', 'via_caseworker')),
      phone text,
      password_hash text,
      -- TOTP secret, encrypted with a key derived from SESSION_SECRET (AES-256-GCM)
      totp_secret_enc text,
      totp_pending_secret_enc text,
      totp_enabled_at timestamptz,
      totp_last_step bigint,
      email_verified_at timestamptz,
      is_demo boolean not null default false,
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index person_email_key on person (lower(email)) where email is not null;

    create table recovery_code (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references person(id) on delete cascade,
      code_hash text not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index recovery_code_person_idx on recovery_code (person_id);

    create table municipal_role (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references person(id) on delete cascade,
      municipality_id uuid not null references municipality(id) on delete cascade,
      role text not null check (role in ('caseworker', 'administrator', 'council_viewer')),
      granted_by uuid references person(id) on delete set null,
      granted_at timestamptz not null default now(),
      unique (person_id, municipality_id, role)
    );
    create index municipal_role_municipality_idx on municipal_role (municipality_id, role);

    create table organisation_membership (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references person(id) on delete cascade,
      organisation_id uuid not null references organisation(id) on delete cascade,
      role text not null check (role in ('coordinator', 'staff')),
      granted_by uuid references person(id) on delete set null,
      granted_at timestamptz not null default now(),
      unique (person_id, organisation_id)
    );
    create index organisation_membership_org_idx on organisation_membership (organisation_id);

    -- The citizen (borger) as a person known to one municipality. Later capabilities add the
    -- rest of the record; here it is what an access code and the citizen role need.
    create table citizen (
      id uuid primary key default gen_random_uuid(),
      municipality_id uuid not null references municipality(id) on delete restrict,
      person_id uuid unique references person(id) on delete set null,
      chosen_name text not null check (length(trim(chosen_name)) > 0),
      created_by uuid references person(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index citizen_municipality_idx on citizen (municipality_id);

    create table volunteer_profile (
      person_id uuid primary key references person(id) on delete cascade,
      created_at timestamptz not null default now()
    );

    create table session (
      -- sha256 of the cookie's random token: a copy of this table cannot be replayed
      id text primary key,
      person_id uuid not null references person(id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      idle_timeout_seconds integer not null check (idle_timeout_seconds > 0),
      expires_at timestamptz not null,
      mfa_verified_at timestamptz,
      revoked_at timestamptz,
      revoked_reason text,
      user_agent text,
      ip_hash text
    );
    create index session_person_idx on session (person_id) where revoked_at is null;

    create table device_credential (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references person(id) on delete cascade,
      token_hash text not null unique,
      pin_hash text not null,
      label text,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index device_credential_person_idx on device_credential (person_id);

    create table login_token (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      purpose text not null check (purpose in ('magic_link', 'password_reset')),
      person_id uuid not null references person(id) on delete cascade,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index login_token_person_idx on login_token (person_id);

    create table access_code (
      id uuid primary key default gen_random_uuid(),
      code_hash text not null unique,
      person_id uuid not null references person(id) on delete cascade,
      issued_by uuid references person(id) on delete set null,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index access_code_person_idx on access_code (person_id);

    create table invitation (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      email text not null,
      display_name text,
      municipality_id uuid references municipality(id) on delete cascade,
      organisation_id uuid references organisation(id) on delete cascade,
      role text not null check (role in ('caseworker', 'administrator', 'council_viewer', 'coordinator', 'staff')),
      invited_by uuid references person(id) on delete set null,
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_person_id uuid references person(id) on delete set null,
      revoked_at timestamptz,
      created_at timestamptz not null default now(),
      check ((municipality_id is null) <> (organisation_id is null)),
      check (
        (municipality_id is not null and role in ('caseworker', 'administrator', 'council_viewer'))
        or (organisation_id is not null and role in ('coordinator', 'staff'))
      )
    );
    create index invitation_municipality_idx on invitation (municipality_id);
    create index invitation_organisation_idx on invitation (organisation_id);

    -- Brute-force ledger: one row per attempt, per key (account or IP hash). Shared by every
    -- app instance because it lives in the database.
    create table auth_attempt (
      id bigint generated always as identity primary key,
      kind text not null check (kind in ('password', 'pin', 'totp', 'magic_link', 'access_code', 'password_reset')),
      key text not null,
      ok boolean not null,
      at timestamptz not null default now()
    );
    create index auth_attempt_key_idx on auth_attempt (key, at);
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table auth_attempt;
    drop table invitation;
    drop table access_code;
    drop table login_token;
    drop table device_credential;
    drop table session;
    drop table volunteer_profile;
    drop table citizen;
    drop table municipal_role;
    drop table organisation_membership;
    drop table recovery_code;
    drop table person;
  `.execute(db)
}
