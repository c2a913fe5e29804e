import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { requireAdminScope, scopeQuery } from '~/modules/identity/admin-scope.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import {
  approveOrganisation,
  createOrganisation,
  listApprovedOrganisations,
  listPendingOrganisations,
  rejectOrganisation,
} from '~/modules/organisations/organisations.server'
import { AdminOrganisationsSchema } from '~/modules/organisations/schemas'
import { ErrorSummary } from '~/ui/error-summary'
import { formatDateTime } from '~/ui/format'
import { parseForm } from '~/ui/forms'
import { MunicipalityPicker } from '~/ui/municipality-picker'
import { OrganisationFields } from '~/ui/organisation-fields'

const DONE = ['approved', 'rejected', 'created'] as const
type Done = (typeof DONE)[number]
type Errors = Record<string, string[]>

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const url = new URL(request.url)
  const scope = requireAdminScope(ctx, url.searchParams.get('municipality'))
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const pending = await listPendingOrganisations(ctx, scope.municipalityId)
  const approved = await listApprovedOrganisations(ctx, scope.municipalityId)
  const done = url.searchParams.get('done')
  return {
    title: t('pages.admin.organisations.metaTitle'),
    scope,
    done: DONE.includes(done as Done) ? (done as Done) : null,
    pending: pending.map((o) => ({ ...o, registeredAt: formatDateTime(o.registeredAt, lng) })),
    approved,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  // 403 for anyone who administers no municipality, before the form is even read.
  requireAdminScope(ctx, null)
  const form = await request.formData()
  const parsed = parseForm(AdminOrganisationsSchema, form)
  if (!parsed.ok) {
    // The form holds no secrets; parseForm's generic filter would drop the postal code (…code).
    const values = Object.fromEntries(
      [...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'),
    )
    const { intent, organisationId } = values
    let errors: Errors = parsed.errors
    if (intent === 'reject' && parsed.errors.reason && organisationId) {
      // Each pending organisation has its own reason field; the summary links to the right one.
      errors = { [`reason-${organisationId}`]: parsed.errors.reason }
    } else if (intent !== 'create') {
      errors = { '': ['pages.admin.errors.invalidRequest'] }
    }
    return data({ errors, values }, { status: 400 })
  }
  const input = parsed.data
  const scope = requireAdminScope(ctx, input.municipalityId)
  const back = (done: Done) => redirect(`/admin/organisations${scopeQuery(scope, { done })}`)
  const origin = publicOrigin(request)
  switch (input.intent) {
    case 'approve': {
      const result = await approveOrganisation(ctx, input.organisationId, origin)
      if (!result.ok)
        return data(
          { errors: { '': ['pages.admin.organisations.errors.notPending'] } as Errors, values: {} },
          { status: 409 },
        )
      kickOutbox()
      return back('approved')
    }
    case 'reject': {
      const result = await rejectOrganisation(ctx, input.organisationId, input.reason)
      if (!result.ok)
        return data(
          { errors: { '': ['pages.admin.organisations.errors.notPending'] } as Errors, values: {} },
          { status: 409 },
        )
      kickOutbox()
      return back('rejected')
    }
    case 'create': {
      const { intent: _intent, municipalityId: _m, ...details } = input
      const result = await createOrganisation(ctx, scope.municipalityId, details, origin)
      if (!result.ok) {
        const errors: Errors = { cvr: ['pages.orgRegister.errors.cvrTaken'] }
        return data(
          {
            errors,
            values: Object.fromEntries(
              Object.entries(details).map(([k, v]) => [k, String(v ?? '')]),
            ),
          },
          { status: 400 },
        )
      }
      kickOutbox()
      return back('created')
    }
  }
}

export default function AdminOrganisations() {
  const { t } = useTranslation()
  const { scope, done, pending, approved } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values: Record<string, string | undefined> = actionData?.values ?? {}
  const createValues = values.intent === 'create' || values.cvr !== undefined ? values : {}
  const P = 'pages.admin.organisations'
  const typeName = (type: string) => t(`pages.orgRegister.types.${type}`)
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

      <section aria-labelledby="pending-title">
        <h2 id="pending-title">{t(`${P}.pending.title`)}</h2>
        {pending.length === 0 ? <p>{t(`${P}.pending.empty`)}</p> : null}
        {pending.map((o) => (
          <article key={o.id} className="card" aria-labelledby={`org-${o.id}`}>
            <h3 id={`org-${o.id}`}>{o.name}</h3>
            <dl className="summary-list">
              <dt>{t(`${P}.fields.type`)}</dt>
              <dd>{typeName(o.type)}</dd>
              <dt>{t(`${P}.fields.cvr`)}</dt>
              <dd>{o.cvr ?? '–'}</dd>
              <dt>{t(`${P}.fields.address`)}</dt>
              <dd>
                {[o.streetAddress, [o.postalCode, o.city].filter(Boolean).join(' ')]
                  .filter(Boolean)
                  .join(', ') || '–'}
              </dd>
              <dt>{t(`${P}.fields.phone`)}</dt>
              <dd>{o.phone ?? '–'}</dd>
              {o.website ? (
                <>
                  <dt>{t(`${P}.fields.website`)}</dt>
                  <dd>{o.website}</dd>
                </>
              ) : null}
              <dt>{t(`${P}.fields.contact`)}</dt>
              <dd>{[o.contactName, o.contactEmail].filter(Boolean).join(', ') || '–'}</dd>
              <dt>{t(`${P}.fields.registeredAt`)}</dt>
              <dd>{o.registeredAt}</dd>
            </dl>
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="approve" />
              <input type="hidden" name="municipalityId" value={scope.municipalityId} />
              <input type="hidden" name="organisationId" value={o.id} />
              <button type="submit" className="button">
                {t(`${P}.approve`)}
                <span className="visually-hidden">{`: ${o.name}`}</span>
              </button>
            </Form>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="reject" />
              <input type="hidden" name="municipalityId" value={scope.municipalityId} />
              <input type="hidden" name="organisationId" value={o.id} />
              <div
                className={['field', errors[`reason-${o.id}`] ? 'field--error' : '']
                  .filter(Boolean)
                  .join(' ')}
              >
                <label htmlFor={`field-reason-${o.id}`} className="field__label">
                  {t(`${P}.reason`)}
                  <span className="visually-hidden">{`: ${o.name}`}</span>
                </label>
                <p id={`field-reason-${o.id}-hint`} className="field__hint">
                  {t(`${P}.reasonHint`)}
                </p>
                {errors[`reason-${o.id}`] ? (
                  <p id={`field-reason-${o.id}-error`} className="field__error">
                    {errors[`reason-${o.id}`]!.join(' ')}
                  </p>
                ) : null}
                <textarea
                  id={`field-reason-${o.id}`}
                  name="reason"
                  rows={3}
                  aria-invalid={errors[`reason-${o.id}`] ? true : undefined}
                  aria-describedby={[
                    `field-reason-${o.id}-hint`,
                    errors[`reason-${o.id}`] ? `field-reason-${o.id}-error` : '',
                  ]
                    .filter(Boolean)
                    .join(' ')}
                />
              </div>
              <button type="submit" className="button button--secondary">
                {t(`${P}.reject`)}
                <span className="visually-hidden">{`: ${o.name}`}</span>
              </button>
            </Form>
          </article>
        ))}
      </section>

      <section aria-labelledby="approved-title">
        <h2 id="approved-title">{t(`${P}.approved.title`)}</h2>
        {approved.length === 0 ? (
          <p>{t(`${P}.approved.empty`)}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t(`${P}.approved.title`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`${P}.fields.name`)}</th>
                  <th scope="col">{t(`${P}.fields.type`)}</th>
                  <th scope="col">{t(`${P}.fields.cvr`)}</th>
                  <th scope="col">{t(`${P}.fields.city`)}</th>
                  <th scope="col">{t(`${P}.fields.coordinators`)}</th>
                </tr>
              </thead>
              <tbody>
                {approved.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">{o.name}</th>
                    <td>{typeName(o.type)}</td>
                    <td>{o.cvr ?? '–'}</td>
                    <td>{o.city ?? '–'}</td>
                    <td>{o.coordinators}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="create-title">
        <h2 id="create-title">{t(`${P}.create.title`)}</h2>
        <p>{t(`${P}.create.lead`)}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <input type="hidden" name="municipalityId" value={scope.municipalityId} />
          <OrganisationFields values={createValues} errors={errors} headingLevel={3} />
          <button type="submit" className="button">
            {t(`${P}.create.submit`)}
          </button>
        </Form>
      </section>
    </>
  )
}
