import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { hasOrgRole } from '~/modules/identity/policy'
import { answerReferral, getReferralForOrg } from '~/modules/referrals/referrals.server'
import { OrgAnswerSchema, REASON_MAX } from '~/modules/referrals/schemas'
import { availableTransitions } from '~/modules/referrals/transitions'
import { daysBetween, freeReason, historyData, stateKey } from '~/modules/referrals/view'
import { ErrorSummary } from '~/ui/error-summary'
import { formatDate } from '~/ui/format'
import { parseForm } from '~/ui/forms'
import { ReferralHistory } from '~/ui/referral-history'
import { TextareaField } from '~/ui/textarea-field'

// One referral as the organisation sees it: only what the citizen's active consent covers and
// the caseworker chose to share. Without that consent this page does not exist (404).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const r = await getReferralForOrg(ctx, orgId, params.referralId ?? '')
  if (!r) notFound()
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const done = new URL(request.url).searchParams.get('done')
  const coordinator = hasOrgRole(ctx.actor, orgId, ['coordinator'])
  return {
    title: t('pages.orgReferrals.detail.metaTitle'),
    done: done && /^[a-z_]+$/.test(done) ? done : null,
    organisationId: orgId,
    referral: {
      id: r.id,
      kind: r.kind,
      activity: r.activityTitle,
      stateKey: stateKey(r.state, r.stateReason),
      reason: freeReason(r.stateReason),
      sent: formatDate(r.sentAt, lng),
      ageDays: daysBetween(r.sentAt, ctx.now),
      deadline: formatDate(r.deadlineAt, lng),
      caseworker: r.caseworkerName,
      municipality: r.municipalityName,
      assisted: r.assisted,
      consentUntil: formatDate(r.consentExpiresAt, lng),
      citizen: {
        ...r.citizen,
        language: r.citizen.language,
      },
      shared: r.sharedCategories,
      note: r.note,
    },
    actions: coordinator ? availableTransitions(r.state, 'organisation') : [],
    history: historyData(r.history, lng),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator'])
  const parsed = parseForm(OrgAnswerSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const id = params.referralId ?? ''
  const result = await answerReferral(ctx, orgId, id, parsed.data)
  if (!result) notFound()
  if (!result.ok)
    return data(
      {
        errors: { '': ['pages.orgReferrals.errors.alreadyAnswered'] },
        values: {} as Record<string, string>,
      },
      { status: 409 },
    )
  kickOutbox()
  return redirect(`/org/${orgId}/referrals/${id}?done=${result.state}`)
}

export default function OrgReferral() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const failedIntent = failed?.values?.intent
  const r = d.referral
  const c = r.citizen
  const P = 'pages.orgReferrals.detail'
  const notShared = t(`${P}.notShared`)
  const reasonForm = (intent: 'decline' | 'cancel') => (
    <Form method="post" noValidate className="card">
      <input type="hidden" name="intent" value={intent} />
      <TextareaField
        label={t(`${P}.${intent}.reason`)}
        hint={t(`${P}.${intent}.hint`)}
        name="reason"
        id={failedIntent === intent ? 'field-reason' : `field-${intent}-reason`}
        maxLength={REASON_MAX}
        rows={3}
        defaultValue={failedIntent === intent ? (failed?.values?.reason ?? '') : ''}
        errors={failedIntent === intent ? errors.reason : undefined}
      />
      <button type="submit" className="button button--warning">
        {t(`${P}.${intent}.submit`)}
      </button>
    </Form>
  )
  return (
    <>
      <p>
        <Link to={`/org/${d.organisationId}/referrals`}>{t(`${P}.back`)}</Link>
      </p>
      <h1>{c.name ?? t(`${P}.unnamed`)}</h1>
      {d.done ? (
        <p className="notice" role="status">
          {t(`${P}.done`, { state: t(`common.referral.states.${d.done}`) })}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <p>{t(`${P}.consentNotice`, { date: r.consentUntil })}</p>
      <dl className="summary-list">
        <dt>{t(`${P}.fields.state`)}</dt>
        <dd>
          <strong>{t(r.stateKey)}</strong>
          {r.reason ? (
            <span className="muted-line">{t(`${P}.reason`, { reason: r.reason })}</span>
          ) : null}
        </dd>
        <dt>{t(`${P}.fields.kind`)}</dt>
        <dd>
          {t(`common.referral.kinds.${r.kind}`)}
          {r.activity ? <span className="muted-line">{r.activity}</span> : null}
        </dd>
        <dt>{t(`${P}.fields.sent`)}</dt>
        <dd>
          {r.sent}
          <span className="muted-line">
            {t('pages.orgReferrals.inbox.age', { count: r.ageDays })}
          </span>
        </dd>
        <dt>{t(`${P}.fields.deadline`)}</dt>
        <dd>{r.deadline}</dd>
        <dt>{t(`${P}.fields.from`)}</dt>
        <dd>
          {r.caseworker ?? '–'}
          <span className="muted-line">{r.municipality}</span>
          {r.assisted ? <span className="muted-line">{t(`${P}.assisted`)}</span> : null}
        </dd>
      </dl>
      <section aria-labelledby="shared-title">
        <h2 id="shared-title">{t(`${P}.sharedTitle`)}</h2>
        <dl className="summary-list">
          <dt>{t('common.consent.categories.name')}</dt>
          <dd>{c.name ?? notShared}</dd>
          <dt>{t('common.consent.categories.birth_year')}</dt>
          <dd>{c.birthYear ?? notShared}</dd>
          <dt>{t('common.consent.categories.area')}</dt>
          <dd>{c.area ?? notShared}</dd>
          <dt>{t('common.consent.categories.language')}</dt>
          <dd>{c.language ? t(`common.citizen.languages.${c.language}`) : notShared}</dd>
          <dt>{t('common.consent.categories.contact')}</dt>
          <dd>
            {c.contactWithheld
              ? t(`${P}.contactWithheld`)
              : c.contactPreference
                ? [t(`common.citizen.contact.${c.contactPreference}`), c.phone, c.email]
                    .filter(Boolean)
                    .join(' · ')
                : notShared}
          </dd>
          <dt>{t('common.consent.categories.referral_note')}</dt>
          <dd className="preserve-lines">{r.note ?? notShared}</dd>
        </dl>
      </section>
      {d.actions.length > 0 ? (
        <section aria-labelledby="answer-title">
          <h2 id="answer-title">{t(`${P}.answerTitle`)}</h2>
          <div className="button-row">
            {d.actions
              .filter((a) => a === 'accept' || a === 'start' || a === 'complete')
              .map((a) => (
                <Form method="post" key={a}>
                  <input type="hidden" name="intent" value={a} />
                  <button type="submit" className="button">
                    {t(`${P}.${a}`)}
                  </button>
                </Form>
              ))}
          </div>
          {d.actions.includes('decline') ? reasonForm('decline') : null}
          {d.actions.includes('cancel') ? reasonForm('cancel') : null}
        </section>
      ) : null}
      <ReferralHistory items={d.history} id="history-title" />
    </>
  )
}
