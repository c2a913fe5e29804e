import { sql, type Kysely } from 'kysely'

// Append-only history: domain events (state transitions) and the audit trail (sign-ins, role
// changes, every read or change of a citizen's personal data). The database itself refuses
// UPDATE, DELETE and TRUNCATE, so no code path and no administrator's SQL slip can rewrite them.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function refuse_append_only_change() returns trigger language plpgsql as $$
    begin
      raise exception 'table % is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
    end;
    $$;

    create table event (
      id bigint generated always as identity primary key,
      occurred_at timestamptz not null default now(),
      municipality_id uuid references municipality(id) on delete restrict,
      actor_person_id uuid,
      entity_type text not null,
      entity_id uuid not null,
      type text not null,
      data jsonb not null default '{}'::jsonb
    );
    create index event_entity_idx on event (entity_type, entity_id, occurred_at);
    create index event_municipality_idx on event (municipality_id, occurred_at);

    create table audit_log (
      id bigint generated always as identity primary key,
      occurred_at timestamptz not null default now(),
      actor_person_id uuid,
      municipality_id uuid references municipality(id) on delete restrict,
      action text not null,
      record_type text,
      record_id uuid,
      subject_citizen_id uuid,
      -- keyed hash (HMAC) of the client IP: comparable within the trail, not reversible
      ip_hash text,
      page text,
      details jsonb not null default '{}'::jsonb
    );
    create index audit_log_actor_idx on audit_log (actor_person_id, occurred_at);
    create index audit_log_record_idx on audit_log (record_type, record_id, occurred_at);
    create index audit_log_citizen_idx on audit_log (subject_citizen_id, occurred_at);
    create index audit_log_action_idx on audit_log (action, occurred_at);

    create trigger event_append_only before update or delete on event
      for each row execute function refuse_append_only_change();
    create trigger event_no_truncate before truncate on event
      for each statement execute function refuse_append_only_change();
    create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function refuse_append_only_change();
    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function refuse_append_only_change();
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table audit_log;
    drop table event;
    drop function refuse_append_only_change();
  `.execute(db)
}
