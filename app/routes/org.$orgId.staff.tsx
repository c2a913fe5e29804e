import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { ORG_ROLES, OrgStaffSchema } from '~/modules/identity/invitation-schemas'
import {
  inviteToOrganisation,
  listPendingInvitations,
  revokeInvitation,
} from '~/modules/identity/invitations.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import {
  getOrganisationForCoordinator,
  listOrganisationMembers,
  removeOrganisationMember,
} from '~/modules/organisations/staff.server'
import { ErrorSummary } from '~/ui/error-summary'
import { InviteForm, PendingInvitations } from '~/ui/invitations'
import { formatDate, formatDateTime } from '~/ui/format'
import { parseForm } from '~/ui/forms'

const DONE = ['invited', 'removed', 'invitationRevoked'] as const
type Done = (typeof DONE)[number]
type Errors = Record<string, string[]>

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const organisation = await getOrganisationForCoordinator(ctx, params.orgId ?? '')
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const members = await listOrganisationMembers(ctx, organisation.id)
  const invitations = await listPendingInvitations(ctx, { organisationId: organisation.id })
  const coordinators = members.filter((m) => m.role === 'coordinator').length
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: t('pages.orgStaff.metaTitle', { organisation: organisation.name }),
    organisation: { id: organisation.id, name: organisation.name, status: organisation.status },
    done: DONE.includes(done as Done) ? (done as Done) : null,
    members: members.map((m) => ({
      ...m,
      since: formatDate(m.since, lng),
      me: m.personId === ctx.actor.personId,
      // The last coordinator stays: the organisation would have nobody to manage it.
      removable: !(m.role === 'coordinator' && coordinators <= 1),
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      name: i.displayName,
      role: i.role,
      expires: formatDateTime(i.expiresAt, lng),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const organisation = await getOrganisationForCoordinator(ctx, params.orgId ?? '')
  const parsed = parseForm(OrgStaffSchema, await request.formData())
  if (!parsed.ok) {
    const errors: Errors =
      parsed.values.intent === 'invite'
        ? parsed.errors
        : { '': ['pages.admin.errors.invalidRequest'] }
    return data({ errors, values: parsed.values }, { status: 400 })
  }
  const input = parsed.data
  const back = (done: Done) => redirect(`/org/${organisation.id}/staff?done=${done}`)
  switch (input.intent) {
    case 'invite': {
      const result = await inviteToOrganisation(ctx, organisation.id, {
        ...input,
        origin: publicOrigin(request),
      })
      if (!result.ok) {
        const errors: Errors = { email: [`pages.orgStaff.errors.${result.reason}`] }
        return data(
          { errors, values: { email: input.email, name: input.name, role: input.role } },
          { status: 400 },
        )
      }
      kickOutbox()
      return back('invited')
    }
    case 'removeMember': {
      const result = await removeOrganisationMember(ctx, organisation.id, input.personId)
      if (!result.ok) {
        const errors: Errors = { '': [`pages.orgStaff.errors.${result.reason}`] }
        return data({ errors, values: {} }, { status: 400 })
      }
      return result.removedSelf ? redirect('/account') : back('removed')
    }
    case 'revokeInvitation':
      await revokeInvitation(ctx, input.invitationId, `/org/${organisation.id}/staff`)
      return back('invitationRevoked')
  }
}

export default function OrganisationStaff() {
  const { t } = useTranslation()
  const { organisation, done, members, invitations } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values: Record<string, string | undefined> = actionData?.values ?? {}
  const P = 'pages.orgStaff'
  const roleName = (role: string) => t(`common.roles.${role}`)
  return (
    <>
      <h1>{t(`${P}.title`, { organisation: organisation.name })}</h1>
      {organisation.status === 'pending' ? (
        <p className="notice">{t(`${P}.pendingNotice`)}</p>
      ) : null}
      {done && !actionData ? (
        <p className="notice" role="status">
          {t(`${P}.done.${done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />

      <section aria-labelledby="members-title">
        <h2 id="members-title">{t(`${P}.members.title`)}</h2>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t(`${P}.members.title`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`${P}.columns.name`)}</th>
                <th scope="col">{t(`${P}.columns.role`)}</th>
                <th scope="col">{t(`${P}.columns.since`)}</th>
                <th scope="col">
                  <span className="visually-hidden">{t(`${P}.columns.actions`)}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.personId}>
                  <th scope="row">
                    {m.name}
                    {m.me ? <span className="muted-line">{t(`${P}.members.you`)}</span> : null}
                    {m.email ? <span className="muted-line">{m.email}</span> : null}
                  </th>
                  <td>{roleName(m.role)}</td>
                  <td>{m.since}</td>
                  <td>
                    {m.removable ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="removeMember" />
                        <input type="hidden" name="personId" value={m.personId} />
                        <button type="submit" className="button button--secondary">
                          {m.me ? t(`${P}.members.leave`) : t(`${P}.members.remove`)}
                          <span className="visually-hidden">{`: ${m.name}`}</span>
                        </button>
                      </Form>
                    ) : (
                      <span className="muted-line">{t(`${P}.members.lastCoordinator`)}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <InviteForm keys={P} roles={ORG_ROLES} roleName={roleName} values={values} errors={errors} />

      <PendingInvitations keys={P} invitations={invitations} roleName={roleName} />
    </>
  )
}
