import { sql, type Kysely } from 'kysely'

// The network model: municipalities (tenants), their areas and goal frameworks, the shared
// target-group taxonomy and the organisations that partner with them.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table municipality (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique check (slug ~ '^[a-z0-9-]+$'),
      name text not null,
      code text unique check (code ~ '^[0-9]{3}$'),
      social_emergency_phone text,
      created_at timestamptz not null default now()
    );

    create table area (
      id uuid primary key default gen_random_uuid(),
      municipality_id uuid not null references municipality(id) on delete cascade,
      slug text not null check (slug ~ '^[a-z0-9-]+$'),
      name text not null,
      created_at timestamptz not null default now(),
      unique (municipality_id, slug)
    );
    create index area_municipality_idx on area (municipality_id);

    create table goal_framework (
      id uuid primary key default gen_random_uuid(),
      municipality_id uuid not null references municipality(id) on delete cascade,
      name text not null,
      valid_from date,
      valid_to date,
      created_at timestamptz not null default now(),
      check (valid_to is null or valid_from is null or valid_to >= valid_from)
    );
    create index goal_framework_municipality_idx on goal_framework (municipality_id);

    create table goal (
      id uuid primary key default gen_random_uuid(),
      framework_id uuid not null references goal_framework(id) on delete cascade,
      position integer not null check (position > 0),
      title_da text not null,
      title_en text not null,
      unique (framework_id, position)
    );
    create index goal_framework_idx on goal (framework_id);

    create table target_group (
      id uuid primary key default gen_random_uuid(),
      code text not null unique check (code ~ '^[a-z0-9_]+$'),
      name_da text not null,
      name_en text not null,
      -- GDPR art. 9 special categories: shown to municipal staff only, reported only as
      -- suppressed aggregates.
      sensitive boolean not null default false
    );

    create table organisation (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(trim(name)) > 0),
      type text not null check (type in ('association', 'drop_in', 'ngo', 'social_enterprise', 'employer')),
      cvr text unique check (cvr ~ '^[0-9]{8}$'),
      description text,
      email text,
      phone text,
      website text,
      street_address text,
      postal_code text check (postal_code ~ '^[0-9]{4}$'),
      city text,
      home_municipality_id uuid references municipality(id) on delete set null,
      status text not null default 'pending' check (status in ('pending', 'approved', 'suspended')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index organisation_home_municipality_idx on organisation (home_municipality_id);
    create index organisation_status_idx on organisation (status);
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table organisation;
    drop table target_group;
    drop table goal;
    drop table goal_framework;
    drop table area;
    drop table municipality;
  `.execute(db)
}
