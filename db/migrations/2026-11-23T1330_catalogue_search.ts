import { sql, type Kysely } from 'kysely'

// The public catalogue's text search. The embedded database (PGlite) runs no autovacuum, and a
// GIN index with fastupdate keeps new rows in a pending list that every search reads in full
// and only VACUUM empties: measured at 5,000 activities the planner then preferred a sequential
// scan (55 ms) to the index (1 ms). Activities are written rarely and searched often, so new
// rows go straight into the index instead.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter index activity_search_idx set (fastupdate = off)`.execute(db)
  await sql`select gin_clean_pending_list('activity_search_idx'::regclass)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter index activity_search_idx reset (fastupdate)`.execute(db)
}
