import type { Executor } from '~/db.server'
import { auditHashSecret } from '~/env.server'
import { hmac } from '../identity/crypto.server'

export interface AuditEntry {
  action: string
  actorPersonId?: string | null
  municipalityId?: string | null
  recordType?: string | null
  recordId?: string | null
  subjectCitizenId?: string | null
  ipHash?: string | null
  page?: string | null
  details?: Record<string, unknown>
  now?: Date
}

/** Keyed hash of a client IP: the same IP gives the same value, the value gives no IP back. */
export function hashIp(ip: string | null | undefined): string | null {
  return ip ? hmac(auditHashSecret(), `ip:${ip}`).slice(0, 32) : null
}

/** Appends to the audit trail (the database refuses to change or delete it). */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      action: entry.action,
      actor_person_id: entry.actorPersonId ?? null,
      municipality_id: entry.municipalityId ?? null,
      record_type: entry.recordType ?? null,
      record_id: entry.recordId ?? null,
      subject_citizen_id: entry.subjectCitizenId ?? null,
      ip_hash: entry.ipHash ?? null,
      page: entry.page ?? null,
      details: JSON.stringify(entry.details ?? {}),
      ...(entry.now ? { occurred_at: entry.now } : {}),
    })
    .execute()
}

export interface AccessContext {
  db: Executor
  actor: { personId: string }
  ipHash?: string | null
  now: Date
}

/**
 * The one call every module makes when someone other than the citizen reads or changes a
 * citizen's personal data. The citizen sees these rows on "Who has seen my information".
 */
export async function recordAccess(
  ctx: AccessContext,
  access: {
    citizenId: string
    municipalityId?: string | null
    action?: 'citizen.read' | 'citizen.change'
    recordType: string
    recordId: string
    page: string
    details?: Record<string, unknown>
  },
): Promise<void> {
  await recordAudit(ctx.db, {
    action: access.action ?? 'citizen.read',
    actorPersonId: ctx.actor.personId,
    municipalityId: access.municipalityId ?? null,
    recordType: access.recordType,
    recordId: access.recordId,
    subjectCitizenId: access.citizenId,
    ipHash: ctx.ipHash ?? null,
    page: access.page,
    details: access.details,
    now: ctx.now,
  })
}
