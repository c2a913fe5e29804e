import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { listOrganisationJobs, setJobStatus } from '~/modules/frikort/job-postings.server'
import { kroner } from '~/modules/frikort/view'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { isUuid } from '~/modules/identity/invitation-schemas'
import { notFound } from '~/modules/identity/invitations.server'
import { ExplainerLinks } from '~/ui/frikort-parts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const organisation = ctx.actor.orgRoles.find((r) => r.organisationId === orgId)!
  const jobs = await listOrganisationJobs(ctx, orgId)
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: t('pages.jobs.org.metaTitle', { organisation: organisation.organisationName }),
    organisation: { id: orgId, name: organisation.organisationName },
    done: done === 'created' || done === 'saved' || done === 'status' ? done : null,
    jobs: jobs.map((j) => ({
      id: j.id,
      title: j.title,
      hours: j.hours,
      pay: t('pages.jobs.perHour', { amount: kroner(t, j.payPerHourOre, lng) }),
      suitableForFrikort: j.suitableForFrikort,
      status: j.status,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const form = await request.formData()
  const jobId = form.get('jobId')
  const status = form.get('status')
  if (!isUuid(jobId) || (status !== 'open' && status !== 'closed'))
    return data({ error: 'pages.admin.errors.invalidRequest' }, { status: 400 })
  if (!(await setJobStatus(ctx, orgId, jobId, status))) notFound()
  return redirect(`/org/${orgId}/jobs?done=status`)
}

export default function OrgJobs() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.jobs.org'
  return (
    <>
      <h1>{t(`${P}.title`, { organisation: d.organisation.name })}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      {d.done ? (
        <p className="notice" role="status">
          {t(`${P}.done.${d.done}`)}
        </p>
      ) : null}
      <p>
        <Link to={`/org/${d.organisation.id}/jobs/new`} className="button">
          {t(`${P}.newLink`)}
        </Link>
      </p>
      {d.jobs.length === 0 ? (
        <p>{t(`${P}.empty`)}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t(`${P}.caption`, { organisation: d.organisation.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`${P}.columns.title`)}</th>
                <th scope="col">{t(`${P}.columns.pay`)}</th>
                <th scope="col">{t(`${P}.columns.status`)}</th>
                <th scope="col">
                  <span className="visually-hidden">{t(`${P}.columns.actions`)}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {d.jobs.map((j) => (
                <tr key={j.id}>
                  <th scope="row">
                    <Link to={`/org/${d.organisation.id}/jobs/${j.id}`}>{j.title}</Link>
                    <span className="muted-line">{j.hours}</span>
                  </th>
                  <td>{j.pay}</td>
                  <td>
                    {t(`${P}.status.${j.status}`)}
                    {j.suitableForFrikort ? (
                      <span className="muted-line">{t(`${P}.suitable`)}</span>
                    ) : null}
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="jobId" value={j.id} />
                      <input
                        type="hidden"
                        name="status"
                        value={j.status === 'open' ? 'closed' : 'open'}
                      />
                      <button type="submit" className="button button--secondary">
                        {t(j.status === 'open' ? `${P}.close` : `${P}.reopen`)}
                        <span className="visually-hidden"> {j.title}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t(`${P}.explainersTitle`)}</h2>
      <ExplainerLinks />
    </>
  )
}
