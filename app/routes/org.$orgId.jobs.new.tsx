import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { createJob } from '~/modules/frikort/job-postings.server'
import { JobSchema } from '~/modules/frikort/schemas'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { ErrorSummary } from '~/ui/error-summary'
import { parseForm } from '~/ui/forms'
import { ExplainerLinks, JobFields } from '~/ui/frikort-parts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const t = getFixedT(detectLanguage(request))
  const organisation = ctx.actor.orgRoles.find((r) => r.organisationId === orgId)!
  return {
    title: t('pages.jobs.new.metaTitle'),
    organisation: { id: orgId, name: organisation.organisationName },
    // The new job's id, chosen now: submitting the same form twice finds the first one.
    submissionId: crypto.randomUUID(),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const parsed = parseForm(JobSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  await createJob(ctx, orgId, parsed.data)
  return redirect(`/org/${orgId}/jobs?done=created`)
}

export default function NewJob() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values = failed?.values ?? { suitableForFrikort: 'yes' }
  const P = 'pages.jobs.new'
  return (
    <>
      <h1>{t(`${P}.title`, { organisation: d.organisation.name })}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <ExplainerLinks />
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="submissionId" value={values.submissionId ?? d.submissionId} />
        <JobFields values={values} errors={errors} />
        <div className="button-row">
          <button type="submit" className="button">
            {t(`${P}.submit`)}
          </button>
          <Link to={`/org/${d.organisation.id}/jobs`}>{t('common.form.cancel')}</Link>
        </div>
      </Form>
    </>
  )
}
