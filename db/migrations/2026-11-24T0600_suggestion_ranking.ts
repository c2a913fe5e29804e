import { sql, type Kysely } from 'kysely'

// Buddy suggestions rank every eligible volunteer of an organisation (ADR 020). Two things made
// that slow, and both are now kept by the database itself, so no code path can forget them:
//
// 1. Eligibility needed, per candidate and per required kind, the latest expiry of its checks.
//    `requirements_valid_until` on the application is that answer: the first Copenhagen date on
//    which the organisation's requirements are no longer all met ('infinity' when it has none,
//    '-infinity' when a check is missing). Statement triggers on both requirement tables and a
//    row trigger on the application keep it; `volunteerIsEligible` compares it with today.
// 2. Shared interests and languages were array intersections per candidate. The generated
//    `*_bits` columns hold the same sets as bits, in the order of the shared vocabulary
//    (app/modules/volunteers/vocab.ts); a test fails if the two lists part. A word added to the
//    vocabulary needs a migration that re-creates these columns with the longer list.

const INTERESTS = sql.raw(`array['football', 'cooking', 'walks', 'music', 'art', 'games',
  'nature', 'reading', 'film', 'crafts', 'fitness', 'coffee_chat', 'computers', 'gardening',
  'fishing', 'chess']::text[]`)
const LANGUAGES = sql.raw(`array['da', 'en', 'ar', 'tr', 'pl', 'so', 'fa', 'ur', 'uk', 'de',
  'es', 'fr', 'ti']::text[]`)

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function vocabulary_bits(codes text[], vocabulary text[]) returns integer
    language sql immutable parallel safe as $$
      select coalesce(bit_or(1 << (array_position(vocabulary, c) - 1)), 0)::integer
      from unnest(codes) c where c = any(vocabulary)
    $$;

    alter table volunteer_profile
      add column interest_bits integer not null
        generated always as (vocabulary_bits(interests, ${INTERESTS})) stored,
      add column language_bits integer not null
        generated always as (vocabulary_bits(languages, ${LANGUAGES})) stored;
    alter table buddy_wish
      add column interest_bits integer not null
        generated always as (vocabulary_bits(interests, ${INTERESTS})) stored,
      add column language_bits integer not null
        generated always as (vocabulary_bits(languages, ${LANGUAGES})) stored;

    create function requirements_valid_until(p_application uuid, p_organisation uuid) returns date
    language sql stable as $$
      select coalesce(min(coalesce(
        (select max(coalesce(vr.expires_on, 'infinity'::date)) from volunteer_requirement vr
          where vr.application_id = p_application and vr.kind = orq.kind),
        '-infinity'::date)), 'infinity'::date)
      from organisation_requirement orq where orq.organisation_id = p_organisation
    $$;

    alter table volunteer_application
      add column requirements_valid_until date not null default 'infinity';
    update volunteer_application
      set requirements_valid_until = requirements_valid_until(id, organisation_id);
    create index volunteer_application_org_eligible_idx
      on volunteer_application (organisation_id, state, requirements_valid_until);

    create function volunteer_application_requirements() returns trigger
    language plpgsql as $$
    begin
      new.requirements_valid_until := requirements_valid_until(new.id, new.organisation_id);
      return new;
    end
    $$;
    create trigger volunteer_application_requirements
      before insert or update of organisation_id, requirements_valid_until
      on volunteer_application
      for each row execute function volunteer_application_requirements();

    -- A record added, changed or removed: its application again. Touching the column is enough,
    -- the row trigger above computes the value.
    create function volunteer_requirement_changed() returns trigger
    language plpgsql as $$
    begin
      update volunteer_application va set requirements_valid_until = 'infinity'
      where va.id in (select application_id from changed);
      if tg_op = 'UPDATE' then
        update volunteer_application va set requirements_valid_until = 'infinity'
        where va.id in (select application_id from changed_before);
      end if;
      return null;
    end
    $$;
    create trigger volunteer_requirement_inserted after insert on volunteer_requirement
      referencing new table as changed
      for each statement execute function volunteer_requirement_changed();
    create trigger volunteer_requirement_updated after update on volunteer_requirement
      referencing old table as changed_before new table as changed
      for each statement execute function volunteer_requirement_changed();
    create trigger volunteer_requirement_deleted after delete on volunteer_requirement
      referencing old table as changed
      for each statement execute function volunteer_requirement_changed();

    -- An organisation adds or drops a requirement: all its applications again.
    create function organisation_requirement_changed() returns trigger
    language plpgsql as $$
    begin
      update volunteer_application va set requirements_valid_until = 'infinity'
      where va.organisation_id in (select organisation_id from changed);
      if tg_op = 'UPDATE' then
        update volunteer_application va set requirements_valid_until = 'infinity'
        where va.organisation_id in (select organisation_id from changed_before);
      end if;
      return null;
    end
    $$;
    create trigger organisation_requirement_inserted after insert on organisation_requirement
      referencing new table as changed
      for each statement execute function organisation_requirement_changed();
    create trigger organisation_requirement_updated after update on organisation_requirement
      referencing old table as changed_before new table as changed
      for each statement execute function organisation_requirement_changed();
    create trigger organisation_requirement_deleted after delete on organisation_requirement
      referencing old table as changed
      for each statement execute function organisation_requirement_changed();
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger organisation_requirement_inserted on organisation_requirement;
    drop trigger organisation_requirement_updated on organisation_requirement;
    drop trigger organisation_requirement_deleted on organisation_requirement;
    drop function organisation_requirement_changed();
    drop trigger volunteer_requirement_inserted on volunteer_requirement;
    drop trigger volunteer_requirement_updated on volunteer_requirement;
    drop trigger volunteer_requirement_deleted on volunteer_requirement;
    drop function volunteer_requirement_changed();
    drop trigger volunteer_application_requirements on volunteer_application;
    drop function volunteer_application_requirements();
    drop index volunteer_application_org_eligible_idx;
    alter table volunteer_application drop column requirements_valid_until;
    drop function requirements_valid_until(uuid, uuid);
    alter table buddy_wish drop column interest_bits, drop column language_bits;
    alter table volunteer_profile drop column interest_bits, drop column language_bits;
    drop function vocabulary_bits(text[], text[]);
  `.execute(db)
}
