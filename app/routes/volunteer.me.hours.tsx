import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { sessionWhen } from '~/modules/activities/session-format'
import { requireCtx } from '~/modules/identity/guards.server'
import { dayText, durationText } from '~/modules/volunteers/format'
import { listHelperChoices, listOwnHours, logHours } from '~/modules/volunteers/hours.server'
import { LogHoursSchema, NOTE_MAX } from '~/modules/volunteers/schemas'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm } from '~/ui/forms'
import { RadioGroup } from '~/ui/radio-group'
import { SelectField } from '~/ui/select-field'
import { TextareaField } from '~/ui/textarea-field'

// Hours as an activity helper: pick one of the organisation's sessions from the last 30 days
// (or a date), say how long, and the coordinator approves or corrects it.

const P = 'pages.volunteer.hours'
const SELF = '/volunteer/me/hours'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const [choices, hours] = await Promise.all([listHelperChoices(ctx), listOwnHours(ctx)])
  return {
    title: t(`${P}.metaTitle`),
    done: new URL(request.url).searchParams.get('done') === 'logged',
    submissionId: crypto.randomUUID(),
    choices: choices.map((c) => ({
      applicationId: c.applicationId,
      organisation: c.organisation,
      sessions: c.sessions.map((s) => ({
        id: s.id,
        label: `${s.title}, ${sessionWhen(t, lng, s.starts_at, s.ends_at)}`,
      })),
    })),
    hours: hours.map((h) => ({
      id: h.id,
      date: dayText(h.worked_on, lng),
      organisation: h.organisation,
      activity: h.activity,
      logged: durationText(t, h.minutes),
      approved: h.approved_minutes !== null ? durationText(t, h.approved_minutes) : null,
      state: h.state,
      note: h.note,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const parsed = parseForm(LogHoursSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const result = await logHours(ctx, parsed.data)
  if (!result.ok) {
    const values: Record<string, string> = {
      applicationId: parsed.data.applicationId,
      sessionId: parsed.data.sessionId ?? '',
      workedOn: parsed.data.workedOn ?? '',
      hours: parsed.data.hours,
      minutes: parsed.data.minutes,
      note: parsed.data.note ?? '',
      submissionId: parsed.data.submissionId,
    }
    return data({ errors: result.errors, values }, { status: 400 })
  }
  return redirect(`${SELF}?done=logged`)
}

export default function MyHours() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values: Record<string, string | undefined> = actionData?.values ?? {}
  const sessions = d.choices.flatMap((c) =>
    c.sessions.map((s) => ({
      value: s.id,
      label: d.choices.length > 1 ? `${c.organisation}: ${s.label}` : s.label,
    })),
  )
  return (
    <>
      <p>
        <Link to="/volunteer/me">{t(`${P}.back`)}</Link>
      </p>
      <h1>{t(`${P}.title`)}</h1>
      {d.done && !actionData ? (
        <p className="notice" role="status">
          {t(`${P}.done`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      {d.choices.length === 0 ? (
        <p>{t(`${P}.notYet`)}</p>
      ) : (
        <Form method="post" noValidate aria-labelledby="log-title">
          <h2 id="log-title">{t(`${P}.logTitle`)}</h2>
          <input type="hidden" name="submissionId" value={values.submissionId ?? d.submissionId} />
          {d.choices.length === 1 ? (
            <input type="hidden" name="applicationId" value={d.choices[0]!.applicationId} />
          ) : (
            <RadioGroup
              legend={t(`${P}.organisation`)}
              name="applicationId"
              defaultValue={values.applicationId ?? d.choices[0]!.applicationId}
              errors={errors.applicationId}
              options={d.choices.map((c) => ({ value: c.applicationId, label: c.organisation }))}
            />
          )}
          <SelectField
            label={t(`${P}.session`)}
            hint={t(`${P}.sessionHint`)}
            name="sessionId"
            placeholder={t(`${P}.sessionNone`)}
            defaultValue={values.sessionId ?? ''}
            errors={errors.sessionId}
            options={sessions}
          />
          <Field
            label={t(`${P}.workedOn`)}
            hint={t(`${P}.workedOnHint`)}
            name="workedOn"
            type="date"
            className="field--short"
            defaultValue={values.workedOn ?? ''}
            errors={errors.workedOn}
          />
          <fieldset className="fieldset field" aria-describedby="duration-hint">
            <legend className="field__label">{t(`${P}.duration`)}</legend>
            <p id="duration-hint" className="field__hint">
              {t(`${P}.durationHint`)}
            </p>
            <div className="field-row">
              <Field
                label={t(`${P}.hours`)}
                name="hours"
                inputMode="numeric"
                className="field--short"
                defaultValue={values.hours ?? ''}
                errors={errors.hours}
              />
              <Field
                label={t(`${P}.minutes`)}
                name="minutes"
                inputMode="numeric"
                className="field--short"
                defaultValue={values.minutes ?? ''}
                errors={errors.minutes}
              />
            </div>
          </fieldset>
          <TextareaField
            label={t(`${P}.note`)}
            hint={t(`${P}.noteHint`)}
            name="note"
            rows={3}
            maxLength={NOTE_MAX}
            defaultValue={values.note ?? ''}
            errors={errors.note}
          />
          <button type="submit" className="button">
            {t(`${P}.submit`)}
          </button>
        </Form>
      )}
      <section aria-labelledby="logged-title">
        <h2 id="logged-title">{t(`${P}.loggedTitle`)}</h2>
        {d.hours.length === 0 ? (
          <p>{t(`${P}.none`)}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t(`${P}.loggedTitle`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`${P}.columns.date`)}</th>
                  <th scope="col">{t(`${P}.columns.what`)}</th>
                  <th scope="col">{t(`${P}.columns.logged`)}</th>
                  <th scope="col">{t(`${P}.columns.state`)}</th>
                </tr>
              </thead>
              <tbody>
                {d.hours.map((h) => (
                  <tr key={h.id}>
                    <td>{h.date}</td>
                    <td>
                      {h.activity ?? h.organisation}
                      {h.activity ? <span className="muted-line">{h.organisation}</span> : null}
                    </td>
                    <td>{h.logged}</td>
                    <td>
                      {t(`common.volunteer.hoursStates.${h.state}`)}
                      {h.approved ? (
                        <span className="muted-line">
                          {t(`${P}.corrected`, { duration: h.approved })}
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}
