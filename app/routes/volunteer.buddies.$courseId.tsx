import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { utcToZoned } from '~/modules/activities/schedule'
import { requireCtx } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { answerAsVolunteer } from '~/modules/matching/courses.server'
import { getMyBuddyCourse, logMeeting, raiseConcern } from '~/modules/matching/records.server'
import {
  ConcernSchema,
  DECLINE_REASONS,
  MEETING_TYPES,
  MeetingSchema,
  VolunteerAnswerSchema,
} from '~/modules/matching/schemas'
import { languageLabel } from '~/modules/matching/scoring'
import { RUNNING } from '~/modules/matching/transitions'
import { MeetingTable } from '~/ui/course-parts'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { formatDate } from '~/ui/format'
import { parseForm } from '~/ui/forms'
import { RadioGroup } from '~/ui/radio-group'
import { TextareaField } from '~/ui/textarea-field'

// The buddy's page for one course: answer a proposal, log a meeting, raise a concern (with the
// reminder that the buddy does not take over responsibility, and the emergency numbers).

const P = 'pages.myBuddies.detail'
const DONE = ['yes', 'no', 'meeting', 'concern'] as const
type Done = (typeof DONE)[number]
const day = (d: string) => new Date(`${d}T12:00:00Z`)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const found = await getMyBuddyCourse(ctx, params.courseId ?? '')
  if (!found) notFound()
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const c = found.course
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: t(`${P}.metaTitle`),
    done: DONE.includes(done as Done) ? (done as Done) : null,
    today: utcToZoned(ctx.now).date,
    entryId: crypto.randomUUID(),
    course: {
      id: c.id,
      state: c.state,
      answering: c.state === 'proposed' && c.volunteerAnswer === 'pending',
      waitingForCitizen: c.state === 'proposed' && c.volunteerAnswer === 'yes',
      running: RUNNING.includes(c.state),
      name: c.citizen.name ?? t('pages.myBuddies.unnamed'),
      birthYear: c.citizen.birthYear,
      area: c.citizen.area,
      language: c.citizen.language ? languageLabel(t, c.citizen.language) : null,
      goals: c.goals,
      courseType: c.courseType,
      started: c.startedAt ? formatDate(c.startedAt, lng) : null,
      plannedEnd: c.plannedEnd ? formatDate(day(c.plannedEnd), lng) : null,
      organisation: c.organisation,
      emergencyPhone: c.municipality.emergencyPhone,
      municipality: c.municipality.name,
    },
    meetings: found.meetings.map((m) => ({
      id: m.id,
      date: formatDate(day(m.metOn), lng),
      type: m.type,
      minutes: m.minutes,
      note: m.note,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

type Errors = Record<string, string[]>

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const courseId = params.courseId ?? ''
  const form = await request.formData()
  const intent = form.get('intent')
  const back = (done: Done) => redirect(`/volunteer/buddies/${courseId}?done=${done}`)
  const fail = (errors: Errors, values: Record<string, string>) =>
    data({ errors, values }, { status: 400 })
  if (intent === 'answer') {
    const parsed = parseForm(VolunteerAnswerSchema, form)
    if (!parsed.ok) return fail(parsed.errors, { ...parsed.values, intent: 'answer' })
    const result = await answerAsVolunteer(ctx, courseId, {
      yes: parsed.data.answer === 'yes',
      reason: parsed.data.reason,
    })
    if (!result.ok) {
      if (result.reason === 'notFound') notFound()
      return fail({ '': [`pages.matching.errors.${result.reason}`] }, {})
    }
    kickOutbox()
    if (result.state === 'declined') return redirect('/volunteer/buddies?done=no')
    return back('yes')
  }
  if (intent === 'meeting') {
    const parsed = parseForm(MeetingSchema, form)
    if (!parsed.ok) return fail(parsed.errors, parsed.values)
    const result = await logMeeting(ctx, courseId, parsed.data)
    if (!result.ok)
      return fail(result.errors, Object.fromEntries([...form].map(([k, v]) => [k, String(v)])))
    return back('meeting')
  }
  if (intent === 'concern') {
    const parsed = parseForm(ConcernSchema, form)
    if (!parsed.ok) return fail(parsed.errors, parsed.values)
    const result = await raiseConcern(ctx, courseId, parsed.data.text)
    if (!result.ok) return fail(result.errors, {})
    kickOutbox()
    return back('concern')
  }
  return fail({ '': ['pages.courses.errors.invalidRequest'] }, {})
}

export default function BuddyCourse() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors: Errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values: Record<string, string> = failed?.values ?? {}
  const mine = (intent: string) => (values.intent === intent ? values : {})
  const c = d.course
  const C = 'common.course'
  return (
    <>
      <p>
        <Link to="/volunteer/buddies">{t(`${P}.back`)}</Link>
      </p>
      <h1>{c.answering ? t(`${P}.proposalTitle`) : t(`${P}.title`, { name: c.name })}</h1>
      {d.done && !failed ? (
        <p className="notice" role="status">
          {t(`${P}.done.${d.done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <dl className="summary-list">
        <dt>{t(`${P}.fields.name`)}</dt>
        <dd>{c.name}</dd>
        {c.birthYear ? (
          <>
            <dt>{t(`${P}.fields.birthYear`)}</dt>
            <dd>{c.birthYear}</dd>
          </>
        ) : null}
        {c.area ? (
          <>
            <dt>{t(`${P}.fields.area`)}</dt>
            <dd>{c.area}</dd>
          </>
        ) : null}
        {c.language ? (
          <>
            <dt>{t(`${P}.fields.language`)}</dt>
            <dd>{c.language}</dd>
          </>
        ) : null}
        <dt>{t(`${P}.fields.organisation`)}</dt>
        <dd>
          {c.organisation.name}
          {c.organisation.phone ? <span className="muted-line">{c.organisation.phone}</span> : null}
        </dd>
        {c.started ? (
          <>
            <dt>{t(`${P}.fields.courseType`)}</dt>
            <dd>{t(`${C}.types.${c.courseType}`)}</dd>
            <dt>{t(`${P}.fields.period`)}</dt>
            <dd>{t(`${P}.periodValue`, { start: c.started, end: c.plannedEnd ?? '–' })}</dd>
          </>
        ) : null}
        {c.goals ? (
          <>
            <dt>{t(`${P}.fields.goals`)}</dt>
            <dd>{c.goals}</dd>
          </>
        ) : null}
      </dl>

      {c.answering ? (
        <section aria-labelledby="answer-title">
          <h2 id="answer-title">{t(`${P}.answerTitle`)}</h2>
          <p>{t(`${P}.answerLead`)}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="answer" />
            <RadioGroup
              legend={t(`${P}.answerQuestion`)}
              name="answer"
              defaultValue={mine('answer').answer}
              options={[
                { value: 'yes', label: t(`${P}.answerYes`) },
                { value: 'no', label: t(`${P}.answerNo`) },
              ]}
              errors={errors.answer}
            />
            <RadioGroup
              legend={t(`${P}.reasonLegend`)}
              hint={t(`${P}.reasonHint`)}
              name="reason"
              defaultValue={mine('answer').reason}
              options={DECLINE_REASONS.map((r) => ({
                value: r,
                label: t(`${C}.declineReasons.${r}`),
              }))}
              errors={errors.reason}
            />
            <button type="submit" className="button">
              {t(`${P}.answerSubmit`)}
            </button>
          </Form>
        </section>
      ) : null}

      {c.waitingForCitizen ? <p className="notice">{t(`${P}.waitingForCitizen`)}</p> : null}

      {c.running ? (
        <>
          <section aria-labelledby="meeting-title">
            <h2 id="meeting-title">{t(`${P}.meetingTitle`)}</h2>
            <p>{t(`${P}.meetingLead`)}</p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="meeting" />
              <input type="hidden" name="entryId" value={mine('meeting').entryId ?? d.entryId} />
              <Field
                label={t(`${P}.fields.metOn`)}
                name="metOn"
                type="date"
                max={d.today}
                defaultValue={mine('meeting').metOn ?? d.today}
                errors={errors.metOn}
                className="field--short"
              />
              <RadioGroup
                legend={t(`${P}.fields.meetingType`)}
                name="type"
                defaultValue={mine('meeting').type}
                options={MEETING_TYPES.map((m) => ({
                  value: m,
                  label: t(`${C}.meetingTypes.${m}`),
                }))}
                errors={errors.type}
              />
              <Field
                label={t(`${P}.fields.minutes`)}
                name="minutes"
                type="number"
                inputMode="numeric"
                min={5}
                max={1440}
                defaultValue={mine('meeting').minutes}
                errors={errors.minutes}
                className="field--short"
              />
              <TextareaField
                label={t(`${P}.fields.note`)}
                hint={t(`${P}.noteHint`)}
                name="note"
                maxLength={300}
                rows={3}
                defaultValue={mine('meeting').note}
                errors={errors.note}
              />
              <button type="submit" className="button">
                {t(`${P}.meetingSubmit`)}
              </button>
            </Form>
          </section>

          <section aria-labelledby="meetings-title">
            <h2 id="meetings-title">{t(`${P}.meetingsTitle`)}</h2>
            <MeetingTable meetings={d.meetings} caption={t(`${P}.meetingsTitle`)} />
          </section>

          <section aria-labelledby="concern-title" className="concern">
            <h2 id="concern-title">{t(`${P}.concernTitle`)}</h2>
            <p>{t(`${P}.concernLead`)}</p>
            <p className="notice">{t(`${P}.responsibility`)}</p>
            <p>
              <strong>{t(`${P}.emergency`)}</strong>{' '}
              {c.emergencyPhone
                ? t(`${P}.emergencySocial`, {
                    municipality: c.municipality,
                    phone: c.emergencyPhone,
                  })
                : ''}
            </p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="concern" />
              <TextareaField
                label={t(`${P}.fields.concern`)}
                hint={t(`${P}.concernHint`)}
                name="text"
                maxLength={1000}
                defaultValue={mine('concern').text}
                errors={errors.text}
              />
              <button type="submit" className="button button--secondary">
                {t(`${P}.concernSubmit`)}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  )
}
