import { inTransaction } from '~/db.server'
import type { ConsentChannel, Language } from '../../../db/schema.ts'
import { recordAccess, recordAudit } from '../audit/audit.server'
import { caseworkerMunicipalities } from '../citizens/access-codes.server'
import type { Ctx } from '../identity/guards.server'
import { isUuid } from '../identity/invitation-schemas'
import { enqueueEmail } from '../notifications/outbox.server'
import {
  caseworkersOf,
  coordinatorsOf,
  link,
  personRecipient,
  type Recipient,
} from '../referrals/mail.server'
import { cancelReferralsForConsent } from '../referrals/referrals.server'

// Withdrawing consent (PRODUCT.md §3.4): at any time, by the citizen or by staff on the
// citizen's word, and in one transaction: the consent is marked withdrawn (the only change the
// database allows on a consent), every open referral resting on it is cancelled with the reason
// "consent withdrawn", and everyone affected is told — the organisations' coordinators, the
// caseworkers, and the citizen unless they asked to be reached through their caseworker.

export type WithdrawResult =
  | { ok: true; alreadyWithdrawn: boolean; cancelledReferrals: number }
  | { ok: false; reason: 'expired' }

export type Withdrawer =
  { as: 'citizen' } | { as: 'caseworker'; citizenId: string; channel: ConsentChannel }

/** Null: no such consent for this person (another citizen's, another municipality's). */
export async function withdrawConsent(
  ctx: Ctx,
  consentId: string,
  who: Withdrawer,
): Promise<WithdrawResult | null> {
  const municipalityIds = who.as === 'caseworker' ? caseworkerMunicipalities(ctx) : []
  const ownCitizen = who.as === 'citizen' ? ctx.actor.citizen : null
  if (who.as === 'citizen' && !ownCitizen) return null
  if (!isUuid(consentId)) return null
  return inTransaction(ctx.db, async (trx) => {
    let query = trx
      .selectFrom('consent as k')
      .innerJoin('citizen as c', 'c.id', 'k.citizen_id')
      .leftJoin('person as p', 'p.id', 'c.person_id')
      .select([
        'k.id',
        'k.withdrawn_at',
        'k.expires_at',
        'c.id as citizen_id',
        'c.municipality_id',
        'c.safety_flag',
        'c.contact_preference',
        'c.chosen_name',
        'c.language',
        'c.email as citizen_email',
        'p.email as person_email',
      ])
      .where('k.id', '=', consentId)
      .forUpdate('k')
    query =
      who.as === 'citizen'
        ? query.where('k.citizen_id', '=', ownCitizen!.id)
        : query
            .where('k.citizen_id', '=', who.citizenId)
            .where('c.municipality_id', 'in', municipalityIds)
    const consent = await query.executeTakeFirst()
    if (!consent) return null
    if (consent.withdrawn_at) return { ok: true, alreadyWithdrawn: true, cancelledReferrals: 0 }
    if (new Date(consent.expires_at) <= ctx.now) return { ok: false, reason: 'expired' }

    const channel: ConsentChannel = who.as === 'citizen' ? 'digital' : who.channel
    await trx
      .updateTable('consent')
      .set({ withdrawn_at: ctx.now, withdrawn_by: ctx.actor.personId, withdrawal_channel: channel })
      .where('id', '=', consent.id)
      .execute()
    await trx
      .insertInto('event')
      .values({
        occurred_at: ctx.now,
        municipality_id: consent.municipality_id,
        actor_person_id: ctx.actor.personId,
        entity_type: 'consent',
        entity_id: consent.id,
        type: 'consent.withdrawn',
        data: JSON.stringify({ channel, by: who.as, citizenId: consent.citizen_id }),
      })
      .execute()
    const cancelled = await cancelReferralsForConsent(
      trx,
      consent.id,
      { personId: ctx.actor.personId, by: who.as === 'citizen' ? 'citizen' : 'caseworker' },
      ctx.now,
    )
    if (who.as === 'caseworker')
      await recordAccess(
        { ...ctx, db: trx },
        {
          citizenId: consent.citizen_id,
          municipalityId: consent.municipality_id,
          action: 'citizen.change',
          recordType: 'consent',
          recordId: consent.id,
          page: `/case/citizens/${consent.citizen_id}/consents/${consent.id}/withdraw`,
          details: { change: 'consent_withdrawn', channel },
        },
      )
    else
      await recordAudit(trx, {
        action: 'consent.withdrawn',
        actorPersonId: ctx.actor.personId,
        municipalityId: consent.municipality_id,
        recordType: 'consent',
        recordId: consent.id,
        subjectCitizenId: consent.citizen_id,
        ipHash: ctx.ipHash,
        details: { channel },
        now: ctx.now,
      })

    const recipients = await trx
      .selectFrom('consent_recipient as cr')
      .innerJoin('organisation as o', 'o.id', 'cr.organisation_id')
      .select(['o.id', 'o.name'])
      .where('cr.consent_id', '=', consent.id)
      .orderBy('o.name')
      .execute()
    const organisations = recipients.map((o) => o.name).join(', ')
    const discreet = consent.safety_flag
    const send = async (
      to: Recipient,
      audience: 'organisation' | 'caseworker' | 'citizen',
      path: string,
      count: number,
    ) =>
      enqueueEmail(trx, {
        to: to.email,
        toName: to.name,
        language: to.language,
        template: 'consentWithdrawn',
        data: {
          name: to.name,
          audience,
          organisations,
          cancelledReferrals: count,
          link: link(path),
          discreet,
        },
        dedupeKey: `consent-withdrawn:${consent.id}:${audience}:${to.personId}`,
      })

    for (const org of recipients) {
      const count = cancelled.filter((r) => r.to_organisation_id === org.id).length
      for (const to of await coordinatorsOf(trx, org.id))
        await send(to, 'organisation', `/org/${org.id}/referrals`, count)
    }
    const caseworkers = new Map<string, Recipient>()
    for (const to of await caseworkersOf(trx, consent.citizen_id)) caseworkers.set(to.personId, to)
    for (const r of cancelled) {
      const to = await personRecipient(trx, r.caseworker_id)
      if (to) caseworkers.set(to.personId, to)
    }
    for (const to of caseworkers.values())
      if (to.personId !== ctx.actor.personId || who.as === 'citizen')
        await send(to, 'caseworker', `/case/citizens/${consent.citizen_id}`, cancelled.length)
    const citizenEmail = consent.citizen_email ?? consent.person_email
    if (citizenEmail && consent.contact_preference !== 'via_caseworker')
      await send(
        {
          personId: consent.citizen_id,
          email: citizenEmail,
          name: consent.chosen_name,
          language: consent.language as Language,
        },
        'citizen',
        `/me/consents/${consent.id}`,
        cancelled.length,
      )
    return { ok: true, alreadyWithdrawn: false, cancelledReferrals: cancelled.length }
  })
}
