import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { listMyBuddies } from '~/modules/matching/records.server'
import { formatDate } from '~/ui/format'

// The volunteer's "my buddies": proposals to answer and running courses, with only what the
// citizen's consent lets them see.

const P = 'pages.myBuddies.list'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const courses = await listMyBuddies(ctx)
  return {
    title: t(`${P}.metaTitle`),
    courses: courses.map((c) => ({
      id: c.id,
      name: c.citizen.name ?? t('pages.myBuddies.unnamed'),
      organisation: c.organisation.name,
      state: c.state,
      waitingForMe: c.state === 'proposed' && c.volunteerAnswer === 'pending',
      since: formatDate(c.startedAt ?? c.proposedAt, lng),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function MyBuddies() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      {d.courses.length === 0 ? (
        <p className="notice">{t(`${P}.empty`)}</p>
      ) : (
        <ul className="task-list">
          {d.courses.map((c) => (
            <li key={c.id}>
              <Link to={`/volunteer/buddies/${c.id}`}>
                {c.waitingForMe
                  ? t(`${P}.proposal`, { organisation: c.organisation })
                  : t(`${P}.course`, { name: c.name })}
              </Link>{' '}
              <span className="muted-line">
                {t(`common.course.states.${c.state}`)} · {c.organisation} · {c.since}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
