import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCaseworker } from '~/modules/frikort/access.server'
import { localToday } from '~/modules/frikort/balance.server'
import {
  deactivateDecision,
  getCitizenFrikort,
  recordControl,
  recordDecision,
} from '~/modules/frikort/decisions.server'
import { suggestedControlDue } from '~/modules/frikort/rules'
import { CaseActionSchema } from '~/modules/frikort/schemas'
import { formValues } from '~/modules/partnerships/schemas'
import { balanceView, dayText, earningView } from '~/modules/frikort/view'
import { requireCtx } from '~/modules/identity/guards.server'
import { isUuid } from '~/modules/identity/invitation-schemas'
import { notFound } from '~/modules/identity/invitations.server'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm } from '~/ui/forms'
import { BalanceSummary, EarningsTable } from '~/ui/frikort-parts'
import { formatDate } from '~/ui/format'
import { TextareaField } from '~/ui/textarea-field'

const DONE = ['decide', 'control', 'deactivate'] as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  requireCaseworker(ctx)
  const citizenId = params.citizenId ?? ''
  const found = isUuid(citizenId) ? await getCitizenFrikort(ctx, citizenId) : null
  if (!found) notFound()
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const today = localToday(ctx.now)
  const done = new URL(request.url).searchParams.get('done')
  const decision = (d: NonNullable<typeof found.active>) => ({
    id: d.id,
    decidedOn: dayText(d.decidedOn, lng),
    decidedBy: d.decidedBy,
    lastControlOn: d.lastControlOn ? dayText(d.lastControlOn, lng) : null,
    nextControlDue: dayText(d.nextControlDue, lng),
    overdue: d.nextControlDue < today,
    deactivatedReason: d.deactivatedReason,
    deactivatedAt: d.deactivatedAt ? formatDate(d.deactivatedAt, lng) : null,
  })
  return {
    title: t('pages.staff.frikort.detail.metaTitle', { name: found.citizen.name }),
    done: DONE.find((x) => x === done) ?? null,
    citizen: found.citizen,
    active: found.active ? decision(found.active) : null,
    history: found.history.map(decision),
    balance: balanceView(found.balance, lng, t),
    earnings: found.earnings.map((e) => earningView(e, lng, t)),
    matches: found.matches.map((m) => ({
      id: m.id,
      state: m.state,
      job: m.job,
      employer: m.employer,
      matchmaker: m.matchmaker,
      since: formatDate(m.updatedAt, lng),
    })),
    today,
    suggestedDue: suggestedControlDue(today),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  requireCaseworker(ctx)
  const citizenId = params.citizenId ?? ''
  if (!isUuid(citizenId)) notFound()
  const form = await request.formData()
  const parsed = parseForm(CaseActionSchema, form)
  const intent = String(form.get('intent') ?? '')
  if (!parsed.ok)
    return data({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 })
  const input = parsed.data
  const result =
    input.intent === 'decide'
      ? await recordDecision(ctx, citizenId, input)
      : input.intent === 'control'
        ? await recordControl(ctx, citizenId, input)
        : await deactivateDecision(ctx, citizenId, input)
  if (!result) notFound()
  if (!result.ok)
    return data({ intent, errors: result.errors, values: formValues(form) }, { status: 400 })
  return redirect(`/case/frikort/${citizenId}?done=${input.intent}`)
}

