import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import {
  addException,
  cancelActivity,
  getActivityFormOptions,
  getActivityForStaff,
  getOrganisationForStaff,
  updateActivity,
  type ChangeReport,
} from '~/modules/activities/activities.server'
import { describeSchedule, formatDay, formatSessionSpan } from '~/modules/activities/describe'
import {
  ActivityFormSchema,
  activityToForm,
  CancelActivityFormSchema,
  ExceptionFormSchema,
  keptActivityInput,
} from '~/modules/activities/schemas'
import { requireCtx } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { ActivityForm, activityFormChoices } from '~/ui/activity-form'
import { CheckboxField } from '~/ui/checkbox-field'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm, type FieldErrors } from '~/ui/forms'

const DONE = [
  'created',
  'saved',
  'exceptionAdded',
  'alreadyCancelled',
  'activityCancelled',
] as const
type Done = (typeof DONE)[number]
const COUNTS = ['cancelled', 'removed', 'notified', 'toCall'] as const

/** The activity must belong to the organisation in the URL (403 before that for outsiders). */
async function load(request: Request, params: LoaderFunctionArgs['params']) {
  const ctx = await requireCtx(request)
  const organisation = await getOrganisationForStaff(ctx, params.orgId ?? '')
  const activity = await getActivityForStaff(ctx, params.activityId ?? '')
  if (activity.organisationId !== organisation.id) notFound()
  return { ctx, organisation, activity }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, organisation, activity } = await load(request, params)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const options = await getActivityFormOptions(ctx, organisation.id)
  const url = new URL(request.url)
  const done = url.searchParams.get('done')
  const counts = Object.fromEntries(
    COUNTS.map((k) => [k, Math.max(0, Math.min(10_000, Number(url.searchParams.get(k)) || 0))]),
  ) as Record<(typeof COUNTS)[number], number>
  return {
    title: t('pages.orgActivities.edit.metaTitle', { title: activity.stored.title }),
    organisation: { id: organisation.id, name: organisation.name, status: organisation.status },
    activity: {
      id: activity.id,
      title: activity.stored.title,
      status: activity.status,
      schedule: describeSchedule(activity.schedule, t, lng),
      recurring: activity.schedule.freq !== 'once',
    },
    form: activityToForm(activity.stored),
    choices: activityFormChoices(options, lng),
    done: DONE.includes(done as Done) ? (done as Done) : null,
    counts,
    exceptions: activity.exceptions.map((e) => ({
      date: e.date,
      day: formatDay(e.date, lng, { year: true }),
      reason: e.reason,
    })),
    sessions: activity.sessions.map((s) => ({
      id: s.id,
      when: formatSessionSpan(s.startsAt, s.endsAt, t, lng),
      signedUp: s.signedUp,
      capacity: s.capacity,
      waitlisted: s.waitlisted,
      status: s.status,
      reason: s.cancelledReason,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

function reportQuery(done: Done, report: ChangeReport): string {
  const q = new URLSearchParams({ done })
  if (report.sessionsCancelled) q.set('cancelled', String(report.sessionsCancelled))
  if (report.sessionsRemoved) q.set('removed', String(report.sessionsRemoved))
  if (report.notified) q.set('notified', String(report.notified))
  if (report.notNotified) q.set('toCall', String(report.notNotified))
  return `?${q}`
}

type Intent = 'save' | 'exception' | 'cancelActivity'

function refused(
  intent: Intent,
  errors: FieldErrors,
  kept: { values: Record<string, string>; lists?: ReturnType<typeof keptActivityInput>['lists'] },
) {
  return data({ intent, errors, values: kept.values, lists: kept.lists ?? null }, { status: 400 })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, organisation, activity } = await load(request, params)
  const form = await request.formData()
  const here = `/org/${organisation.id}/activities/${activity.id}`
  switch (form.get('intent')) {
    case 'save': {
      const kept = keptActivityInput(form)
      const parsed = parseForm(ActivityFormSchema, form)
      if (!parsed.ok) return refused('save', parsed.errors, kept)
      const result = await updateActivity(ctx, activity.id, parsed.data)
      if (!result.ok) return refused('save', result.errors, kept)
      if (result.report.notified > 0) kickOutbox()
      return redirect(here + reportQuery('saved', result.report))
    }
    case 'exception': {
      const parsed = parseForm(ExceptionFormSchema, form)
      if (!parsed.ok) return refused('exception', parsed.errors, parsed)
      const result = await addException(ctx, activity.id, parsed.data.date, parsed.data.reason)
      if (!result.ok)
        return refused('exception', result.errors, {
          values: { date: String(form.get('date') ?? ''), reason: parsed.data.reason },
        })
      if (result.report.notified > 0) kickOutbox()
      return redirect(
        here +
          reportQuery(
            result.alreadyCancelled ? 'alreadyCancelled' : 'exceptionAdded',
            result.report,
          ),
      )
    }
    case 'cancelActivity': {
      const parsed = parseForm(CancelActivityFormSchema, form)
      if (!parsed.ok) return refused('cancelActivity', parsed.errors, parsed)
      const report = await cancelActivity(ctx, activity.id, parsed.data.cancelReason)
      if (report.notified > 0) kickOutbox()
      return redirect(here + reportQuery('activityCancelled', report))
    }
    default:
      return refused('save', { '': ['pages.orgActivities.errors.invalidRequest'] }, { values: {} })
  }
}

export default function EditActivity() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const mine = (intent: Intent) => (actionData?.intent === intent ? actionData : null)
  const saving = mine('save')
  const excepting = mine('exception')
  const cancelling = mine('cancelActivity')
  const P = 'pages.orgActivities.edit'
  const { organisation, activity, counts } = d
  return (
    <>
      <p>
        <Link to={`/org/${organisation.id}/activities`}>
          {t('pages.orgActivities.backToList', { organisation: organisation.name })}
        </Link>
      </p>
      <h1>{activity.title}</h1>
      <p className="lead">
        {activity.schedule}
        <span className="tag">{t(`pages.orgActivities.status.${activity.status}`)}</span>
      </p>
      {d.done && !actionData ? (
        <div className="notice" role="status">
          <p>{t(`${P}.done.${d.done}`)}</p>
          {counts.cancelled > 0 ? (
            <p>{t(`${P}.done.cancelledSessions`, { count: counts.cancelled })}</p>
          ) : null}
          {counts.notified > 0 ? (
            <p>{t(`${P}.done.notified`, { count: counts.notified })}</p>
          ) : null}
          {counts.toCall > 0 ? <p>{t(`${P}.done.toCall`, { count: counts.toCall })}</p> : null}
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      {activity.status === 'published' ? (
        <p>
          <Link to={`/activities/${activity.id}`}>{t(`${P}.publicLink`)}</Link>
        </p>
      ) : null}

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t(`${P}.sessions.title`)}</h2>
        {d.sessions.length === 0 ? (
          <p>{t(`${P}.sessions.empty`)}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t(`${P}.sessions.title`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`${P}.sessions.columns.when`)}</th>
                  <th scope="col">{t(`${P}.sessions.columns.signedUp`)}</th>
                  <th scope="col">{t(`${P}.sessions.columns.waitlist`)}</th>
                  <th scope="col">{t(`${P}.sessions.columns.status`)}</th>
                </tr>
              </thead>
              <tbody>
                {d.sessions.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      <Link to={`/org/${organisation.id}/sessions/${s.id}`}>{s.when}</Link>
                    </th>
                    <td>
                      {s.capacity === null
                        ? s.signedUp
                        : t(`${P}.sessions.signedUpOf`, {
                            signedUp: s.signedUp,
                            capacity: s.capacity,
                          })}
                    </td>
                    <td>{s.waitlisted}</td>
                    <td>
                      {t(`${P}.sessions.status.${s.status}`)}
                      {s.reason ? <span className="muted-line">{s.reason}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {activity.recurring ? (
        <section aria-labelledby="exception-title">
          <h2 id="exception-title">{t(`${P}.exception.title`)}</h2>
          <p>{t(`${P}.exception.lead`)}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="exception" />
            <Field
              label={t(`${P}.exception.date`)}
              hint={t(`${P}.exception.dateHint`)}
              name="date"
              type="date"
              className="field--short"
              defaultValue={excepting?.values.date ?? ''}
              errors={excepting ? errors.date : undefined}
            />
            <Field
              label={t(`${P}.exception.reason`)}
              hint={t(`${P}.exception.reasonHint`)}
              name="reason"
              maxLength={300}
              defaultValue={excepting?.values.reason ?? ''}
              errors={excepting ? errors.reason : undefined}
            />
            <button type="submit" className="button button--secondary">
              {t(`${P}.exception.submit`)}
            </button>
          </Form>
          {d.exceptions.length > 0 ? (
            <>
              <h3>{t(`${P}.exception.listTitle`)}</h3>
              <ul>
                {d.exceptions.map((e) => (
                  <li key={e.date}>
                    {e.day}
                    {e.reason ? ` – ${e.reason}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="edit-title">
        <h2 id="edit-title">{t(`${P}.formTitle`)}</h2>
        <p>{t(`${P}.formLead`)}</p>
        <ActivityForm
          values={saving?.values ?? d.form.values}
          lists={saving?.lists ?? d.form.lists}
          errors={saving ? errors : {}}
          choices={d.choices}
          canPublish={organisation.status === 'approved'}
          status={activity.status}
          headingLevel={3}
        />
      </section>

      {activity.status !== 'cancelled' ? (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title">{t(`${P}.cancel.title`)}</h2>
          <p>{t(`${P}.cancel.lead`)}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="cancelActivity" />
            <Field
              label={t(`${P}.cancel.reason`)}
              hint={t(`${P}.cancel.reasonHint`)}
              name="cancelReason"
              maxLength={300}
              defaultValue={cancelling?.values.cancelReason ?? ''}
              errors={cancelling ? errors.cancelReason : undefined}
            />
            <CheckboxField
              label={t(`${P}.cancel.confirm`)}
              name="confirmCancel"
              errors={cancelling ? errors.confirmCancel : undefined}
              defaultChecked={false}
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
