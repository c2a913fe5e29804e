import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { can } from '~/modules/identity/policy'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const t = getFixedT(detectLanguage(request))
  const { actor } = ctx
  return {
    title: t('pages.account.metaTitle'),
    name: actor.displayName,
    email: actor.email,
    municipalRoles: actor.municipalRoles.map((r) => ({ role: r.role, place: r.municipalityName })),
    orgRoles: actor.orgRoles.map((r) => ({
      role: r.role,
      place: r.organisationName,
      organisationId: r.organisationId,
    })),
    isCitizen: actor.citizen !== null,
    isVolunteer: actor.isVolunteer,
    isAdmin: can(actor, 'admin.people'),
    isCaseworker: can(actor, 'case.accessCodes'),
    canDeleteSelf: can(actor, 'account.deleteSelf'),
    reportMunicipalities: actor.municipalRoles.some(
      (r) => r.role === 'administrator' || r.role === 'council_viewer',
    ),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function Account() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const roles = [
    ...d.municipalRoles.map((r) => `${t(`common.roles.${r.role}`)} – ${r.place}`),
    ...d.orgRoles.map((r) => `${t(`common.roles.${r.role}`)} – ${r.place}`),
    ...(d.isCitizen ? [t('common.roles.citizen')] : []),
    ...(d.isVolunteer ? [t('common.roles.volunteer')] : []),
  ]
  return (
    <>
      <h1>{t('pages.account.title', { name: d.name })}</h1>
      {roles.length ? (
        <>
          <h2>{t('pages.account.rolesTitle')}</h2>
          <ul>
            {roles.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('pages.account.settingsTitle')}</h2>
      <ul>
        <li>
          <Link to="/account/profile">{t('pages.account.links.profile')}</Link>
        </li>
        <li>
          <Link to="/account/password">{t('pages.account.links.password')}</Link>
        </li>
        <li>
          <Link to="/account/two-factor">{t('pages.account.links.twoFactor')}</Link>
        </li>
        <li>
          <Link to="/account/sessions">{t('pages.account.links.sessions')}</Link>
        </li>
        <li>
          <Link to="/account/calendar">{t('pages.calendar.accountLink')}</Link>
        </li>
        {d.isAdmin ? (
          <>
            <li>
              <Link to="/admin/people">{t('pages.account.links.adminPeople')}</Link>
            </li>
            <li>
              <Link to="/admin/organisations">{t('pages.account.links.adminOrganisations')}</Link>
            </li>
            <li>
              <Link to="/admin/audit">{t('pages.account.links.adminAudit')}</Link>
            </li>
            <li>
              <Link to="/admin/partnerships">{t('pages.staff.partnerships.accountLink')}</Link>
            </li>
          </>
        ) : null}
        {d.isCaseworker ? (
          <li>
            <Link to="/case/access-codes">{t('pages.account.links.accessCodes')}</Link>
          </li>
        ) : null}
        {d.orgRoles
          .filter((r) => r.role === 'coordinator')
          .map((r) => (
            <li key={r.organisationId}>
              <Link to={`/org/${r.organisationId}/staff`}>
                {t('pages.account.links.orgStaff', { organisation: r.place })}
              </Link>
            </li>
          ))}
        {d.orgRoles.map((r) => (
          <li key={`activities-${r.organisationId}`}>
            <Link to={`/org/${r.organisationId}/activities`}>
              {t('pages.orgActivities.accountLink', { organisation: r.place })}
            </Link>
          </li>
        ))}
        {d.orgRoles
          .filter((r) => r.role === 'coordinator')
          .map((r) => (
            <li key={`profile-${r.organisationId}`}>
              <Link to={`/org/${r.organisationId}/profile`}>
                {t('pages.orgProfile.accountLink', { organisation: r.place })}
              </Link>
            </li>
          ))}
        {d.orgRoles.map((r) => (
          <li key={`partnerships-${r.organisationId}`}>
            <Link to={`/org/${r.organisationId}/partnerships`}>
              {t('pages.orgPartnerships.accountLink', { organisation: r.place })}
            </Link>
          </li>
        ))}
        {d.isCitizen ? (
          <li>
            <Link to="/me/frikort">{t('pages.frikort.account.me')}</Link>
          </li>
        ) : null}
        {d.isCaseworker ? (
          <li>
            <Link to="/case/frikort">{t('pages.staff.frikort.account.case')}</Link>
          </li>
        ) : null}
        {d.isAdmin ? (
          <li>
            <Link to="/admin/frikort/caps">{t('pages.staff.frikort.account.caps')}</Link>
          </li>
        ) : null}
        {d.orgRoles.map((r) => (
          <li key={`frikort-${r.organisationId}`}>
            <Link to={`/org/${r.organisationId}/frikort`}>
              {t('pages.frikort.account.org', { organisation: r.place })}
            </Link>
          </li>
        ))}
        {d.isVolunteer ? (
          <li>
            <Link to="/volunteer/me">{t('pages.volunteer.accountLink')}</Link>
          </li>
        ) : null}
        {d.orgRoles.map((r) => (
          <li key={`volunteers-${r.organisationId}`}>
            <Link to={`/org/${r.organisationId}/volunteers`}>
              {t('pages.orgVolunteers.accountLink', { organisation: r.place })}
            </Link>
          </li>
        ))}
        {/* Citizens, consent and referrals */}
        {d.isCitizen ? (
          <li>
            <Link to="/me">{t('pages.me.accountLink')}</Link>
          </li>
        ) : null}
        {d.isCaseworker ? (
          <li>
            <Link to="/case">{t('pages.case.workspace.accountLink')}</Link>
          </li>
        ) : null}
        {d.orgRoles.map((r) => (
          <li key={`referrals-${r.organisationId}`}>
            <Link to={`/org/${r.organisationId}/referrals`}>
              {t('pages.orgReferrals.accountLink', { organisation: r.place })}
            </Link>
          </li>
        ))}
        {/* Buddy matching and the course */}
        {d.orgRoles.map((r) => (
          <li key={`courses-${r.organisationId}`}>
            <Link to={`/org/${r.organisationId}/courses`}>
              {t('pages.courses.board.accountLink', { organisation: r.place })}
            </Link>
          </li>
        ))}
        {d.isVolunteer ? (
          <li>
            <Link to="/volunteer/buddies">{t('pages.myBuddies.accountLink')}</Link>
          </li>
        ) : null}
        {d.isCitizen ? (
          <li>
            <Link to="/me/buddy">{t('pages.myBuddy.meLink')}</Link>
          </li>
        ) : null}
        {d.reportMunicipalities ? (
          <li>
            <Link to="/reports">{t('pages.reports.accountLink')}</Link>
          </li>
        ) : null}
        {d.isAdmin ? (
          <li>
            <Link to="/admin/reports">{t('pages.staff.reports.adminAccountLink')}</Link>
          </li>
        ) : null}
        {d.orgRoles.map((r) => (
          <li key={`reports-${r.organisationId}`}>
            <Link to={`/org/${r.organisationId}/reports`}>
              {t('pages.staff.reports.accountLink', { organisation: r.place })}
            </Link>
          </li>
        ))}
        {d.canDeleteSelf ? (
          <li>
            <Link to="/account/delete">{t('pages.accountPages.delete.link')}</Link>
          </li>
        ) : null}
      </ul>
      <Form method="post" action="/logout">
        <button type="submit" className="button button--secondary">
          {t('pages.account.logout')}
        </button>
      </Form>
    </>
  )
}
