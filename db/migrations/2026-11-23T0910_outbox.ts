import { sql, type Kysely } from 'kysely'

// The e-mail outbox: a message is a row written in the same transaction as the change that
// causes it; the worker delivers it later (at least once, with a stable Message-ID).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table outbox_message (
      id uuid primary key default gen_random_uuid(),
      to_address text not null,
      to_name text,
      language text not null default 'da' check (language in ('da', 'en')),
      template text not null,
      subject text not null,
      text_body text not null,
      html_body text,
      status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
      attempts integer not null default 0 check (attempts >= 0),
      next_attempt_at timestamptz not null default now(),
      locked_until timestamptz,
      last_error text,
      dedupe_key text unique,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    );
    create index outbox_message_due_idx on outbox_message (next_attempt_at)
      where status in ('pending', 'sending');
    create index outbox_message_created_idx on outbox_message (created_at desc);

    create table outbox_attempt (
      id bigint generated always as identity primary key,
      message_id uuid not null references outbox_message(id) on delete cascade,
      attempted_at timestamptz not null default now(),
      ok boolean not null,
      error text
    );
    create index outbox_attempt_message_idx on outbox_attempt (message_id);
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table outbox_attempt; drop table outbox_message;`.execute(db)
}
