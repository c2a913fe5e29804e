import { sql, type Kysely } from 'kysely'

// The administrator pages: the audit trail is searched per municipality, newest first, and the
// invitation table's person references get the indexes every foreign key should have.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index audit_log_municipality_idx on audit_log (municipality_id, occurred_at);
    create index invitation_invited_by_idx on invitation (invited_by);
    create index invitation_accepted_person_idx on invitation (accepted_person_id);
    create index invitation_email_idx on invitation (lower(email));
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index invitation_email_idx;
    drop index invitation_accepted_person_idx;
    drop index invitation_invited_by_idx;
    drop index audit_log_municipality_idx;
  `.execute(db)
}
