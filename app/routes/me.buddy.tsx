import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { requireCitizen, requireCtx } from '~/modules/identity/guards.server'
import { answerAsCitizen } from '~/modules/matching/courses.server'
import { getMyBuddy, recordAssessment } from '~/modules/matching/records.server'
import { MyBuddySchema } from '~/modules/matching/schemas'
import { AssessmentForm, AssessmentTable, MeetingTable } from '~/ui/course-parts'
import { ErrorSummary } from '~/ui/error-summary'
import { formatDate } from '~/ui/format'
import { parseForm } from '~/ui/forms'
import { RadioGroup } from '~/ui/radio-group'

// The citizen's "my buddy": say yes or no to a proposed buddy (no reason needed), see the
// meetings, rate how it is going, and how to reach the coordinator. Plain words, big buttons.

const P = 'pages.myBuddy'
const DONE = ['yes', 'no', 'assessment'] as const
type Done = (typeof DONE)[number]
const day = (d: string) => new Date(`${d}T12:00:00Z`)

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  requireCitizen(ctx)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const found = await getMyBuddy(ctx)
  const done = new URL(request.url).searchParams.get('done')
  const base = {
    title: t(`${P}.metaTitle`),
    done: DONE.includes(done as Done) ? (done as Done) : null,
  }
  if (!found) return { ...base, course: null }
  const c = found.course
  return {
    ...base,
    course: {
      id: c.id,
      state: c.state,
      answering: c.state === 'proposed' && c.citizenAnswer === 'pending',
      waitingForBuddy: c.state === 'proposed' && c.citizenAnswer === 'yes',
      buddy: c.volunteer.firstName,
      organisation: c.organisation,
      goals: c.goals,
      started: c.startedAt ? formatDate(c.startedAt, lng) : null,
      plannedEnd: c.plannedEnd ? formatDate(day(c.plannedEnd), lng) : null,
      closed: c.closedAt ? formatDate(c.closedAt, lng) : null,
      anchoring: c.anchoringTitle,
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
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  requireCitizen(ctx)
  const form = await request.formData()
  const parsed = parseForm(MyBuddySchema, form)
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const courseId = String(form.get('courseId') ?? '')
  const fail = (key: string) =>
    data(
      { errors: { '': [key] } as Record<string, string[]>, values: {} as Record<string, string> },
      { status: 400 },
    )
  if (parsed.data.intent === 'answer') {
    const result = await answerAsCitizen(ctx, courseId, parsed.data.answer === 'yes')
    if (!result.ok) return fail(`pages.matching.errors.${result.reason}`)
    kickOutbox()
    return redirect(`/me/buddy?done=${parsed.data.answer}`)
  }
  const result = await recordAssessment(ctx, courseId, parsed.data, {})
  if (!result.ok) return data({ errors: result.errors, values: {} }, { status: 400 })
  return redirect('/me/buddy?done=assessment')
}

export default function MyBuddy() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors: Record<string, string[]> = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values: Record<string, string> = failed?.values ?? {}
  const c = d.course
  return (
    <div className="my-buddy">
      <h1>{t(`${P}.title`)}</h1>
      {d.done && !failed ? (
        <p className="notice" role="status">
          {t(`${P}.done.${d.done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      {!c ? <p className="lead">{t(`${P}.none`)}</p> : null}

      {c?.answering ? (
        <section aria-labelledby="answer-title">
          <h2 id="answer-title">{t(`${P}.answerTitle`, { buddy: c.buddy })}</h2>
          <p>{t(`${P}.answerLead`, { buddy: c.buddy, organisation: c.organisation.name })}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="answer" />
            <input type="hidden" name="courseId" value={c.id} />
            <RadioGroup
              legend={t(`${P}.answerQuestion`, { buddy: c.buddy })}
              name="answer"
              defaultValue={values.answer}
              options={[
                { value: 'yes', label: t(`${P}.answerYes`) },
                { value: 'no', label: t(`${P}.answerNo`) },
              ]}
              errors={errors.answer}
            />
            <p className="muted-line">{t(`${P}.noReasonNeeded`)}</p>
            <button type="submit" className="button button--large">
              {t(`${P}.answerSubmit`)}
            </button>
          </Form>
        </section>
      ) : null}

      {c?.waitingForBuddy ? (
        <p className="notice">{t(`${P}.waitingForBuddy`, { buddy: c.buddy })}</p>
      ) : null}

      {c && c.started ? (
        <>
          <p className="lead">
            {c.closed
              ? t(`${P}.closedLead`, { buddy: c.buddy, date: c.closed })
              : t(`${P}.activeLead`, { buddy: c.buddy, start: c.started })}
          </p>
          {c.anchoring ? <p>{t(`${P}.anchoring`, { activity: c.anchoring })}</p> : null}
          {c.goals ? (
            <>
              <h2>{t(`${P}.goalsTitle`)}</h2>
              <p>{c.goals}</p>
            </>
          ) : null}

          {d.assessmentDue ? (
            <section aria-labelledby="rate-title">
              <h2 id="rate-title">{t(`${P}.rateTitle`)}</h2>
              <p>{t(`${P}.rateLead.${d.assessmentDue}`)}</p>
              <AssessmentForm
                stage={d.assessmentDue}
                errors={errors}
                values={values}
                submitLabel={t(`${P}.rateSubmit`)}
                hidden={{ courseId: c.id }}
              />
            </section>
          ) : null}

          <section aria-labelledby="meetings-title">
            <h2 id="meetings-title">{t(`${P}.meetingsTitle`)}</h2>
            <MeetingTable meetings={d.meetings ?? []} caption={t(`${P}.meetingsTitle`)} />
          </section>

          {d.assessments?.length ? (
            <section aria-labelledby="ratings-title">
              <h2 id="ratings-title">{t(`${P}.ratingsTitle`)}</h2>
              <AssessmentTable rows={d.assessments} />
            </section>
          ) : null}
        </>
      ) : null}

      {c ? (
        <section aria-labelledby="contact-title">
          <h2 id="contact-title">{t(`${P}.contactTitle`)}</h2>
          <p>
            {t(`${P}.contactLead`, { organisation: c.organisation.name })}
            {c.organisation.phone ? ` ${t(`${P}.phone`, { phone: c.organisation.phone })}` : ''}
            {c.organisation.email ? ` ${t(`${P}.email`, { email: c.organisation.email })}` : ''}
          </p>
        </section>
      ) : null}
    </div>
  )
}
