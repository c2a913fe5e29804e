import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ChoicesFieldset } from './choices'

// Pieces of the course (forløb) pages shared by the coordinator, the buddy and the citizen:
// the list of meetings and the self-assessment form with big radio buttons (no JavaScript).

export interface MeetingRow {
  id: string
  date: string
  type: string
  minutes: number
  note: string | null
}

export function MeetingTable({ meetings, caption }: { meetings: MeetingRow[]; caption: string }) {
  const { t } = useTranslation()
  const C = 'common.course'
  if (meetings.length === 0) return <p>{t(`${C}.noMeetings`)}</p>
  return (
    <table className="table course-meetings">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t(`${C}.meetingColumns.date`)}</th>
          <th scope="col">{t(`${C}.meetingColumns.type`)}</th>
          <th scope="col">{t(`${C}.meetingColumns.minutes`)}</th>
          <th scope="col">{t(`${C}.meetingColumns.note`)}</th>
        </tr>
      </thead>
      <tbody>
        {meetings.map((m) => (
          <tr key={m.id}>
            <td>{m.date}</td>
            <td>{t(`${C}.meetingTypes.${m.type}`)}</td>
            <td>{t(`${C}.minutes`, { count: m.minutes })}</td>
            <td>{m.note ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export interface AssessmentRow {
  stage: string
  ownGoals: number
  peopleAround: number
  assisted: boolean
  date: string
}

export function AssessmentTable({ rows }: { rows: AssessmentRow[] }) {
  const { t } = useTranslation()
  const C = 'common.course'
  if (rows.length === 0) return <p>{t(`${C}.noAssessments`)}</p>
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t(`${C}.assessmentColumns.stage`)}</th>
          <th scope="col">{t(`${C}.assessmentColumns.ownGoals`)}</th>
          <th scope="col">{t(`${C}.assessmentColumns.peopleAround`)}</th>
          <th scope="col">{t(`${C}.assessmentColumns.date`)}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr key={a.stage}>
            <td>{t(`${C}.stages.${a.stage}`)}</td>
            <td>{t(`${C}.scaleValue`, { value: a.ownGoals })}</td>
            <td>{t(`${C}.scaleValue`, { value: a.peopleAround })}</td>
            <td>
              {a.date}
              {a.assisted ? ` · ${t(`${C}.assisted`)}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Scale({
  name,
  legend,
  errors,
  value,
}: {
  name: string
  legend: string
  errors?: string[]
  value?: string
}) {
  const { t } = useTranslation()
  const C = 'common.course.scale'
  const options = [1, 2, 3, 4, 5].map((n) => ({
    value: String(n),
    label:
      n === 1 ? t(`${C}.low`, { value: n }) : n === 5 ? t(`${C}.high`, { value: n }) : String(n),
  }))
  return (
    <ChoicesFieldset
      type="radio"
      legend={legend}
      name={name}
      options={options}
      isChecked={(v) => v === value}
      errors={errors}
      className="scale"
    />
  )
}

/** "How is it going?" — own goals and having people around, 1–5 with words at both ends. */
export function AssessmentForm({
  stage,
  errors,
  values,
  submitLabel,
  hidden = {},
}: {
  /** Extra hidden fields, e.g. the course the form is about. */
  hidden?: Record<string, string>
  stage: string
  errors: Record<string, string[]>
  values: Record<string, string>
  submitLabel: string
}) {
  const { t } = useTranslation()
  const C = 'common.course'
  return (
    <Form method="post" noValidate className="assessment-form">
      <input type="hidden" name="intent" value="assessment" />
      <input type="hidden" name="stage" value={stage} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Scale
        name="ownGoals"
        legend={t(`${C}.ownGoalsQuestion`)}
        errors={errors.ownGoals}
        value={values.ownGoals}
      />
      <Scale
        name="peopleAround"
        legend={t(`${C}.peopleAroundQuestion`)}
        errors={errors.peopleAround}
        value={values.peopleAround}
      />
      <button type="submit" className="button button--large">
        {submitLabel}
      </button>
    </Form>
  )
}
