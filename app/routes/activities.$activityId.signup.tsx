import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { deadlineText, sessionWhen } from '~/modules/activities/session-format'
import {
  FIRST_NAME_MAX,
  GuestSignupSchema,
  OwnSignupActionSchema,
  PersonSignupSchema,
} from '~/modules/activities/signup-schemas'
import {
  cancelOwnSignup,
  confirmOwnOffer,
  getSignupOptions,
  isUuid,
  listOwnSignups,
  signUp,
  type SignUpFailure,
} from '~/modules/activities/signups.server'
import { getOptionalCtx } from '~/modules/identity/guards.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { ErrorSummary } from '~/ui/error-summary'
import type { ActivityRole } from '../../db/schema.ts'
import { Field } from '~/ui/field'
import { parseForm } from '~/ui/forms'
import { RadioGroup } from '~/ui/radio-group'

// Public: anyone may sign up for an open activity, signed in or as a guest with a first name
// and a phone number or e-mail address. Full sessions put people on the waitlist.

const P = 'pages.signup'
const DONE = ['already', 'cancelled', 'confirmed', 'expired'] as const
type Done = (typeof DONE)[number]

const pagePath = (activityId: string, sessionId?: string | null, done?: Done) => {
  const params = new URLSearchParams()
  if (sessionId) params.set('session', sessionId)
  if (done) params.set('done', done)
  const query = params.toString()
  return `/activities/${activityId}/signup${query ? `?${query}` : ''}`
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-cache' })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const activityId = params.activityId ?? ''
  const url = new URL(request.url)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const now = new Date()
  const db = await getDb()
  const options = await getSignupOptions(db, activityId, now, url.searchParams.get('session'))
  if (!options) throw data(null, { status: 404 })
  const ctx = await getOptionalCtx(request)
  const own = ctx
    ? await listOwnSignups(
        db,
        ctx.actor.personId,
        options.sessions.map((s) => s.id),
      )
    : []
  const chosenId =
    options.chosen && !options.chosen.problem
      ? options.chosen.id
      : (options.sessions[0]?.id ?? null)
  const done = url.searchParams.get('done')
  return {
    title: t(`${P}.metaTitle`, { activity: options.activity.title }),
    activity: options.activity,
    sessions: options.sessions.map((s) => ({
      id: s.id,
      when: sessionWhen(t, lng, s.startsAt, s.endsAt),
      placesLeft: s.placesLeft,
      waiting: s.waiting,
    })),
    chosenId,
    problem: options.chosen?.problem ?? null,
    signedIn: ctx ? { name: ctx.actor.displayName } : null,
    own: own.map((o) => ({
      id: o.id,
      sessionId: o.sessionId,
      state: o.state,
      position: o.position,
      deadline: o.offerExpiresAt ? deadlineText(t, lng, o.offerExpiresAt) : null,
    })),
    askCancel: url.searchParams.get('cancel') === '1',
    done: DONE.includes(done as Done) ? (done as Done) : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

type ActionData = { errors: Record<string, string[]>; values: Record<string, string> }

const FAILURE_FIELD: Record<Exclude<SignUpFailure, 'notFound'>, string> = {
  sessionCancelled: 'sessionId',
  sessionPast: 'sessionId',
  roleNotOffered: 'role',
  noContact: 'phone',
}

export async function action({ request, params }: ActionFunctionArgs) {
  const activityId = params.activityId ?? ''
  if (!isUuid(activityId)) throw data(null, { status: 404 })
  const form = await request.formData()
  const ctx = await getOptionalCtx(request)
  const db = await getDb()
  const now = new Date()
  const origin = publicOrigin(request)
  const intent = form.get('intent')

  if (intent === 'cancel' || intent === 'confirm') {
    if (!ctx) return redirect(`/login?redirectTo=${encodeURIComponent(pagePath(activityId))}`)
    const parsed = parseForm(OwnSignupActionSchema, form)
    if (!parsed.ok)
      return data<ActionData>(
        { errors: { '': ['common.errors.badRequestTitle'] }, values: {} },
        { status: 400 },
      )
    const own = { signupId: parsed.data.signupId, personId: ctx.actor.personId }
    const sessionId = form.get('sessionId')
    const back = (done: Done) =>
      redirect(pagePath(activityId, isUuid(String(sessionId)) ? String(sessionId) : null, done))
    const result =
      parsed.data.intent === 'cancel'
        ? await cancelOwnSignup(db, own, now, { origin })
        : await confirmOwnOffer(db, own, now, { origin })
    kickOutbox()
    if (result.ok) return back(parsed.data.intent === 'cancel' ? 'cancelled' : 'confirmed')
    if (result.reason === 'expired') return back('expired')
    if (result.reason === 'notFound') throw data(null, { status: 404 })
    return data<ActionData>(
      { errors: { '': [`${P}.errors.${result.reason}`] }, values: {} },
      { status: 400 },
    )
  }

  let input: { sessionId: string; role: ActivityRole; namedCheckin: boolean }
  let guest: { firstName: string; phone?: string; email?: string } | null = null
  if (ctx) {
    const parsed = parseForm(PersonSignupSchema, form)
    if (!parsed.ok)
      return data<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 })
    input = parsed.data
  } else {
    const parsed = parseForm(GuestSignupSchema, form)
    if (!parsed.ok)
      return data<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 })
    input = parsed.data
    guest = { firstName: parsed.data.firstName, phone: parsed.data.phone, email: parsed.data.email }
  }
  const result = await signUp(
    db,
    {
      sessionId: input.sessionId,
      activityId,
      person: ctx ? { id: ctx.actor.personId } : null,
      guest,
      role: input.role,
      namedCheckin: input.namedCheckin,
      language: ctx ? ctx.actor.language : detectLanguage(request),
    },
    now,
    { origin },
  )
  if (!result.ok) {
    if (result.reason === 'notFound') throw data(null, { status: 404 })
    const values = Object.fromEntries(
      [...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'),
    )
    return data<ActionData>(
      { errors: { [FAILURE_FIELD[result.reason]]: [`${P}.errors.${result.reason}`] }, values },
      { status: 400 },
    )
  }
  kickOutbox()
  if (result.token) return redirect(`/signups/${result.token}?new=1`)
  return redirect(pagePath(activityId, input.sessionId, 'already'))
}

