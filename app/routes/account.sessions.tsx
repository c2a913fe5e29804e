import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import {
  listLiveSessions,
  revokeOtherSessions,
  revokeOwnSession,
} from '~/modules/identity/account.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { SessionsActionSchema } from '~/modules/identity/schemas'
import { clearSessionCookie } from '~/modules/identity/sessions.server'
import { describeUserAgent } from '~/modules/identity/user-agent'
import { ErrorSummary } from '~/ui/error-summary'
import { formatDateTime } from '~/ui/format'
import { parseForm } from '~/ui/forms'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const sessions = await listLiveSessions(ctx)
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: t('pages.accountPages.sessions.metaTitle'),
    done: done === 'one' || done === 'others' ? done : null,
    sessions: sessions.map((s) => {
      const { browser, system } = describeUserAgent(s.userAgent)
      return {
        id: s.id,
        device:
          browser && system
            ? t('pages.accountPages.sessions.device', { browser, system })
            : (browser ?? system ?? t('pages.accountPages.sessions.unknownDevice')),
        started: formatDateTime(s.createdAt, lng),
        lastActive: formatDateTime(s.lastSeenAt, lng),
        current: s.current,
      }
    }),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const parsed = parseForm(SessionsActionSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
  if (parsed.data.intent === 'everywhere-else') {
    await revokeOtherSessions(ctx)
    return redirect('/account/sessions?done=others')
  }
  const { sessionId } = parsed.data
  // Only the person's own sessions match; any other id is simply not found.
  if (!(await revokeOwnSession(ctx, sessionId))) {
    return data(
      { errors: { '': ['pages.accountPages.sessions.errors.notFound'] } },
      { status: 404 },
    )
  }
  if (sessionId === ctx.actor.sessionId)
    return redirect('/?loggedOut=1', { headers: { 'Set-Cookie': clearSessionCookie() } })
  return redirect('/account/sessions?done=one')
}

export default function AccountSessions() {
  const { t } = useTranslation()
  const { sessions, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const P = 'pages.accountPages.sessions'
  const others = sessions.filter((s) => !s.current).length
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      {done && !actionData ? (
        <p className="notice" role="status">
          {t(`${P}.done.${done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <p>{t(`${P}.lead`)}</p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t(`${P}.caption`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t(`${P}.columns.device`)}</th>
              <th scope="col">{t(`${P}.columns.started`)}</th>
              <th scope="col">{t(`${P}.columns.lastActive`)}</th>
              <th scope="col">
                <span className="visually-hidden">{t(`${P}.columns.actions`)}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.device}
                  {s.current ? <strong className="tag">{t(`${P}.thisDevice`)}</strong> : null}
                </th>
                <td>{s.started}</td>
                <td>{s.lastActive}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="sessionId" value={s.id} />
                    <button type="submit" className="button button--secondary">
                      {s.current ? t(`${P}.logOutHere`) : t(`${P}.revoke`)}
                      <span className="visually-hidden">{`: ${s.device}, ${s.lastActive}`}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {others > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="everywhere-else" />
          <button type="submit" className="button">
            {t(`${P}.everywhereElse`)}
          </button>
        </Form>
      ) : null}
      <h2>{t(`${P}.everywhereTitle`)}</h2>
      <p>{t(`${P}.everywhereLead`)}</p>
      <Form method="post" action="/logout">
        <input type="hidden" name="everywhere" value="1" />
        <button type="submit" className="button button--secondary">
          {t(`${P}.everywhere`)}
        </button>
      </Form>
      <p>
        <Link to="/account">{t('pages.accountPages.back')}</Link>
      </p>
    </>
  )
}
