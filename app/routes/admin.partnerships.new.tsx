import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireAdminScope, scopeQuery } from '~/modules/identity/admin-scope.server'
import { requireCtx } from '~/modules/identity/guards.server'
import {
  createPartnership,
  getPartnershipFormOptions,
} from '~/modules/partnerships/partnerships.server'
import {
  criterionRowsFrom,
  formValues,
  keptChoices,
  PartnershipFormSchema,
  withBlankRows,
} from '~/modules/partnerships/schemas'
import { formOptionsView } from '~/modules/partnerships/view'
import { ErrorSummary } from '~/ui/error-summary'
import { parseForm } from '~/ui/forms'
import { MunicipalityPicker } from '~/ui/municipality-picker'
import { PartnershipForm } from '~/ui/partnership-form'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const scope = requireAdminScope(ctx, new URL(request.url).searchParams.get('municipality'))
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const options = await getPartnershipFormOptions(ctx, scope.municipalityId)
  return {
    title: t('pages.staff.partnerships.new.metaTitle'),
    scope,
    listHref: `/admin/partnerships${scopeQuery(scope)}`,
    options: formOptionsView(options, lng),
    // The new row's id, chosen now: submitting the same form twice finds the first row.
    submissionId: crypto.randomUUID(),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

interface Failed {
  errors: Record<string, string[]>
  values: Record<string, string>
  checked: { targetGroupIds: string[]; goalIds: string[] }
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  // 403 for anyone who administers no municipality, before the form is even read.
  requireAdminScope(ctx, null)
  const form = await request.formData()
  const municipalityId = form.get('municipalityId')
  const scope = requireAdminScope(ctx, typeof municipalityId === 'string' ? municipalityId : null)
  const parsed = parseForm(PartnershipFormSchema, form)
  if (!parsed.ok)
    return data<Failed>(
      { errors: parsed.errors, values: parsed.values, checked: keptChoices(form) },
      { status: 400 },
    )
  const result = await createPartnership(ctx, scope.municipalityId, parsed.data)
  if (!result.ok) {
    return data<Failed>(
      { errors: result.errors, values: formValues(form), checked: keptChoices(form) },
      { status: 400 },
    )
  }
  return redirect(`/admin/partnerships/${result.id}?done=created`)
}

export default function NewPartnership() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values = failed?.values ?? {}
  const P = 'pages.staff.partnerships.new'
  return (
    <>
      <h1>{t(`${P}.title`, { municipality: d.scope.municipalityName })}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <ErrorSummary errors={errors} />
      <MunicipalityPicker
        municipalities={d.scope.municipalities}
        current={d.scope.municipalityId}
      />
      <PartnershipForm
        hidden={{
          municipalityId: d.scope.municipalityId,
          submissionId: values.submissionId ?? d.submissionId,
        }}
        options={d.options}
        values={values}
        checked={failed?.checked ?? { targetGroupIds: [], goalIds: [] }}
        rows={withBlankRows(failed ? criterionRowsFrom(values) : [])}
        errors={errors}
        submitLabel={t(`${P}.submit`)}
        cancelTo={d.listHref}
      />
    </>
  )
}
