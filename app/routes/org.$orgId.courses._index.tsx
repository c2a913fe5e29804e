import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { hasOrgRole } from '~/modules/identity/policy'
import { getBoard } from '~/modules/matching/records.server'
import { COURSE_STATES } from '~/modules/matching/transitions'
import { formatDate } from '~/ui/format'

// The coordinator's board: who waits for a buddy, the tasks due, and every course by state
// with overdue check-ins marked.

const P = 'pages.courses.board'
const day = (d: string) => new Date(`${d}T12:00:00Z`)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const board = await getBoard(ctx, orgId)
  const organisation = ctx.actor.orgRoles.find((r) => r.organisationId === orgId)
  const unnamed = t('pages.matching.unnamed')
  return {
    title: t(`${P}.metaTitle`, { organisation: organisation?.organisationName }),
    organisation: organisation?.organisationName ?? '',
    organisationId: orgId,
    isCoordinator: hasOrgRole(ctx.actor, orgId, ['coordinator']),
    waiting: board.waiting.map((w) => ({
      id: w.id,
      name: w.citizenName ?? unnamed,
      since: formatDate(w.answeredAt ?? w.sentAt, lng),
    })),
    tasks: board.tasks.map((task) => ({
      id: task.id,
      kind: task.kind,
      courseId: task.courseId,
      name: task.citizenName ?? unnamed,
      due: task.due,
      dueAt: formatDate(task.dueAt, lng),
    })),
    groups: COURSE_STATES.map((state) => ({
      state,
      courses: board.courses
        .filter((c) => c.state === state)
        .map((c) => ({
          id: c.id,
          name: c.citizenName ?? unnamed,
          buddy: c.volunteerName,
          overdue: c.overdueCheckin,
          waitingFor:
            c.state === 'proposed'
              ? [
                  ...(c.volunteerAnswer === 'pending' ? [t(`${P}.waitingVolunteer`)] : []),
                  ...(c.citizenAnswer === 'pending' ? [t(`${P}.waitingCitizen`)] : []),
                ].join(', ')
              : '',
          dates:
            c.state === 'closed' && c.closedAt
              ? t(`${P}.closedOn`, { date: formatDate(c.closedAt, lng) })
              : c.startedAt
                ? t(`${P}.period`, {
                    start: formatDate(c.startedAt, lng),
                    end: c.plannedEnd ? formatDate(day(c.plannedEnd), lng) : '–',
                  })
                : t(`${P}.proposedOn`, { date: formatDate(c.proposedAt, lng) }),
        })),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function CourseBoard() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const dueNow = d.tasks.filter((x) => x.due)
  const upcoming = d.tasks.filter((x) => !x.due)
  const taskList = (tasks: typeof d.tasks) => (
    <ul className="task-list">
      {tasks.map((task) => (
        <li key={task.id}>
          {task.courseId ? (
            <Link to={`/org/${d.organisationId}/courses/${task.courseId}`}>
              {t(`common.course.taskKinds.${task.kind}`)} – {task.name}
            </Link>
          ) : (
            t(`common.course.taskKinds.${task.kind}`)
          )}{' '}
          <span className="muted-line">{t(`${P}.dueAt`, { date: task.dueAt })}</span>
        </li>
      ))}
    </ul>
  )
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`, { organisation: d.organisation })}</p>

      <section aria-labelledby="waiting-title">
        <h2 id="waiting-title">{t(`${P}.waitingTitle`, { count: d.waiting.length })}</h2>
        {d.waiting.length === 0 ? (
          <p>{t(`${P}.noneWaiting`)}</p>
        ) : (
          <ul className="task-list">
            {d.waiting.map((w) => (
              <li key={w.id}>
                {d.isCoordinator ? (
                  <Link to={`/org/${d.organisationId}/matching/${w.id}`}>
                    {t(`${P}.findBuddy`, { name: w.name })}
                  </Link>
                ) : (
                  w.name
                )}{' '}
                <span className="muted-line">{t(`${P}.waitingSince`, { date: w.since })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="tasks-title">
        <h2 id="tasks-title">{t(`${P}.tasksTitle`)}</h2>
        <h3>{t(`${P}.dueNow`, { count: dueNow.length })}</h3>
        {dueNow.length ? taskList(dueNow) : <p>{t(`${P}.noTasks`)}</p>}
        <h3>{t(`${P}.upcoming`, { count: upcoming.length })}</h3>
        {upcoming.length ? taskList(upcoming) : <p>{t(`${P}.noTasks`)}</p>}
      </section>

      {d.groups.map((g) => (
        <section key={g.state} aria-labelledby={`state-${g.state}`}>
          <h2 id={`state-${g.state}`}>
            {t(`common.course.statesPlural.${g.state}`)} ({g.courses.length})
          </h2>
          {g.courses.length === 0 ? (
            <p>{t(`${P}.noCourses`)}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t(`${P}.columns.citizen`)}</th>
                    <th scope="col">{t(`${P}.columns.buddy`)}</th>
                    <th scope="col">{t(`${P}.columns.dates`)}</th>
                    <th scope="col">{t(`${P}.columns.status`)}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.courses.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/org/${d.organisationId}/courses/${c.id}`}>{c.name}</Link>
                      </td>
                      <td>{c.buddy}</td>
                      <td>{c.dates}</td>
                      <td>
                        {c.overdue ? <strong className="tag">{t(`${P}.overdue`)}</strong> : null}
                        {c.waitingFor}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </>
  )
}
