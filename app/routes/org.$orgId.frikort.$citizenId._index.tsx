import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { localToday } from '~/modules/frikort/balance.server'
import { getEmployee, recordEarning, reverseEarning } from '~/modules/frikort/earnings.server'
import { EmployerActionSchema } from '~/modules/frikort/schemas'
import { balanceView, earningView, kroner } from '~/modules/frikort/view'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { isUuid } from '~/modules/identity/invitation-schemas'
import { notFound } from '~/modules/identity/invitations.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { formatKroner } from '~/modules/partnerships/money'
import { formValues } from '~/modules/partnerships/schemas'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm } from '~/ui/forms'
import { BalanceSummary, EarningsTable, ExplainerLinks } from '~/ui/frikort-parts'

const DONE = ['earning', 'reverse'] as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const citizenId = params.citizenId ?? ''
  const url = new URL(request.url)
  const employee = isUuid(citizenId) ? await getEmployee(ctx, orgId, citizenId, url.pathname) : null
  if (!employee) notFound()
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const today = localToday(ctx.now)
  const done = url.searchParams.get('done')
  const name = employee.name ?? t('pages.frikort.org.unnamed', { number: 1 })
  return {
    title: t('pages.frikort.employee.metaTitle', { name }),
    organisationId: orgId,
    citizenId: employee.citizenId,
    name,
    hasFrikort: employee.hasFrikort,
    done: DONE.find((x) => x === done) ?? null,
    balance: balanceView(employee.balance, lng, t),
    earnings: employee.earnings.map((e) => earningView(e, lng, t)),
    today,
    yearStart: `${today.slice(0, 4)}-01-01`,
    submissionId: crypto.randomUUID(),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const citizenId = params.citizenId ?? ''
  if (!isUuid(citizenId)) notFound()
  const form = await request.formData()
  const parsed = parseForm(EmployerActionSchema, form)
  if (!parsed.ok)
    return data(
      {
        errors: parsed.errors,
        values: parsed.values,
        partial: null as null | Partial,
        remaining: null as string | null,
      },
      { status: 400 },
    )
  const page = new URL(request.url).pathname
  const input = parsed.data
  const result =
    input.intent === 'earning'
      ? await recordEarning(ctx, orgId, citizenId, input, { origin: publicOrigin(request), page })
      : await reverseEarning(ctx, orgId, citizenId, input.earningId, { page })
  if (!result) notFound()
  if (!result.ok) {
    const lng = detectLanguage(request)
    const t = getFixedT(lng)
    const values = formValues(form)
    // The refusal states what is left and offers to record exactly that part.
    const partial: Partial | null =
      result.remainingOre && result.remainingOre > 0
        ? {
            amount: formatKroner(result.remainingOre, lng),
            label: kroner(t, result.remainingOre, lng),
            values: { ...values, submissionId: crypto.randomUUID() },
          }
        : null
    const remaining = result.remainingOre !== undefined ? kroner(t, result.remainingOre, lng) : null
    return data(
      {
        errors: result.errors,
        values,
        partial,
        remaining,
      },
      { status: 400 },
    )
  }
  if (result.thresholds.length > 0) kickOutbox()
  return redirect(`/org/${orgId}/frikort/${citizenId}?done=${input.intent}`)
}

interface Partial {
  amount: string
  label: string
  values: Record<string, string>
}

