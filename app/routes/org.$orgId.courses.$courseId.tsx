import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { hasOrgRole } from '~/modules/identity/policy'
import {
  answerForCitizen,
  changeCourseState,
  closeCourse,
  reopenCourse,
  saveCourseDetails,
} from '~/modules/matching/courses.server'
import {
  completeTask,
  getCourseForCoordinator,
  listAnchoringActivities,
  markConcernHandled,
  recordAssessment,
} from '~/modules/matching/records.server'
import { CLOSE_REASONS, COURSE_TYPES, CoursePageSchema } from '~/modules/matching/schemas'
import { can } from '~/modules/matching/transitions'
import { AssessmentForm, AssessmentTable, MeetingTable } from '~/ui/course-parts'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { formatDate } from '~/ui/format'
import { parseForm } from '~/ui/forms'
import { RadioGroup } from '~/ui/radio-group'
import { SelectField } from '~/ui/select-field'
import { TextareaField } from '~/ui/textarea-field'
import { utcToZoned } from '~/modules/activities/schedule'

// One course (forløb) for the organisation's coordinator: what was agreed, the meetings, the
// self-assessments, concerns and tasks, and the steps: answer with the citizen, pause, close
// with the anchoring step, re-open.

const P = 'pages.courses.detail'
const DONE = [
  'proposed',
  'details',
  'answered',
  'pause',
  'resume',
  'beginClosing',
  'cancel',
  'closed',
  'reopened',
  'task',
  'concernHandled',
  'assessment',
] as const
type Done = (typeof DONE)[number]
const day = (d: string) => new Date(`${d}T12:00:00Z`)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const found = await getCourseForCoordinator(ctx, orgId, params.courseId ?? '')
  if (!found) notFound()
  const isCoordinator = hasOrgRole(ctx.actor, orgId, ['coordinator'])
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const c = found.course
  const snapshot = {
    state: c.state,
    volunteerAnswer: c.volunteerAnswer,
    citizenAnswer: c.citizenAnswer,
  } as const
  const activities = isCoordinator ? await listAnchoringActivities(ctx, orgId) : []
  const done = new URL(request.url).searchParams.get('done')
  const name = c.citizen.name ?? t('pages.matching.unnamed')
  return {
    title: t(`${P}.metaTitle`, { name }),
    organisationId: orgId,
    isCoordinator,
    done: DONE.includes(done as Done) ? (done as Done) : null,
    today: utcToZoned(ctx.now).date,
    course: {
      id: c.id,
      referralId: c.referralId,
      state: c.state,
      name,
      buddy: c.volunteer.name,
      buddyContact: [c.volunteer.email, c.volunteer.phone].filter(Boolean).join(' · '),
      volunteerAnswer: c.volunteerAnswer,
      citizenAnswer: c.citizenAnswer,
      citizenAssisted: c.citizenAssisted,
      declineReason: c.volunteerDeclineReason,
      courseType: c.courseType,
      goals: c.goals ?? '',
      started: c.startedAt ? formatDate(c.startedAt, lng) : null,
      plannedEnd: c.plannedEnd ?? '',
      plannedEndText: c.plannedEnd ? formatDate(day(c.plannedEnd), lng) : null,
      checkinIntervalDays: c.checkinIntervalDays,
      closed: c.closedAt ? formatDate(c.closedAt, lng) : null,
      closeReason: c.closeReason,
      closeNote: c.closeNote,
      anchoring: c.anchoringTitle,
      anchoringNone: c.anchoringNoneReason,
      followUp: c.followUp,
    },
    can: {
      answer: can(snapshot, 'citizenYes'),
      cancel: can(snapshot, 'cancel'),
      pause: can(snapshot, 'pause'),
      resume: can(snapshot, 'resume'),
      beginClosing: can(snapshot, 'beginClosing'),
      close: can(snapshot, 'close'),
      reopen: can(snapshot, 'reopen'),
      details: ['active', 'paused', 'closing'].includes(c.state),
    },
    meetings: found.meetings.map((m) => ({
      id: m.id,
      date: formatDate(day(m.metOn), lng),
      type: m.type,
      minutes: m.minutes,
      note: m.note,
    })),
    assessments: found.assessments.map((a) => ({
      stage: a.stage,
      ownGoals: a.ownGoals,
      peopleAround: a.peopleAround,
      assisted: a.assisted,
      date: formatDate(a.recordedAt, lng),
    })),
    assessmentDue: found.assessmentDue,
    concerns: found.concerns.map((x) => ({
      id: x.id,
      text: x.text,
      raised: formatDate(x.raisedAt, lng),
      raisedBy: x.raisedBy,
      handled: x.handledAt ? formatDate(x.handledAt, lng) : null,
    })),
    tasks: found.tasks.map((x) => ({
      id: x.id,
      kind: x.kind,
      dueAt: formatDate(x.dueAt, lng),
      done: x.doneAt !== null,
      due: x.due,
      forCaseworker: x.forCaseworker,
    })),
    activities: activities.map((a) => ({
      value: a.id,
      label: a.own ? a.title : `${a.title} (${a.organisation})`,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

type Errors = Record<string, string[]>
const failure = (errors: Errors, values: Record<string, string> = {}) =>
  data({ errors, values }, { status: 400 })

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const courseId = params.courseId ?? ''
  const parsed = parseForm(CoursePageSchema, await request.formData())
  if (!parsed.ok) return failure(parsed.errors, parsed.values)
  const input = parsed.data
  const back = (done: Done, id = courseId) => redirect(`/org/${orgId}/courses/${id}?done=${done}`)
  const refused = (reason: string) => failure({ '': [`pages.courses.errors.${reason}`] })
  if (input.intent === 'task') {
    if (!(await completeTask(ctx, orgId, input.taskId))) return refused('notFound')
    return back('task')
  }
  requireOrgRole(ctx, orgId, ['coordinator'])
  switch (input.intent) {
    case 'details': {
      const result = await saveCourseDetails(ctx, orgId, courseId, input)
      if (!result.ok)
        return failure(result.errors, {
          intent: 'details',
          goals: input.goals ?? '',
          courseType: input.courseType,
          plannedEnd: input.plannedEnd,
          checkinIntervalDays: String(input.checkinIntervalDays),
        })
      return back('details')
    }
    case 'answer': {
      const result = await answerForCitizen(ctx, courseId, input.answer === 'yes')
      if (!result.ok) return refused(result.reason)
      kickOutbox()
      return back('answered')
    }
    case 'assessment': {
      const result = await recordAssessment(ctx, courseId, input, { assistedFor: orgId })
      if (!result.ok) return failure(result.errors)
      return back('assessment')
    }
    case 'close': {
      const result = await closeCourse(ctx, orgId, courseId, input)
      if (!result.ok)
        return result.reason === 'activityNotFound'
          ? failure({ activityId: ['pages.courses.errors.activityRequired'] })
          : refused(result.reason)
      return back('closed')
    }
    case 'reopen': {
      const result = await reopenCourse(ctx, orgId, courseId)
      if (!result.ok) return refused(result.reason)
      return back('reopened', result.courseId)
    }
    case 'concernHandled': {
      if (!(await markConcernHandled(ctx, orgId, input.concernId))) return refused('notFound')
      return back('concernHandled')
    }
    case 'pause':
    case 'resume':
    case 'beginClosing':
    case 'cancel': {
      const result = await changeCourseState(ctx, orgId, courseId, input.intent)
      if (!result.ok) return refused(result.reason)
      return back(input.intent)
    }
  }
}

function StepButton({ intent, label }: { intent: string; label: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className="button button--secondary">
        {label}
      </button>
    </Form>
  )
}

export default function CoursePage() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors: Errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values: Record<string, string> = failed?.values ?? {}
  const c = d.course
  const C = 'common.course'
  const mine = (intent: string) => (values.intent === intent ? values : {})
  return (
    <>
      <p>
        <Link to={`/org/${d.organisationId}/courses`}>{t(`${P}.back`)}</Link>
      </p>
      <h1>{t(`${P}.title`, { name: c.name })}</h1>
      {d.done && !failed ? (
        <p className="notice" role="status">
          {t(`${P}.done.${d.done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <dl className="summary-list">
        <dt>{t(`${P}.fields.state`)}</dt>
        <dd>{t(`${C}.states.${c.state}`)}</dd>
        <dt>{t(`${P}.fields.buddy`)}</dt>
        <dd>
          {c.buddy}
          {c.buddyContact ? <span className="muted-line">{c.buddyContact}</span> : null}
        </dd>
        {c.state === 'proposed' || c.state === 'declined' ? (
          <>
            <dt>{t(`${P}.fields.volunteerAnswer`)}</dt>
            <dd>
              {t(`${C}.answers.${c.volunteerAnswer}`)}
              {c.declineReason ? ` – ${t(`${C}.declineReasons.${c.declineReason}`)}` : ''}
            </dd>
            <dt>{t(`${P}.fields.citizenAnswer`)}</dt>
            <dd>
              {t(`${C}.answers.${c.citizenAnswer}`)}
              {c.citizenAssisted ? ` · ${t(`${C}.assisted`)}` : ''}
            </dd>
          </>
        ) : null}
        {c.started ? (
          <>
            <dt>{t(`${P}.fields.courseType`)}</dt>
            <dd>{t(`${C}.types.${c.courseType}`)}</dd>
            <dt>{t(`${P}.fields.goals`)}</dt>
            <dd>{c.goals || t(`${P}.noGoals`)}</dd>
            <dt>{t(`${P}.fields.period`)}</dt>
            <dd>{t(`${P}.periodValue`, { start: c.started, end: c.plannedEndText ?? '–' })}</dd>
            <dt>{t(`${P}.fields.checkin`)}</dt>
            <dd>{t(`${P}.checkinValue`, { count: c.checkinIntervalDays })}</dd>
          </>
        ) : null}
        {c.closed ? (
          <>
            <dt>{t(`${P}.fields.closed`)}</dt>
            <dd>
              {c.closed} – {t(`${C}.closeReasons.${c.closeReason}`)}
              {c.closeNote ? <span className="muted-line">{c.closeNote}</span> : null}
            </dd>
            <dt>{t(`${P}.fields.anchoring`)}</dt>
            <dd>{c.anchoring ?? t(`${P}.anchoringNone`, { reason: c.anchoringNone ?? '' })}</dd>
            <dt>{t(`${P}.fields.followUp`)}</dt>
            <dd>{t(c.followUp ? `${P}.followUpYes` : `${P}.followUpNo`)}</dd>
          </>
        ) : null}
      </dl>

      {d.isCoordinator && d.can.answer ? (
        <section aria-labelledby="assisted-title">
          <h2 id="assisted-title">{t(`${P}.assistedTitle`)}</h2>
          <p>{t(`${P}.assistedLead`)}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="answer" />
            <RadioGroup
              legend={t(`${P}.assistedQuestion`, { buddy: c.buddy })}
              name="answer"
              options={[
                { value: 'yes', label: t(`${C}.answers.yes`) },
                { value: 'no', label: t(`${C}.answers.no`) },
              ]}
              errors={errors.answer}
            />
            <button type="submit" className="button">
              {t(`${P}.assistedSubmit`)}
            </button>
          </Form>
        </section>
      ) : null}

      {d.isCoordinator ? (
        <div className="button-row">
          {d.can.cancel ? <StepButton intent="cancel" label={t(`${P}.steps.cancel`)} /> : null}
          {d.can.pause ? <StepButton intent="pause" label={t(`${P}.steps.pause`)} /> : null}
          {d.can.resume ? <StepButton intent="resume" label={t(`${P}.steps.resume`)} /> : null}
          {d.can.beginClosing ? (
            <StepButton intent="beginClosing" label={t(`${P}.steps.beginClosing`)} />
          ) : null}
          {d.can.reopen ? <StepButton intent="reopen" label={t(`${P}.steps.reopen`)} /> : null}
          {c.state === 'closed' || c.state === 'declined' ? (
            <Link
              to={`/org/${d.organisationId}/matching/${c.referralId}`}
              className="button button--secondary"
            >
              {t(`${P}.steps.rematch`)}
            </Link>
          ) : null}
        </div>
      ) : null}

      {c.started ? (
        <section aria-labelledby="meetings-title">
          <h2 id="meetings-title">{t(`${P}.meetingsTitle`, { count: d.meetings.length })}</h2>
          <MeetingTable
            meetings={d.meetings}
            caption={t(`${P}.meetingsTitle`, { count: d.meetings.length })}
          />
        </section>
      ) : null}

      {c.started ? (
        <section aria-labelledby="assessments-title">
          <h2 id="assessments-title">{t(`${P}.assessmentsTitle`)}</h2>
          <AssessmentTable rows={d.assessments} />
          {d.isCoordinator && d.assessmentDue ? (
            <>
              <h3>
                {t(`${P}.assessmentAssisted`, { stage: t(`${C}.stages.${d.assessmentDue}`) })}
              </h3>
              <AssessmentForm
                stage={d.assessmentDue}
                errors={values.intent === 'assessment' ? errors : {}}
                values={mine('assessment')}
                submitLabel={t(`${P}.assessmentSubmit`)}
              />
            </>
          ) : null}
        </section>
      ) : null}

      {d.concerns.length ? (
        <section aria-labelledby="concerns-title">
          <h2 id="concerns-title">{t(`${P}.concernsTitle`)}</h2>
          <ul className="task-list">
            {d.concerns.map((x) => (
              <li key={x.id}>
                <p>{t(`${P}.concernBy`, { name: x.raisedBy ?? '', date: x.raised })}</p>
                <blockquote>{x.text}</blockquote>
                {x.handled ? (
                  <p className="muted-line">{t(`${P}.concernHandledOn`, { date: x.handled })}</p>
                ) : d.isCoordinator ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="concernHandled" />
                    <input type="hidden" name="concernId" value={x.id} />
                    <button type="submit" className="button button--secondary">
                      {t(`${P}.concernHandle`)}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {d.tasks.length ? (
        <section aria-labelledby="course-tasks-title">
          <h2 id="course-tasks-title">{t(`${P}.tasksTitle`)}</h2>
          <ul className="task-list">
            {d.tasks.map((x) => (
              <li key={x.id}>
                <strong>{t(`${C}.taskKinds.${x.kind}`)}</strong>{' '}
                <span>{t(`${P}.taskDue`, { date: x.dueAt })}</span>
                {x.forCaseworker ? ` · ${t(`${P}.taskCaseworker`)}` : ''}
                {x.done ? (
                  ` · ${t(`${P}.taskDone`)}`
                ) : !x.forCaseworker ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="task" />
                    <input type="hidden" name="taskId" value={x.id} />
                    <button type="submit" className="button button--secondary">
                      {t(`${P}.taskComplete`)}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {d.isCoordinator && d.can.details ? (
        <section aria-labelledby="details-title">
          <h2 id="details-title">{t(`${P}.detailsTitle`)}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="details" />
            <TextareaField
              label={t(`${P}.fields.goals`)}
              hint={t(`${P}.goalsHint`)}
              name="goals"
              maxLength={1000}
              defaultValue={mine('details').goals ?? c.goals}
              errors={errors.goals}
            />
            <RadioGroup
              legend={t(`${P}.fields.courseType`)}
              name="courseType"
              defaultValue={mine('details').courseType ?? c.courseType}
              options={COURSE_TYPES.map((v) => ({ value: v, label: t(`${C}.types.${v}`) }))}
              errors={errors.courseType}
            />
            <Field
              label={t(`${P}.fields.plannedEnd`)}
              hint={t(`${P}.plannedEndHint`)}
              name="plannedEnd"
              type="date"
              defaultValue={mine('details').plannedEnd ?? c.plannedEnd}
              errors={errors.plannedEnd}
              className="field--short"
            />
            <Field
              label={t(`${P}.fields.checkinDays`)}
              name="checkinIntervalDays"
              type="number"
              inputMode="numeric"
              min={7}
              max={90}
              defaultValue={mine('details').checkinIntervalDays ?? String(c.checkinIntervalDays)}
              errors={errors.checkinIntervalDays}
              className="field--short"
            />
            <button type="submit" className="button">
              {t(`${P}.detailsSubmit`)}
            </button>
          </Form>
        </section>
      ) : null}

      {d.isCoordinator && d.can.close ? (
        <section aria-labelledby="close-title">
          <h2 id="close-title">{t(`${P}.closeTitle`)}</h2>
          <p>{t(`${P}.closeLead`)}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="close" />
            <RadioGroup
              legend={t(`${P}.fields.closeReason`)}
              name="reason"
              defaultValue={mine('close').reason}
              options={CLOSE_REASONS.map((v) => ({ value: v, label: t(`${C}.closeReasons.${v}`) }))}
              errors={errors.reason}
            />
            <Field
              label={t(`${P}.fields.closeNote`)}
              name="note"
              maxLength={500}
              defaultValue={mine('close').note}
              errors={errors.note}
            />
            <RadioGroup
              legend={t(`${P}.fields.anchoring`)}
              hint={t(`${P}.anchoringHint`)}
              name="anchoring"
              defaultValue={mine('close').anchoring}
              options={[
                { value: 'activity', label: t(`${P}.anchoringActivity`) },
                { value: 'none', label: t(`${P}.anchoringNoneYet`) },
              ]}
              errors={errors.anchoring}
            />
            <SelectField
              label={t(`${P}.fields.activity`)}
              name="activityId"
              options={d.activities}
              placeholder={t(`${P}.chooseActivity`)}
              defaultValue={mine('close').activityId}
              errors={errors.activityId}
            />
            <Field
              label={t(`${P}.fields.noneReason`)}
              name="noneReason"
              maxLength={300}
              defaultValue={mine('close').noneReason}
              errors={errors.noneReason}
            />
            <button type="submit" className="button">
              {t(`${P}.closeSubmit`)}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}
