import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { caseworkerMunicipalities } from '~/modules/citizens/access-codes.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import {
  cancelReferralAsCaseworker,
  getReferralForCaseworker,
} from '~/modules/referrals/referrals.server'
import { CaseworkerCancelSchema, REASON_MAX } from '~/modules/referrals/schemas'
import { availableTransitions } from '~/modules/referrals/transitions'
import { freeReason, historyData, stateKey } from '~/modules/referrals/view'
import { ErrorSummary } from '~/ui/error-summary'
import { formatDate } from '~/ui/format'
import { parseForm } from '~/ui/forms'
import { ReferralHistory } from '~/ui/referral-history'
import { TextareaField } from '~/ui/textarea-field'

const DONE = ['sent', 'existing', 'cancelled'] as const
type Done = (typeof DONE)[number]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  caseworkerMunicipalities(ctx)
  const r = await getReferralForCaseworker(ctx, params.referralId ?? '')
  if (!r) notFound()
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: t('pages.case.referralView.metaTitle', { name: r.citizenName }),
    done: DONE.includes(done as Done) ? (done as Done) : null,
    referral: {
      id: r.id,
      citizenId: r.citizenId,
      citizenName: r.citizenName,
      organisation: r.organisationName,
      kind: r.kind,
      activity: r.activityTitle,
      stateKey: stateKey(r.state, r.stateReason),
      reason: freeReason(r.stateReason),
      sent: formatDate(r.sentAt, lng),
      deadline: formatDate(r.deadlineAt, lng),
      caseworker: r.caseworkerName,
      shared: r.sharedCategories,
      note: r.note,
      consentId: r.consentId,
      assisted: r.assisted,
      canCancel: availableTransitions(r.state, 'caseworker').includes('cancel'),
    },
    history: historyData(r.history, lng),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  caseworkerMunicipalities(ctx)
  const parsed = parseForm(CaseworkerCancelSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const id = params.referralId ?? ''
  const result = await cancelReferralAsCaseworker(ctx, id, parsed.data.reason)
  if (!result) notFound()
  if (!result.ok)
    return data(
      { errors: { '': ['pages.case.referralView.notAllowed'] }, values: {} },
      { status: 409 },
    )
  kickOutbox()
  return redirect(`/case/referrals/${id}?done=cancelled`)
}

export default function CaseReferral() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const r = d.referral
  const P = 'pages.case.referralView'
  return (
    <>
      <p>
        <Link to={`/case/citizens/${r.citizenId}`}>
          {t('pages.case.backToCitizen', { name: r.citizenName })}
        </Link>
      </p>
      <h1>{t(`${P}.title`, { name: r.citizenName, organisation: r.organisation })}</h1>
      {d.done ? (
        <p className="notice" role="status">
          {t(`${P}.done.${d.done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <dl className="summary-list">
        <dt>{t(`${P}.fields.state`)}</dt>
        <dd>
          <strong>{t(r.stateKey)}</strong>
          {r.reason ? (
            <span className="muted-line">{t(`${P}.reason`, { reason: r.reason })}</span>
          ) : null}
        </dd>
        <dt>{t(`${P}.fields.to`)}</dt>
        <dd>
          {r.organisation}
          <span className="muted-line">
            {t(`common.referral.kinds.${r.kind}`)}
            {r.activity ? ` – ${r.activity}` : ''}
          </span>
        </dd>
        <dt>{t(`${P}.fields.sent`)}</dt>
        <dd>
          {r.sent}
          {r.assisted ? <span className="muted-line">{t(`${P}.assisted`)}</span> : null}
        </dd>
        <dt>{t(`${P}.fields.deadline`)}</dt>
        <dd>{r.deadline}</dd>
        <dt>{t(`${P}.fields.caseworker`)}</dt>
        <dd>{r.caseworker ?? '–'}</dd>
        <dt>{t(`${P}.fields.shared`)}</dt>
        <dd>{r.shared.map((c) => t(`common.consent.categories.${c}`)).join(', ')}</dd>
        <dt>{t(`${P}.fields.consent`)}</dt>
        <dd>
          <Link to={`/case/citizens/${r.citizenId}/consents/${r.consentId}`}>
            {t(`${P}.consentLink`)}
          </Link>
        </dd>
        <dt>{t(`${P}.fields.note`)}</dt>
        <dd className="preserve-lines">{r.note ?? '–'}</dd>
      </dl>
      <ReferralHistory items={d.history} id="history-title" />
      {r.canCancel ? (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title">{t(`${P}.cancel.title`)}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="cancel" />
            <TextareaField
              label={t(`${P}.cancel.reason`)}
              hint={t(`${P}.cancel.hint`)}
              name="reason"
              maxLength={REASON_MAX}
              rows={3}
              defaultValue={
                failed?.values && 'reason' in failed.values ? String(failed.values.reason) : ''
              }
              errors={errors.reason}
            />
            <button type="submit" className="button button--warning">
              {t(`${P}.cancel.submit`)}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}