export default function OrgFrikortEmployee() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [
      k,
      v.map((m) => t(m, { remaining: failed?.remaining ?? '' })),
    ]),
  )
  const values = (failed?.values ?? {}) as Record<string, string>
  const P = 'pages.frikort.employee'
  return (
    <>
      <p className="partnership-back">
        <Link to={`/org/${d.organisationId}/frikort`}>{t(`${P}.back`)}</Link>
      </p>
      <h1>{t(`${P}.title`, { name: d.name })}</h1>
      {d.done && !failed ? (
        <p className="notice" role="status">
          {t(`${P}.done.${d.done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      {failed?.partial ? (
        <Form method="post" className="card frikort-partial">
          {Object.entries(failed.partial.values)
            .filter(([k]) => k !== 'amount')
            .map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
          <input type="hidden" name="amount" value={failed.partial.amount} />
          <p>{t(`${P}.partialLead`, { amount: failed.partial.label })}</p>
          <button type="submit" className="button">
            {t(`${P}.partialSubmit`, { amount: failed.partial.label })}
          </button>
        </Form>
      ) : null}
      <p>{t(d.hasFrikort ? `${P}.hasFrikort` : `${P}.noFrikort`)}</p>
      <BalanceSummary balance={d.balance} />
      <p className="notice">{t('pages.frikort.notRegister')}</p>

      <section aria-labelledby="log-title">
        <h2 id="log-title">{t(`${P}.logTitle`)}</h2>
        <p>{t(`${P}.logLead`)}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="earning" />
          <input type="hidden" name="submissionId" value={d.submissionId} />
          <div className="field-row">
            <Field
              label={t(`${P}.periodStart`)}
              name="periodStart"
              type="date"
              className="field--short"
              defaultValue={values.periodStart ?? ''}
              errors={errors.periodStart}
            />
            <Field
              label={t(`${P}.periodEnd`)}
              name="periodEnd"
              type="date"
              className="field--short"
              defaultValue={values.periodEnd ?? ''}
              errors={errors.periodEnd}
            />
          </div>
          <Field
            label={t(`${P}.paidOn`)}
            name="paidOn"
            type="date"
            className="field--short"
            defaultValue={values.paidOn ?? d.today}
            errors={errors.paidOn}
          />
          <Field
            label={t(`${P}.amount`)}
            hint={t(`${P}.amountHint`)}
            name="amount"
            inputMode="decimal"
            className="field--short"
            defaultValue={values.amount ?? ''}
            errors={errors.amount}
          />
          <Field
            label={t(`${P}.note`)}
            name="note"
            defaultValue={values.note ?? ''}
            errors={errors.note}
            maxLength={500}
          />
          <button type="submit" className="button">
            {t(`${P}.logSubmit`)}
          </button>
        </Form>
      </section>

      <section aria-labelledby="entries-title">
        <h2 id="entries-title">{t(`${P}.entriesTitle`)}</h2>
        <EarningsTable
          earnings={d.earnings}
          caption={t(`${P}.entriesCaption`, { name: d.name })}
          showEmployer={false}
          reverse={(e) =>
            e.isReversal || e.reversed ? null : (
              <Form method="post">
                <input type="hidden" name="intent" value="reverse" />
                <input type="hidden" name="earningId" value={e.id} />
                <button type="submit" className="button button--secondary">
                  {t(`${P}.reverse`)}
                  <span className="visually-hidden">
                    {' '}
                    {t(`${P}.reverseWhich`, { paidOn: e.paidOn, amount: e.amount })}
                  </span>
                </button>
              </Form>
            )
          }
        />
      </section>

      <section aria-labelledby="export-title">
        <h2 id="export-title">{t(`${P}.exportTitle`)}</h2>
        <p>{t(`${P}.exportLead`)}</p>
        <Form
          method="get"
          action={`/org/${d.organisationId}/frikort/${d.citizenId}/export.csv`}
          reloadDocument
        >
          <div className="field-row">
            <Field
              id="field-from"
              label={t(`${P}.exportFrom`)}
              name="from"
              type="date"
              className="field--short"
              defaultValue={d.yearStart}
            />
            <Field
              id="field-to"
              label={t(`${P}.exportTo`)}
              name="to"
              type="date"
              className="field--short"
              defaultValue={d.today}
            />
          </div>
          <button type="submit" className="button button--secondary">
            {t(`${P}.exportSubmit`)}
          </button>
        </Form>
      </section>

      <h2>{t('pages.frikort.org.explainersTitle')}</h2>
      <ExplainerLinks />
    </>
  )
}
