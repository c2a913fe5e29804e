import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { recordAccess } from '~/modules/audit/audit.server'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { proposeMatch } from '~/modules/matching/courses.server'
import { ProposeSchema } from '~/modules/matching/schemas'
import { reasonParts, wishSummary } from '~/modules/matching/scoring'
import { listSuggestions } from '~/modules/matching/suggestions.server'
import { ErrorSummary } from '~/ui/error-summary'
import type { RouteHandle } from '~/root'
import { parseForm } from '~/ui/forms'

// Suggestions for one citizen waiting for a buddy: who the citizen is (as far as the consent
// covers), their wishes in short with a link to change them, and the ranked volunteers with
// their reasons in words and "Foreslå" for each. The wishes are edited on their own page
// (…/wish), so this page stays light on a phone (ADR 020).

const P = 'pages.matching'

// Plain HTML: reading and proposing need no JavaScript, and a coordinator opens this page for
// every waiting citizen (ADR 020).
export const handle: RouteHandle = { hydrate: false }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator'])
  const found = await listSuggestions(ctx, orgId, params.referralId ?? '')
  if (!found) notFound()
  const t = getFixedT(detectLanguage(request))
  const { referral, wish } = found
  await recordAccess(ctx, {
    citizenId: referral.citizenId,
    municipalityId: referral.municipalityId,
    recordType: 'referral',
    recordId: referral.id,
    page: `/org/${orgId}/matching/${referral.id}`,
  })
  const saved = new URL(request.url).searchParams.get('done') === 'wish'
  return {
    title: t(`${P}.metaTitle`),
    organisationId: orgId,
    referralId: referral.id,
    pageHref: `/org/${orgId}/matching/${referral.id}`,
    saved,
    citizen: {
      name: referral.citizenName ?? t(`${P}.unnamed`),
      birthYear: referral.birthYear,
      area: referral.areaName,
      note: referral.referralNote,
    },
    wish: wish ? wishSummary(t, wish) : null,
    suggestions: found.suggestions.map((s) => ({
      applicationId: s.applicationId,
      name: s.name,
      score: s.score,
      reasons: reasonParts(t, s).join(' · ') || t(`${P}.noReasons`),
      load: t(`${P}.load`, { open: s.openCourses, capacity: s.capacity }),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator'])
  const referralId = params.referralId ?? ''
  const parsed = parseForm(ProposeSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
  const result = await proposeMatch(ctx, orgId, referralId, parsed.data.applicationId, {
    origin: publicOrigin(request),
  })
  if (!result.ok) {
    if (result.reason === 'notFound') notFound()
    return data({ errors: { '': [`${P}.errors.${result.reason}`] } }, { status: 400 })
  }
  kickOutbox()
  return redirect(`/org/${orgId}/courses/${result.courseId}?done=proposed`)
}

export default function MatchSuggestions() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const wishHref = `${d.pageHref}/wish`
  return (
    <>
      <p>
        <a href={`/org/${d.organisationId}/courses`}>{t(`${P}.back`)}</a>
      </p>
      <h1>{t(`${P}.title`, { name: d.citizen.name })}</h1>
      {d.saved && !failed ? (
        <p className="notice" role="status">
          {t(`${P}.wishSaved`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <dl className="summary-list">
        {d.citizen.birthYear ? (
          <>
            <dt>{t(`${P}.fields.birthYear`)}</dt>
            <dd>{d.citizen.birthYear}</dd>
          </>
        ) : null}
        {d.citizen.area ? (
          <>
            <dt>{t(`${P}.fields.area`)}</dt>
            <dd>{d.citizen.area}</dd>
          </>
        ) : null}
        {d.citizen.note ? (
          <>
            <dt>{t(`${P}.fields.note`)}</dt>
            <dd>{d.citizen.note}</dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="wish-title">
        <h2 id="wish-title">{t(`${P}.wishTitle`)}</h2>
        {d.wish ? (
          <dl className="summary-list">
            {d.wish.map((row) => (
              <Fragment key={row.label}>
                <dt>{row.label}</dt>
                <dd>{row.value}</dd>
              </Fragment>
            ))}
          </dl>
        ) : (
          <p>{t(`${P}.noWish`)}</p>
        )}
        <p>
          <a href={wishHref} className="button button--secondary">
            {d.wish ? t(`${P}.changeWish`) : t(`${P}.addWish`)}
          </a>
        </p>
      </section>

      <section aria-labelledby="suggestions-title">
        <h2 id="suggestions-title">{t(`${P}.suggestionsTitle`)}</h2>
        <p>{t(`${P}.suggestionsLead`)}</p>
        {d.suggestions.length === 0 ? (
          <p className="notice">{t(`${P}.none`)}</p>
        ) : (
          <ol className="suggestions">
            {d.suggestions.map((s) => (
              <li key={s.applicationId} className="suggestion">
                <h3 className="suggestion__name">{s.name}</h3>
                <p>
                  <span className="suggestion__score">{t(`${P}.score`, { score: s.score })}</span> ·{' '}
                  {s.reasons}
                </p>
                <p className="muted-line">{s.load}</p>
                {/* ?index: the POST is for this index route's action, not a parent's. */}
                <form method="post" action={`${d.pageHref}?index`}>
                  <input type="hidden" name="intent" value="propose" />
                  <input type="hidden" name="applicationId" value={s.applicationId} />
                  <button type="submit" className="button">
                    {t(`${P}.propose`, { name: s.name })}
                  </button>
                </form>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  )
}
