import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { getOrganisationJob, updateJob } from '~/modules/frikort/job-postings.server'
import { JobSchema } from '~/modules/frikort/schemas'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { isUuid } from '~/modules/identity/invitation-schemas'
import { notFound } from '~/modules/identity/invitations.server'
import { formatKroner } from '~/modules/partnerships/money'
import { ErrorSummary } from '~/ui/error-summary'
import { parseForm } from '~/ui/forms'
import { JobFields } from '~/ui/frikort-parts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const jobId = params.jobId ?? ''
  const job = isUuid(jobId) ? await getOrganisationJob(ctx, orgId, jobId) : null
  if (!job) notFound()
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  return {
    title: t('pages.jobs.edit.metaTitle', { title: job.title }),
    organisationId: orgId,
    job: { id: job.id, title: job.title, status: job.status },
    values: {
      title: job.title,
      tasks: job.tasks,
      hours: job.hours,
      place: job.place,
      pay: formatKroner(job.payPerHourOre, lng),
      support: job.support ?? '',
      contact: job.contact,
      suitableForFrikort: job.suitableForFrikort ? 'yes' : '',
      wageSubsidised: job.wageSubsidised ? 'yes' : '',
    } as Record<string, string>,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const jobId = params.jobId ?? ''
  if (!isUuid(jobId)) notFound()
  const parsed = parseForm(JobSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  if (!(await updateJob(ctx, orgId, jobId, parsed.data))) notFound()
  return redirect(`/org/${orgId}/jobs?done=saved`)
}

export default function EditJob() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const P = 'pages.jobs.edit'
  return (
    <>
      <h1>{t(`${P}.title`, { title: d.job.title })}</h1>
      <p>{t(`pages.jobs.org.status.${d.job.status}`)}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <JobFields values={failed?.values ?? d.values} errors={errors} />
        <div className="button-row">
          <button type="submit" className="button">
            {t(`${P}.submit`)}
          </button>
          <Link to={`/org/${d.organisationId}/jobs`}>{t('common.form.cancel')}</Link>
        </div>
      </Form>
    </>
  )
}
