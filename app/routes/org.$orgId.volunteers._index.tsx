import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { VolunteerState } from '../../db/schema.ts'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { hasOrgRole } from '~/modules/identity/policy'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { listApplicants, sendReminders } from '~/modules/volunteers/coordinator.server'
import { ReminderSchema } from '~/modules/volunteers/schemas'
import { VOLUNTEER_STATES } from '~/modules/volunteers/vocab'
import { ErrorSummary } from '~/ui/error-summary'
import { formatDate } from '~/ui/format'
import { parseForm } from '~/ui/forms'

// The organisation's volunteers by state, with how long each has waited in it; the coordinator
// picks those who miss a requirement and sends each one reminder.

const P = 'pages.orgVolunteers.list'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const url = new URL(request.url)
  const wanted = url.searchParams.get('state')
  const state = VOLUNTEER_STATES.includes(wanted as VolunteerState)
    ? (wanted as VolunteerState)
    : null
  const { rows, counts, unconfirmed } = await listApplicants(ctx, orgId, state)
  const organisation = ctx.actor.orgRoles.find((r) => r.organisationId === orgId)!
  const sent = url.searchParams.get('sent')
  return {
    title: t(`${P}.metaTitle`, { organisation: organisation.organisationName }),
    organisation: { id: orgId, name: organisation.organisationName },
    coordinator: hasOrgRole(ctx.actor, orgId, ['coordinator']),
    state,
    counts,
    unconfirmed,
    sent: sent !== null && /^\d+$/.test(sent) ? Number(sent) : null,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      state: r.state,
      roles: r.roles,
      days: r.daysInState,
      applied: formatDate(r.appliedAt, lng),
      missing: r.state === 'ended' ? [] : r.missing,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator'])
  const parsed = parseForm(ReminderSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
  const sent = await sendReminders(ctx, orgId, parsed.data.applicationIds, {
    origin: publicOrigin(request),
  })
  kickOutbox()
  const back = new URL(request.url).searchParams.get('state')
  return redirect(
    `/org/${orgId}/volunteers?${back ? `state=${encodeURIComponent(back)}&` : ''}sent=${sent}`,
  )
}

export default function OrgVolunteers() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const S = 'common.volunteer'
  const base = `/org/${d.organisation.id}/volunteers`
  const total = Object.values(d.counts).reduce((a, b) => a + b, 0)
  const canRemind = d.coordinator && d.rows.some((r) => r.missing.length > 0)
  const firstChoice = d.rows.findIndex((r) => r.missing.length > 0)
  return (
    <>
      <h1>{t(`${P}.title`, { organisation: d.organisation.name })}</h1>
      <nav aria-label={t(`${P}.pagesLabel`)}>
        <ul className="button-row plain-list">
          {d.coordinator ? (
            <>
              <li>
                <Link to={`${base}/hours`}>{t(`${P}.links.hours`)}</Link>
              </li>
              <li>
                <Link to={`${base}/settings`}>{t(`${P}.links.settings`)}</Link>
              </li>
            </>
          ) : null}
          <li>
            <Link to={`${base}/capacity`}>{t(`${P}.links.capacity`)}</Link>
          </li>
        </ul>
      </nav>
      {d.sent !== null && !actionData ? (
        <p className="notice" role="status">
          {t(`${P}.sent`, { count: d.sent })}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <nav aria-label={t(`${P}.statesLabel`)}>
        <ul className="state-tabs">
          <li>
            <Link to={base} aria-current={d.state === null ? 'page' : undefined}>
              {t(`${P}.all`, { count: total })}
            </Link>
          </li>
          {VOLUNTEER_STATES.map((s) => (
            <li key={s}>
              <Link to={`${base}?state=${s}`} aria-current={d.state === s ? 'page' : undefined}>
                {t(`${P}.stateCount`, { state: t(`${S}.states.${s}`), count: d.counts[s] })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {d.unconfirmed > 0 ? <p>{t(`${P}.unconfirmed`, { count: d.unconfirmed })}</p> : null}
      {d.rows.length === 0 ? (
        <p>{t(`${P}.empty`)}</p>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="remind" />
          <div className="table-wrap">
            <table>
              <caption>{d.state ? t(`${S}.states.${d.state}`) : t(`${P}.caption`)}</caption>
              <thead>
                <tr>
                  {canRemind ? (
                    <th scope="col">
                      <span className="visually-hidden">{t(`${P}.columns.choose`)}</span>
                    </th>
                  ) : null}
                  <th scope="col">{t(`${P}.columns.name`)}</th>
                  <th scope="col">{t(`${P}.columns.roles`)}</th>
                  <th scope="col">{t(`${P}.columns.state`)}</th>
                  <th scope="col">{t(`${P}.columns.days`)}</th>
                  <th scope="col">{t(`${P}.columns.missing`)}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r, i) => (
                  <tr key={r.id}>
                    {canRemind ? (
                      <td>
                        {r.missing.length > 0 ? (
                          <input
                            type="checkbox"
                            name="applicationIds"
                            value={r.id}
                            id={i === firstChoice ? 'field-applicationIds' : `choose-${r.id}`}
                            aria-label={t(`${P}.choose`, { name: r.name })}
                            className="availability-grid__box"
                          />
                        ) : null}
                      </td>
                    ) : null}
                    <th scope="row">
                      <Link to={`${base}/${r.id}`}>{r.name}</Link>
                      <span className="muted-line">{t(`${P}.applied`, { date: r.applied })}</span>
                    </th>
                    <td>{r.roles.map((x) => t(`${S}.roles.${x}`)).join(', ')}</td>
                    <td>{t(`${S}.states.${r.state}`)}</td>
                    <td>{t(`${P}.days`, { count: r.days })}</td>
                    <td>
                      {r.missing.length === 0
                        ? t(`${P}.nothingMissing`)
                        : r.missing.map((k) => t(`${S}.requirements.${k}`)).join(', ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {canRemind ? (
            <button type="submit" className="button">
              {t(`${P}.remind`)}
            </button>
          ) : null}
        </Form>
      )}
    </>
  )
}
