import { sql, type Kysely } from 'kysely'

// A citizen's request to have their data erased (GDPR art. 17). The municipality must act within
// a month (PRODUCT.md §5); due_at carries that deadline so overdue requests can be listed.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table erasure_request (
      id uuid primary key default gen_random_uuid(),
      citizen_id uuid not null references citizen(id) on delete cascade,
      requested_at timestamptz not null default now(),
      requested_by uuid references person(id) on delete set null,
      due_at timestamptz not null,
      completed_at timestamptz,
      completed_by uuid references person(id) on delete set null,
      check (due_at >= requested_at)
    );
    create index erasure_request_citizen_idx on erasure_request (citizen_id);
    create index erasure_request_open_due_idx on erasure_request (due_at) where completed_at is null;
    create index erasure_request_requested_by_idx on erasure_request (requested_by);
    create index erasure_request_completed_by_idx on erasure_request (completed_by);
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table erasure_request;`.execute(db)
}
