import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import {
  createActivity,
  getActivityFormOptions,
  getOrganisationForStaff,
} from '~/modules/activities/activities.server'
import {
  ActivityFormSchema,
  keptActivityInput,
  NEW_ACTIVITY_FORM,
} from '~/modules/activities/schemas'
import { requireCtx } from '~/modules/identity/guards.server'
import { ActivityForm, activityFormChoices } from '~/ui/activity-form'
import { ErrorSummary } from '~/ui/error-summary'
import { parseForm } from '~/ui/forms'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const organisation = await getOrganisationForStaff(ctx, params.orgId ?? '')
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const options = await getActivityFormOptions(ctx, organisation.id)
  return {
    title: t('pages.orgActivities.new.metaTitle', { organisation: organisation.name }),
    organisation: { id: organisation.id, name: organisation.name, status: organisation.status },
    choices: activityFormChoices(options, lng),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const organisation = await getOrganisationForStaff(ctx, params.orgId ?? '')
  const form = await request.formData()
  const parsed = parseForm(ActivityFormSchema, form)
  const kept = keptActivityInput(form)
  if (!parsed.ok) return data({ errors: parsed.errors, ...kept }, { status: 400 })
  const result = await createActivity(ctx, organisation.id, parsed.data)
  if (!result.ok) return data({ errors: result.errors, ...kept }, { status: 400 })
  return redirect(`/org/${organisation.id}/activities/${result.activityId}?done=created`)
}

export default function NewActivity() {
  const { t } = useTranslation()
  const { organisation, choices } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const P = 'pages.orgActivities.new'
  return (
    <>
      <p>
        <Link to={`/org/${organisation.id}/activities`}>
          {t('pages.orgActivities.backToList', { organisation: organisation.name })}
        </Link>
      </p>
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`, { organisation: organisation.name })}</p>
      <ErrorSummary errors={errors} />
      <ActivityForm
        values={actionData?.values ?? NEW_ACTIVITY_FORM.values}
        lists={actionData?.lists ?? NEW_ACTIVITY_FORM.lists}
        errors={errors}
        choices={choices}
        canPublish={organisation.status === 'approved'}
        status={null}
      />
    </>
  )
}