export default function CaseFrikortCitizen() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const P = 'pages.staff.frikort.detail'
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values = (failed?.values ?? {}) as Record<string, string>
  const errorsFor = (intent: string) => (failed?.intent === intent ? errors : {})
  const valueFor = (intent: string, key: string, fallback: string) =>
    failed?.intent === intent ? (values[key] ?? fallback) : fallback
  return (
    <>
      <p className="partnership-back">
        <Link to="/case/frikort">{t(`${P}.back`)}</Link>
      </p>
      <h1>{t(`${P}.title`, { name: d.citizen.name })}</h1>
      {d.done && !failed ? (
        <p className="notice" role="status">
          {t(`${P}.done.${d.done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />

      <section aria-labelledby="decision-title">
        <h2 id="decision-title">{t(`${P}.decisionTitle`)}</h2>
        {d.active ? (
          <>
            <dl className="summary-list">
              <dt>{t(`${P}.status`)}</dt>
              <dd>{t(`${P}.statusActive`)}</dd>
              <dt>{t(`${P}.decidedOn`)}</dt>
              <dd>{d.active.decidedOn}</dd>
              <dt>{t(`${P}.decidedBy`)}</dt>
              <dd>{d.active.decidedBy ?? '–'}</dd>
              {d.active.lastControlOn ? (
                <>
                  <dt>{t(`${P}.lastControl`)}</dt>
                  <dd>{d.active.lastControlOn}</dd>
                </>
              ) : null}
              <dt>{t(`${P}.nextControl`)}</dt>
              <dd>
                {d.active.nextControlDue}
                {d.active.overdue ? (
                  <span className="muted-line">
                    <strong>{t(`${P}.overdue`)}</strong>
                  </span>
                ) : null}
              </dd>
            </dl>
            <h3>{t(`${P}.control.title`)}</h3>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="control" />
              <input type="hidden" name="decisionId" value={d.active.id} />
              <Field
                label={t(`${P}.control.controlOn`)}
                name="controlOn"
                type="date"
                className="field--short"
                defaultValue={valueFor('control', 'controlOn', d.today)}
                errors={errorsFor('control').controlOn}
              />
              <Field
                label={t(`${P}.nextControlDue`)}
                hint={t(`${P}.nextControlHint`)}
                name="nextControlDue"
                type="date"
                className="field--short"
                defaultValue={valueFor('control', 'nextControlDue', d.suggestedDue)}
                errors={errorsFor('control').nextControlDue}
              />
              <button type="submit" className="button">
                {t(`${P}.control.submit`)}
              </button>
            </Form>
            <h3>{t(`${P}.deactivate.title`)}</h3>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="deactivate" />
              <input type="hidden" name="decisionId" value={d.active.id} />
              <TextareaField
                label={t(`${P}.deactivate.reason`)}
                hint={t(`${P}.deactivate.hint`)}
                name="reason"
                rows={3}
                defaultValue={valueFor('deactivate', 'reason', '')}
                errors={errorsFor('deactivate').reason}
              />
              <button type="submit" className="button button--warning">
                {t(`${P}.deactivate.submit`)}
              </button>
            </Form>
          </>
        ) : (
          <>
            <p>{t(`${P}.noActive`)}</p>
            <h3>{t(`${P}.decide.title`)}</h3>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="decide" />
              <Field
                label={t(`${P}.decide.decidedOn`)}
                name="decidedOn"
                type="date"
                className="field--short"
                defaultValue={valueFor('decide', 'decidedOn', d.today)}
                errors={errorsFor('decide').decidedOn}
              />
              <Field
                label={t(`${P}.nextControlDue`)}
                hint={t(`${P}.nextControlHint`)}
                name="nextControlDue"
                type="date"
                className="field--short"
                defaultValue={valueFor('decide', 'nextControlDue', d.suggestedDue)}
                errors={errorsFor('decide').nextControlDue}
              />
              <button type="submit" className="button">
                {t(`${P}.decide.submit`)}
              </button>
            </Form>
          </>
        )}
        {d.history.length ? (
          <>
            <h3>{t(`${P}.historyTitle`)}</h3>
            <ul className="plain-list">
              {d.history.map((h) => (
                <li key={h.id}>
                  {t(`${P}.historyItem`, {
                    decidedOn: h.decidedOn,
                    deactivatedAt: h.deactivatedAt ?? '–',
                    reason: h.deactivatedReason ?? '–',
                  })}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <BalanceSummary balance={d.balance} />

      <section aria-labelledby="earnings-title">
        <h2 id="earnings-title">{t(`${P}.earningsTitle`)}</h2>
        <EarningsTable
          earnings={d.earnings}
          caption={t(`${P}.earningsCaption`, { name: d.citizen.name })}
          showEmployer
        />
      </section>

      <section aria-labelledby="matches-title">
        <h2 id="matches-title">{t(`${P}.matchesTitle`)}</h2>
        {d.matches.length === 0 ? (
          <p>{t(`${P}.noMatches`)}</p>
        ) : (
          <ul className="plain-list">
            {d.matches.map((m) => (
              <li key={m.id}>
                {t(`${P}.matchItem`, {
                  job: m.job ?? '–',
                  employer: m.employer ?? '–',
                  matchmaker: m.matchmaker,
                  state: t(`common.frikort.matchStates.${m.state}`),
                  since: m.since,
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
