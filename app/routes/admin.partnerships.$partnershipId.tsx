import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCtx, requireMunicipalRole } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { submitEntry } from '~/modules/partnerships/entries.server'
import { formatKroner } from '~/modules/partnerships/money'
import {
  getPartnership,
  getPartnershipFormOptions,
  listOutreach,
  localToday,
  updatePartnership,
} from '~/modules/partnerships/partnerships.server'
import { periodStatus } from '~/modules/partnerships/progress'
import {
  criterionRowsFrom,
  formValues,
  keptChoices,
  PartnershipFormSchema,
  withBlankRows,
} from '~/modules/partnerships/schemas'
import {
  criterionItem,
  formOptionsView,
  outreachRow,
  partnershipFormValues,
  periodText,
} from '~/modules/partnerships/view'
import { ErrorSummary } from '~/ui/error-summary'
import { parseForm } from '~/ui/forms'
import { PartnershipForm } from '~/ui/partnership-form'
import { CriteriaProgress, OutreachForm, OutreachTable, ProgressForm } from '~/ui/partnership-parts'

const DONE = ['created', 'updated', 'progress', 'outreach'] as const
type Done = (typeof DONE)[number]
const ADMIN = { as: 'administrator' } as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  requireMunicipalRole(ctx, ['administrator'])
  const p = await getPartnership(ctx, params.partnershipId ?? '', ADMIN)
  if (!p) notFound()
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const url = new URL(request.url)
  const editing = url.searchParams.get('edit') === '1'
  const outreach = await listOutreach(ctx, p.id, ADMIN)
  const done = url.searchParams.get('done')
  return {
    title: t('pages.staff.partnerships.detail.metaTitle', { title: p.title }),
    done: DONE.includes(done as Done) ? (done as Done) : null,
    partnership: {
      id: p.id,
      title: p.title,
      organisation: p.organisationName,
      municipality: p.municipalityName,
      legalBasis: p.legalBasis,
      poolYear: p.poolYear,
      amount: t('common.price.amount', { amount: formatKroner(p.amountOere, lng) }),
      period: periodText(p, lng),
      periodStatus: periodStatus(p.periodStart, p.periodEnd, localToday(ctx)),
      purpose: p.purpose,
      targetGroups: p.targetGroups.map((g) => (lng === 'da' ? g.nameDa : g.nameEn)),
      goals: p.goals.map((g) => `${g.position}. ${lng === 'da' ? g.titleDa : g.titleEn}`),
    },
    criteria: p.criteria.map((c) => criterionItem(c, lng)),
    outreach: outreach.map((e) => outreachRow(e, lng)),
    counted: outreach.filter((e) => e.inPeriod).length,
    today: localToday(ctx),
    // Chosen now, so a second submit of the same form is recognised and not counted twice.
    entryIds: { progress: crypto.randomUUID(), outreach: crypto.randomUUID() },
    edit: editing
      ? {
          options: formOptionsView(
            await getPartnershipFormOptions(ctx, p.municipalityId, p.organisationId),
            lng,
          ),
          ...partnershipFormValues(p, lng),
        }
      : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

interface Failed {
  intent: 'update' | 'progress' | 'outreach' | null
  errors: Record<string, string[]>
  values: Record<string, string>
  checked?: { targetGroupIds: string[]; goalIds: string[] }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  requireMunicipalRole(ctx, ['administrator'])
  const id = params.partnershipId ?? ''
  const form = await request.formData()
  if (form.get('intent') === 'update') {
    const parsed = parseForm(PartnershipFormSchema, form)
    const checked = keptChoices(form)
    if (!parsed.ok)
      return data<Failed>(
        { intent: 'update', errors: parsed.errors, values: parsed.values, checked },
        { status: 400 },
      )
    const result = await updatePartnership(ctx, id, parsed.data)
    if (!result.ok)
      return data<Failed>(
        { intent: 'update', errors: result.errors, values: formValues(form), checked },
        { status: 400 },
      )
    return redirect(`/admin/partnerships/${result.id}?done=updated`)
  }
  const entry = await submitEntry(ctx, form, id, ADMIN)
  if (!entry.ok) return data<Failed>(entry, { status: 400 })
  return redirect(`/admin/partnerships/${id}?done=${entry.done}`)
}

export default function AdminPartnership() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const P = 'pages.staff.partnerships.detail'
  const Q = 'pages.orgPartnerships'
  const p = d.partnership
  const self = `/admin/partnerships/${p.id}`
  const stateFor = (intent: Failed['intent']) =>
    failed?.intent === intent
      ? { errors, values: failed.values }
      : { errors: {}, values: {} as Record<string, string> }

  if (d.edit || failed?.intent === 'update') {
    const edit = d.edit
    return (
      <>
        <h1>{t(`${P}.editTitle`, { title: p.title })}</h1>
        <ErrorSummary errors={errors} />
        {edit ? (
          <PartnershipForm
            action={`${self}?edit=1`}
            hidden={{ intent: 'update' }}
            options={edit.options}
            values={failed ? failed.values : edit.values}
            checked={failed?.checked ?? edit.checked}
            rows={withBlankRows(failed ? criterionRowsFrom(failed.values) : edit.rows)}
            errors={errors}
            submitLabel={t(`${P}.save`)}
            cancelTo={self}
          />
        ) : (
          <p>
            <Link to={`${self}?edit=1`}>{t(`${P}.edit`)}</Link>
          </p>
        )}
      </>
    )
  }

  return (
    <>
      <p className="partnership-back">
        <Link to="/admin/partnerships">{t(`${P}.back`)}</Link>
      </p>
      <h1>{p.title}</h1>
      {d.done && !failed ? (
        <p className="notice" role="status">
          {d.done === 'created' || d.done === 'updated'
            ? t(`${P}.done.${d.done}`)
            : t(`${Q}.done.${d.done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <dl className="summary-list">
        <dt>{t(`${P}.fields.organisation`)}</dt>
        <dd>{p.organisation}</dd>
        <dt>{t(`${P}.fields.municipality`)}</dt>
        <dd>{p.municipality}</dd>
        <dt>{t(`${P}.fields.legalBasis`)}</dt>
        <dd>{t(`pages.staff.partnerships.legalBasis.${p.legalBasis}`)}</dd>
        <dt>{t(`${P}.fields.poolYear`)}</dt>
        <dd>{p.poolYear}</dd>
        <dt>{t(`${P}.fields.amount`)}</dt>
        <dd>{p.amount}</dd>
        <dt>{t(`${P}.fields.period`)}</dt>
        <dd>
          {p.period}
          <span className="muted-line">
            {t(`pages.staff.partnerships.periodStatus.${p.periodStatus}`)}
          </span>
        </dd>
        <dt>{t(`${P}.fields.purpose`)}</dt>
        <dd className="partnership-purpose">{p.purpose}</dd>
        <dt>{t(`${P}.fields.targetGroups`)}</dt>
        <dd>{p.targetGroups.length ? p.targetGroups.join(', ') : t(`${P}.none`)}</dd>
        <dt>{t(`${P}.fields.goals`)}</dt>
        <dd>
          {p.goals.length ? (
            <ul className="plain-list">
              {p.goals.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          ) : (
            t(`${P}.none`)
          )}
        </dd>
      </dl>
      <p>
        <Link to={`${self}?edit=1`} className="button button--secondary">
          {t(`${P}.edit`)}
        </Link>
      </p>

      <section aria-labelledby="criteria-title">
        <h2 id="criteria-title">{t(`${Q}.sections.criteria`)}</h2>
        <CriteriaProgress criteria={d.criteria} />
      </section>

      <section aria-labelledby="progress-title">
        <h2 id="progress-title">{t(`${Q}.sections.progress`)}</h2>
        <ProgressForm
          criteria={d.criteria}
          entryId={d.entryIds.progress}
          state={stateFor('progress')}
        />
      </section>

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
