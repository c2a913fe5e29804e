import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { getOpenJob, requireJobViewer } from '~/modules/frikort/job-postings.server'
import { expressInterest } from '~/modules/frikort/matches.server'
import { kroner } from '~/modules/frikort/view'
import { requireCitizen, requireCtx } from '~/modules/identity/guards.server'
import { isUuid } from '~/modules/identity/invitation-schemas'
import { notFound } from '~/modules/identity/invitations.server'
import { ErrorSummary } from '~/ui/error-summary'
import { ExplainerLinks } from '~/ui/frikort-parts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const viewer = await requireJobViewer(ctx)
  const jobId = params.jobId ?? ''
  const job = isUuid(jobId) ? await getOpenJob(ctx, jobId) : null
  if (!job) notFound()
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const interested = ctx.actor.citizen
    ? await ctx.db
        .selectFrom('frikort_match')
        .select('state')
        .where('citizen_id', '=', ctx.actor.citizen.id)
        .where('job_id', '=', job.id)
        .where('state', '<>', 'ended')
        .executeTakeFirst()
    : undefined
  return {
    title: t('pages.jobs.detail.metaTitle', { title: job.title }),
    canSayInterested: viewer.includes('citizen'),
    state: interested?.state ?? null,
    done: new URL(request.url).searchParams.get('done') === 'interested',
    job: {
      id: job.id,
      title: job.title,
      organisation: job.organisationName,
      tasks: job.tasks,
      hours: job.hours,
      place: job.place,
      pay: t('pages.jobs.perHour', { amount: kroner(t, job.payPerHourOre, lng) }),
      support: job.support,
      contact: job.contact,
    },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  requireCitizen(ctx)
  const jobId = params.jobId ?? ''
  if (!isUuid(jobId)) notFound()
  const result = await expressInterest(ctx, jobId)
  if (!result.ok) {
    if (result.error === 'noJob') notFound()
    return data({ errors: { '': [`pages.jobs.detail.errors.${result.error}`] } }, { status: 400 })
  }
  return redirect(`/jobs/${jobId}?done=interested`)
}

export default function Job() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const P = 'pages.jobs.detail'
  const j = d.job
  return (
    <>
      <p className="partnership-back">
        <Link to="/jobs">{t(`${P}.back`)}</Link>
      </p>
      <h1>{j.title}</h1>
      <p className="lead">{j.organisation}</p>
      {d.done && !failed ? (
        <p className="notice" role="status">
          {t(`${P}.done`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <dl className="summary-list">
        <dt>{t('pages.jobs.fields.tasks')}</dt>
        <dd className="partnership-purpose">{j.tasks}</dd>
        <dt>{t('pages.jobs.fields.hours')}</dt>
        <dd>{j.hours}</dd>
        <dt>{t('pages.jobs.fields.place')}</dt>
        <dd>{j.place}</dd>
        <dt>{t('pages.jobs.fields.pay')}</dt>
        <dd>{j.pay}</dd>
        {j.support ? (
          <>
            <dt>{t('pages.jobs.fields.support')}</dt>
            <dd className="partnership-purpose">{j.support}</dd>
          </>
        ) : null}
        <dt>{t('pages.jobs.fields.contact')}</dt>
        <dd>{j.contact}</dd>
      </dl>
      {d.canSayInterested ? (
        d.state && d.state !== 'suggested' ? (
          <p>{t(`${P}.alreadyInterested`)}</p>
        ) : (
          <Form method="post">
            <p>{t(d.state === 'suggested' ? `${P}.suggestedLead` : `${P}.interestLead`)}</p>
            <button type="submit" className="button">
              {t(`${P}.interested`)}
            </button>
          </Form>
        )
      ) : null}
      <h2>{t(`${P}.explainersTitle`)}</h2>
      <ExplainerLinks />
    </>
  )
}
