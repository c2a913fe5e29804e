import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { submitEntry } from '~/modules/partnerships/entries.server'
import { formatKroner } from '~/modules/partnerships/money'
import {
  getPartnership,
  listOutreach,
  localToday,
  type PartnershipScope,
} from '~/modules/partnerships/partnerships.server'
import { canRecordProgress } from '~/modules/partnerships/policy'
import { periodStatus } from '~/modules/partnerships/progress'
import { criterionItem, outreachRow, periodText } from '~/modules/partnerships/view'
import { ErrorSummary } from '~/ui/error-summary'
import { CriteriaProgress, OutreachForm, OutreachTable, ProgressForm } from '~/ui/partnership-parts'

const DONE = ['progress', 'outreach'] as const
type Done = (typeof DONE)[number]

const scopeOf = (orgId: string): PartnershipScope => ({ as: 'organisation', organisationId: orgId })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  // Another organisation's partnership is not found here, whoever asks.
  const p = await getPartnership(ctx, params.partnershipId ?? '', scopeOf(orgId))
  if (!p) notFound()
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const outreach = await listOutreach(ctx, p.id, scopeOf(orgId))
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: t('pages.orgPartnerships.detail.metaTitle', { title: p.title }),
    done: DONE.includes(done as Done) ? (done as Done) : null,
    organisationId: orgId,
    partnership: {
      id: p.id,
      title: p.title,
      municipality: p.municipalityName,
      legalBasis: p.legalBasis,
      period: periodText(p, lng),
      periodStatus: periodStatus(p.periodStart, p.periodEnd, localToday(ctx)),
      amount: t('common.price.amount', { amount: formatKroner(p.amountOere, lng) }),
      purpose: p.purpose,
    },
    canRecordProgress: canRecordProgress(ctx.actor, p),
    criteria: p.criteria.map((c) => criterionItem(c, lng)),
    outreach: outreach.map((e) => outreachRow(e, lng)),
    counted: outreach.filter((e) => e.inPeriod).length,
    today: localToday(ctx),
    // Chosen now, so a second submit of the same form is recognised and not counted twice.
    entryIds: { progress: crypto.randomUUID(), outreach: crypto.randomUUID() },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const id = params.partnershipId ?? ''
  const entry = await submitEntry(ctx, await request.formData(), id, scopeOf(orgId))
  if (!entry.ok) return data(entry, { status: 400 })
  return redirect(`/org/${orgId}/partnerships/${id}?done=${entry.done}`)
}

export default function OrgPartnership() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const Q = 'pages.orgPartnerships'
  const p = d.partnership
  const stateFor = (intent: 'progress' | 'outreach') =>
    failed?.intent === intent
      ? { errors, values: failed.values }
      : { errors: {}, values: {} as Record<string, string> }
  return (
    <>
      <p className="partnership-back">
        <Link to={`/org/${d.organisationId}/partnerships`}>{t(`${Q}.detail.back`)}</Link>
      </p>
      <h1>{p.title}</h1>
      {d.done && !failed ? (
        <p className="notice" role="status">
          {t(`${Q}.done.${d.done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <dl className="summary-list">
        <dt>{t(`${Q}.fields.municipality`)}</dt>
        <dd>{p.municipality}</dd>
        <dt>{t(`${Q}.fields.legalBasis`)}</dt>
        <dd>{t(`pages.staff.partnerships.legalBasis.${p.legalBasis}`)}</dd>
        <dt>{t(`${Q}.fields.period`)}</dt>
        <dd>
          {p.period}
          <span className="muted-line">{t(`${Q}.periodStatus.${p.periodStatus}`)}</span>
        </dd>
        <dt>{t(`${Q}.fields.amount`)}</dt>
        <dd>{p.amount}</dd>
        <dt>{t(`${Q}.fields.purpose`)}</dt>
        <dd className="partnership-purpose">{p.purpose}</dd>
      </dl>

      <section aria-labelledby="criteria-title">
        <h2 id="criteria-title">{t(`${Q}.sections.criteria`)}</h2>
        <CriteriaProgress criteria={d.criteria} />
      </section>

      {d.canRecordProgress ? (
        <section aria-labelledby="progress-title">
          <h2 id="progress-title">{t(`${Q}.sections.progress`)}</h2>
          <ProgressForm
            criteria={d.criteria}
            entryId={d.entryIds.progress}
            state={stateFor('progress')}
          />
        </section>
      ) : null}

      <section aria-labelledby="outreach-title">
        <h2 id="outreach-title">{t(`${Q}.sections.outreach`)}</h2>
        <OutreachTable rows={d.outreach} counted={d.counted} />
        <h3>{t(`${Q}.sections.addOutreach`)}</h3>
        <OutreachForm
          entryId={d.entryIds.outreach}
          today={d.today}
          defaultDate={p.periodStatus === 'active' ? d.today : ''}
          period={p.period}
          state={stateFor('outreach')}
        />
      </section>
    </>
  )
}