export default function ActivitySignup() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values: Record<string, string | undefined> = actionData?.values ?? {}
  const chosen = values.sessionId ?? d.chosenId
  const mine = d.own.find((o) => o.sessionId === chosen) ?? null
  const placesHint = (s: (typeof d.sessions)[number]) =>
    s.placesLeft === null
      ? t(`${P}.places.unlimited`)
      : s.placesLeft > 0
        ? t(`${P}.places.left`, { count: s.placesLeft })
        : t(`${P}.places.full`)
  const roles = d.activity.rolesOffered
  return (
    <>
      <p>
        <Link to={`/activities/${d.activity.id}`}>{t(`${P}.back`)}</Link>
      </p>
      <h1>{t(`${P}.title`, { activity: d.activity.title })}</h1>
      <p>{t(`${P}.organiser`, { organisation: d.activity.organisationName })}</p>
      {d.done && !actionData ? (
        <p className="notice" role="status">
          {t(`${P}.done.${d.done}`)}
        </p>
      ) : null}
      {d.problem ? (
        <p className="notice" role="status">
          {t(`${P}.errors.${d.problem}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      {mine ? (
        <OwnSignup
          mine={mine}
          when={d.sessions.find((s) => s.id === mine.sessionId)?.when ?? ''}
          askCancel={d.askCancel}
          activityId={d.activity.id}
        />
      ) : null}
      {d.sessions.length === 0 ? (
        <p>{t(`${P}.noSessions`)}</p>
      ) : (
        <Form method="post" noValidate className="signup-form">
          <input type="hidden" name="intent" value="signup" />
          <RadioGroup
            legend={t(`${P}.form.session`)}
            name="sessionId"
            defaultValue={chosen}
            errors={errors.sessionId}
            options={d.sessions.map((s) => ({ value: s.id, label: s.when, hint: placesHint(s) }))}
          />
          {d.signedIn ? (
            <p>{t(`${P}.form.signedInAs`, { name: d.signedIn.name })}</p>
          ) : (
            <>
              <Field
                label={t(`${P}.form.firstName`)}
                name="firstName"
                autoComplete="given-name"
                maxLength={FIRST_NAME_MAX}
                defaultValue={values.firstName ?? ''}
                errors={errors.firstName}
              />
              <fieldset className="fieldset signup-form__contact" aria-describedby="contact-hint">
                <legend className="field__label">{t(`${P}.form.contactLegend`)}</legend>
                <p id="contact-hint" className="field__hint">
                  {t(`${P}.form.contactHint`)}
                </p>
                <Field
                  label={t(`${P}.form.phone`)}
                  name="phone"
                  type="tel"
                  autoComplete="tel"
                  inputMode="tel"
                  defaultValue={values.phone ?? ''}
                  errors={errors.phone}
                />
                <Field
                  label={t(`${P}.form.email`)}
                  name="email"
                  type="email"
                  autoComplete="email"
                  spellCheck={false}
                  defaultValue={values.email ?? ''}
                  errors={errors.email}
                />
              </fieldset>
            </>
          )}
          {roles.length > 1 ? (
            <RadioGroup
              legend={t(`${P}.form.role`)}
              name="role"
              defaultValue={values.role ?? 'participant'}
              errors={errors.role}
              options={roles.map((r) => ({ value: r, label: t(`common.activityRoles.${r}`) }))}
            />
          ) : (
            <input type="hidden" name="role" value={roles[0] ?? 'participant'} />
          )}
          <fieldset className="fieldset field" aria-describedby="namedCheckin-hint">
            <legend className="field__label">{t(`${P}.form.consentQuestion`)}</legend>
            <p id="namedCheckin-hint" className="field__hint">
              {t(`${P}.form.consentHint`)}
            </p>
            <div className="checkbox">
              <input
                type="checkbox"
                id="field-namedCheckin"
                name="namedCheckin"
                value="on"
                className="checkbox__input"
                defaultChecked={values.namedCheckin === 'on'}
              />
              <label htmlFor="field-namedCheckin" className="checkbox__label">
                {t(`${P}.form.consentYes`)}
              </label>
            </div>
          </fieldset>
          <p className="field__hint">{t(`${P}.form.privacy`)}</p>
          <button type="submit" className="button button--large">
            {t(`${P}.form.submit`)}
          </button>
        </Form>
      )}
    </>
  )
}

function OwnSignup({
  mine,
  when,
  askCancel,
  activityId,
}: {
  mine: {
    id: string
    sessionId: string
    state: string
    position: number | null
    deadline: string | null
  }
  when: string
  askCancel: boolean
  activityId: string
}) {
  const { t } = useTranslation()
  const status =
    mine.state === 'waitlisted'
      ? t(`${P}.own.waitlisted`, { position: mine.position ?? 1 })
      : mine.state === 'offered'
        ? t(`${P}.own.offered`, { deadline: mine.deadline ?? '' })
        : t(`${P}.own.confirmed`)
  const canAct =
    mine.state === 'confirmed' || mine.state === 'waitlisted' || mine.state === 'offered'
  return (
    <section className="card" aria-labelledby="own-title">
      <h2 id="own-title">{t(`${P}.own.title`)}</h2>
      <p>
        <strong>{when}</strong>
        <br />
        {status}
      </p>
      {mine.state === 'offered' ? (
        <Form method="post">
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="signupId" value={mine.id} />
          <input type="hidden" name="sessionId" value={mine.sessionId} />
          <button type="submit" className="button">
            {t(`${P}.own.confirm`)}
          </button>
        </Form>
      ) : null}
      {canAct && askCancel ? (
        <div className="confirm-box">
          <p>{t(`${P}.own.cancelQuestion`, { when })}</p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="signupId" value={mine.id} />
            <input type="hidden" name="sessionId" value={mine.sessionId} />
            <button type="submit" className="button button--warning">
              {t(`${P}.own.cancelYes`)}
            </button>
            <Link to={pagePath(activityId, mine.sessionId)}>{t(`${P}.own.cancelNo`)}</Link>
          </Form>
        </div>
      ) : canAct ? (
        <Form method="get">
          <input type="hidden" name="session" value={mine.sessionId} />
          <input type="hidden" name="cancel" value="1" />
          <button type="submit" className="button button--secondary">
            {t(`${P}.own.cancel`)}
          </button>
        </Form>
      ) : null}
    </section>
  )
}
