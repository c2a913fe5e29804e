import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useState, type FocusEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import {
  createCalendarFeed,
  feedUrls,
  getMyCalendarFeed,
  renewCalendarFeed,
  revokeCalendarFeed,
} from '~/modules/directory/calendar-feeds.server'
import { CalendarFeedActionSchema } from '~/modules/directory/schemas'
import { requireCtx } from '~/modules/identity/guards.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { formatDate } from '~/ui/format'
import { parseForm } from '~/ui/forms'

const SELF = '/account/calendar'
const P = 'pages.calendar.account'
const DONE = ['created', 'renewed', 'revoked'] as const
type Done = (typeof DONE)[number]

// The page shows a secret link: no cache may keep a copy.
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const lng = detectLanguage(request)
  const feed = await getMyCalendarFeed(ctx)
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: getFixedT(lng)(`${P}.metaTitle`),
    done: DONE.includes(done as Done) ? (done as Done) : null,
    feed:
      feed.state === 'none'
        ? { state: 'none' as const }
        : {
            state: feed.state,
            feedId: feed.feedId,
            createdOn: formatDate(feed.createdAt, lng),
            urls: feed.state === 'active' ? feedUrls(publicOrigin(request), feed.token) : null,
          },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const parsed = parseForm(CalendarFeedActionSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
  const input = parsed.data
  if (input.intent === 'create') await createCalendarFeed(ctx)
  else if (input.intent === 'renew') await renewCalendarFeed(ctx, input.feedId)
  else await revokeCalendarFeed(ctx)
  const done: Done =
    input.intent === 'create' ? 'created' : input.intent === 'renew' ? 'renewed' : 'revoked'
  return redirect(`${SELF}?done=${done}`)
}

/** Copies a field's value; shown only where the browser can (it is a convenience, not a need). */
function CopyButton({ fieldId, what }: { fieldId: string; what: string }) {
  const { t } = useTranslation()
  const [canCopy, setCanCopy] = useState(false)
  const [copied, setCopied] = useState(false)
  useEffect(() => setCanCopy(Boolean(navigator.clipboard)), [])
  const copy = async () => {
    const input = document.getElementById(fieldId)
    if (!(input instanceof HTMLInputElement)) return
    await navigator.clipboard.writeText(input.value)
    setCopied(true)
  }
  return (
    <div className="calendar-link__copy">
      {canCopy ? (
        <button type="button" className="button button--secondary" onClick={copy}>
          {t(`${P}.copy`)}
          <span className="visually-hidden">{`: ${what}`}</span>
        </button>
      ) : null}
      <p role="status" className="calendar-link__copied">
        {copied ? t(`${P}.copied`) : ''}
      </p>
    </div>
  )
}

export default function AccountCalendar() {
  const { t } = useTranslation()
  const { feed, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const selectAll = (event: FocusEvent<HTMLInputElement>) => event.currentTarget.select()
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
      {feed.state === 'none' ? (
        <>
          <p>{t(`${P}.noneLead`)}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="create" />
            <button type="submit" className="button">
              {t(`${P}.create`)}
            </button>
          </Form>
        </>
      ) : (
        <>
          <section aria-labelledby="calendar-link-title" className="calendar-link">
            <h2 id="calendar-link-title">{t(`${P}.linkTitle`)}</h2>
            <p>{t(`${P}.createdOn`, { date: feed.createdOn })}</p>
            {feed.urls ? (
              <>
                <p>
                  <a className="button" href={feed.urls.webcal}>
                    {t(`${P}.subscribe`)}
                  </a>
                </p>
                <Field
                  label={t(`${P}.webcalLabel`)}
                  hint={t(`${P}.webcalHint`)}
                  name="webcal"
                  readOnly
                  value={feed.urls.webcal}
                  onFocus={selectAll}
                  spellCheck={false}
                  className="calendar-link__field"
                />
                <CopyButton fieldId="field-webcal" what={t(`${P}.webcalLabel`)} />
                <Field
                  label={t(`${P}.httpsLabel`)}
                  hint={t(`${P}.httpsHint`)}
                  name="https"
                  readOnly
                  value={feed.urls.https}
                  onFocus={selectAll}
                  spellCheck={false}
                  className="calendar-link__field"
                />
                <CopyButton fieldId="field-https" what={t(`${P}.httpsLabel`)} />
                <p className="notice">{t(`${P}.private`)}</p>
              </>
            ) : (
              <p>{t(`${P}.hidden`)}</p>
            )}
          </section>
          <section aria-labelledby="calendar-renew-title">
            <h2 id="calendar-renew-title">{t(`${P}.renewTitle`)}</h2>
            <p>{t(`${P}.renewLead`)}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="renew" />
              <input type="hidden" name="feedId" value={feed.feedId} />
              <button type="submit" className="button button--secondary">
                {t(`${P}.renew`)}
              </button>
            </Form>
          </section>
          <section aria-labelledby="calendar-revoke-title">
            <h2 id="calendar-revoke-title">{t(`${P}.revokeTitle`)}</h2>
            <p>{t(`${P}.revokeLead`)}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="revoke" />
              <button type="submit" className="button button--secondary">
                {t(`${P}.revoke`)}
              </button>
            </Form>
          </section>
        </>
      )}
      <p>
        <Link to="/account">{t(`${P}.back`)}</Link>
      </p>
    </>
  )
}
