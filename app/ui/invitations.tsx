import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field } from './field'
import { RadioGroup } from './radio-group'

export interface PendingInvitation {
  id: string
  email: string
  name: string | null
  role: string
  inviter?: string | null
  expires: string
}

/** Hidden fields every form on the page carries (e.g. the chosen municipality). */
function Hidden({ fields }: { fields: Record<string, string> }) {
  return (
    <>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  )
}

/** "Invite a staff member": e-mail, name and a role with a hint each. `keys` is the locale prefix. */
export function InviteForm({
  keys,
  roles,
  roleName,
  hidden = {},
  values,
  errors,
  lead,
}: {
  keys: string
  roles: readonly string[]
  roleName: (role: string) => string
  hidden?: Record<string, string>
  values: Record<string, string | undefined>
  errors: Record<string, string[] | undefined>
  lead?: string
}) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="invite-title">
      <h2 id="invite-title">{t(`${keys}.invite.title`)}</h2>
      {lead ? <p>{lead}</p> : null}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="invite" />
        <Hidden fields={hidden} />
        <Field
          label={t(`${keys}.invite.email`)}
          name="email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          defaultValue={values.email ?? ''}
          errors={errors.email}
        />
        <Field
          label={t(`${keys}.invite.name`)}
          name="name"
          autoComplete="off"
          defaultValue={values.name ?? ''}
          errors={errors.name}
        />
        <RadioGroup
          legend={t(`${keys}.invite.role`)}
          name="role"
          defaultValue={values.role ?? null}
          errors={errors.role}
          options={roles.map((role) => ({
            value: role,
            label: roleName(role),
            hint: t(`${keys}.roleHints.${role}`),
          }))}
        />
        <button type="submit" className="button">
          {t(`${keys}.invite.submit`)}
        </button>
      </Form>
    </section>
  )
}

/** Invitations not yet accepted, each with a button that withdraws it. */
export function PendingInvitations({
  keys,
  invitations,
  roleName,
  hidden = {},
  showInviter = false,
}: {
  keys: string
  invitations: PendingInvitation[]
  roleName: (role: string) => string
  hidden?: Record<string, string>
  showInviter?: boolean
}) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">{t(`${keys}.pending.title`)}</h2>
      {invitations.length === 0 ? (
        <p>{t(`${keys}.pending.empty`)}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t(`${keys}.pending.title`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`${keys}.columns.name`)}</th>
                <th scope="col">{t(`${keys}.columns.role`)}</th>
                {showInviter ? <th scope="col">{t(`${keys}.columns.invitedBy`)}</th> : null}
                <th scope="col">{t(`${keys}.columns.expires`)}</th>
                <th scope="col">
                  <span className="visually-hidden">{t(`${keys}.columns.actions`)}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    {i.name ?? i.email}
                    {i.name ? <span className="muted-line">{i.email}</span> : null}
                  </th>
                  <td>{roleName(i.role)}</td>
                  {showInviter ? <td>{i.inviter ?? '–'}</td> : null}
                  <td>{i.expires}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revokeInvitation" />
                      <Hidden fields={hidden} />
                      <input type="hidden" name="invitationId" value={i.id} />
                      <button type="submit" className="button button--secondary">
                        {t(`${keys}.pending.revoke`)}
                        <span className="visually-hidden">{`: ${i.email}`}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
