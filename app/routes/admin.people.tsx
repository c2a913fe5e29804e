import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { requireAdminScope, scopeQuery } from '~/modules/identity/admin-scope.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { AdminPeopleSchema, MUNICIPAL_ROLES } from '~/modules/identity/invitation-schemas'
import {
  grantMunicipalRole,
  inviteToMunicipality,
  listMunicipalStaff,
  listPendingInvitations,
  removeMunicipalRole,
  revokeInvitation,
  revokePersonSessions,
} from '~/modules/identity/invitations.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { ErrorSummary } from '~/ui/error-summary'
import { InviteForm, PendingInvitations } from '~/ui/invitations'
import { formatDateTime } from '~/ui/format'
import { parseForm } from '~/ui/forms'
import { MunicipalityPicker } from '~/ui/municipality-picker'

const DONE = [
  'invited',
  'roleAdded',
  'roleRemoved',
  'sessionsRevoked',
  'invitationRevoked',
] as const
type Done = (typeof DONE)[number]

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const url = new URL(request.url)
  const scope = requireAdminScope(ctx, url.searchParams.get('municipality'))
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const staff = await listMunicipalStaff(ctx, scope.municipalityId)
  const invitations = await listPendingInvitations(ctx, { municipalityId: scope.municipalityId })
  const done = url.searchParams.get('done')
  return {
    title: t('pages.admin.people.metaTitle'),
    scope,
    me: ctx.actor.personId,
    done: DONE.includes(done as Done) ? (done as Done) : null,
    staff,
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      name: i.displayName,
      role: i.role,
      inviter: i.inviterName,
      expires: formatDateTime(i.expiresAt, lng),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

type Errors = Record<string, string[]>

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  // 403 for anyone who administers no municipality, before the form is even read.
  requireAdminScope(ctx, null)
  const parsed = parseForm(AdminPeopleSchema, await request.formData())
  if (!parsed.ok) {
    // Only the invite form has fields a person types; any other broken form was not typed by hand.
    const errors: Errors =
      parsed.values.intent === 'invite'
        ? parsed.errors
        : { '': ['pages.admin.errors.invalidRequest'] }
    return data({ errors, values: parsed.values }, { status: 400 })
  }
  const input = parsed.data
  const scope = requireAdminScope(ctx, input.municipalityId)
  const back = (done: Done) => redirect(`/admin/people${scopeQuery(scope, { done })}`)
  switch (input.intent) {
    case 'invite': {
      const result = await inviteToMunicipality(ctx, {
        ...input,
        municipalityId: scope.municipalityId,
        origin: publicOrigin(request),
      })
      if (!result.ok) {
        const errors: Errors = { email: [`pages.admin.people.errors.${result.reason}`] }
        return data(
          { errors, values: { email: input.email, name: input.name, role: input.role } },
          { status: 400 },
        )
      }
      kickOutbox()
      return back('invited')
    }
    case 'addRole':
      await grantMunicipalRole(ctx, input)
      return back('roleAdded')
    case 'removeRole': {
      const result = await removeMunicipalRole(ctx, input)
      if (!result.ok) {
        const errors: Errors = { '': [`pages.admin.people.errors.${result.reason}`] }
        return data({ errors, values: {} }, { status: 400 })
      }
      // An administrator who gave up their own administrator role can no longer see this page.
      if (input.personId === ctx.actor.personId && input.role === 'administrator')
        return redirect('/account')
      return back('roleRemoved')
    }
    case 'revokeSessions':
      await revokePersonSessions(ctx, input)
      return back('sessionsRevoked')
    case 'revokeInvitation':
      await revokeInvitation(ctx, input.invitationId, '/admin/people')
      return back('invitationRevoked')
  }
}

export default function AdminPeople() {
  const { t } = useTranslation()
  const { scope, me, done, staff, invitations } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values: Record<string, string | undefined> = actionData?.values ?? {}
  const P = 'pages.admin.people'
  const roleName = (role: string) => t(`common.roles.${role}`)
  return (
    <>
      <h1>{t(`${P}.title`, { municipality: scope.municipalityName })}</h1>
      {done && !actionData ? (
        <p className="notice" role="status">
          {t(`${P}.done.${done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <MunicipalityPicker municipalities={scope.municipalities} current={scope.municipalityId} />

      <InviteForm
        keys={P}
        roles={MUNICIPAL_ROLES}
        roleName={roleName}
        hidden={{ municipalityId: scope.municipalityId }}
        values={values}
        errors={errors}
        lead={t(`${P}.invite.lead`)}
      />

      <PendingInvitations
        keys={P}
        invitations={invitations}
        roleName={roleName}
        hidden={{ municipalityId: scope.municipalityId }}
        showInviter
      />

      <section aria-labelledby="staff-title">
        <h2 id="staff-title">{t(`${P}.staff.title`)}</h2>
        {staff.length === 0 ? (
          <p>{t(`${P}.staff.empty`)}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t(`${P}.staff.title`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`${P}.columns.name`)}</th>
                  <th scope="col">{t(`${P}.columns.roles`)}</th>
                  <th scope="col">{t(`${P}.columns.actions`)}</th>
                </tr>
              </thead>
              <tbody>
                {staff.map((person) => {
                  const missing = MUNICIPAL_ROLES.filter((r) => !person.roles.includes(r))
                  return (
                    <tr key={person.personId}>
                      <th scope="row">
                        {person.name}
                        {person.personId === me ? (
                          <span className="muted-line">{t(`${P}.staff.you`)}</span>
                        ) : null}
                        {person.email ? <span className="muted-line">{person.email}</span> : null}
                      </th>
                      <td>
                        <ul className="plain-list">
                          {person.roles.map((role) => (
                            <li key={role} className="role-line">
                              <span>{roleName(role)}</span>
                              <Form method="post" className="inline-form">
                                <input type="hidden" name="intent" value="removeRole" />
                                <input
                                  type="hidden"
                                  name="municipalityId"
                                  value={scope.municipalityId}
                                />
                                <input type="hidden" name="personId" value={person.personId} />
                                <input type="hidden" name="role" value={role} />
                                <button type="submit" className="button button--secondary">
                                  {t(`${P}.staff.removeRole`)}
                                  <span className="visually-hidden">{`: ${roleName(role)}, ${person.name}`}</span>
                                </button>
                              </Form>
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td>
                        {missing.length > 0 ? (
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="intent" value="addRole" />
                            <input
                              type="hidden"
                              name="municipalityId"
                              value={scope.municipalityId}
                            />
                            <input type="hidden" name="personId" value={person.personId} />
                            <div className="field field--inline">
                              <label
                                className="field__label"
                                htmlFor={`field-role-${person.personId}`}
                              >
                                {t(`${P}.staff.newRole`)}
                                <span className="visually-hidden">{`: ${person.name}`}</span>
                              </label>
                              <select id={`field-role-${person.personId}`} name="role">
                                {missing.map((role) => (
                                  <option key={role} value={role}>
                                    {roleName(role)}
                                  </option>
                                ))}
                              </select>
                            </div>
                            <button type="submit" className="button button--secondary">
                              {t(`${P}.staff.addRole`)}
                              <span className="visually-hidden">{`: ${person.name}`}</span>
                            </button>
                          </Form>
                        ) : null}
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="revokeSessions" />
                          <input type="hidden" name="municipalityId" value={scope.municipalityId} />
                          <input type="hidden" name="personId" value={person.personId} />
                          <button type="submit" className="button button--secondary">
                            {t(`${P}.staff.revokeSessions`)}
                            <span className="visually-hidden">{`: ${person.name}`}</span>
                          </button>
                        </Form>
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}
