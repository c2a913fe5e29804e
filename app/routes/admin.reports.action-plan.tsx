import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireAdminScope, scopeQuery } from '~/modules/identity/admin-scope.server'
import { requireCtx } from '~/modules/identity/guards.server'
import {
  initiativeSources,
  listInitiatives,
  saveInitiative,
} from '~/modules/reporting/action-plan.server'
import { requireReportScope } from '~/modules/reporting/dashboard.server'
import { InitiativeSchema } from '~/modules/reporting/schemas'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm } from '~/ui/forms'
import { MunicipalityPicker } from '~/ui/municipality-picker'
import { SelectField } from '~/ui/select-field'
import { TextareaField } from '~/ui/textarea-field'

const S = 'pages.staff.reports.actionPlan'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const url = new URL(request.url)
  const scope = requireAdminScope(ctx, url.searchParams.get('municipality'))
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const initiatives = await listInitiatives(ctx, requireReportScope(ctx, scope.municipalityId))
  const sources = await initiativeSources(ctx, scope.municipalityId)
  const editId = url.searchParams.get('edit')
  const editing = initiatives.find((i) => i.id === editId) ?? null
  return {
    title: t(`${S}.metaTitle`),
    scope,
    query: scopeQuery(scope),
    done: url.searchParams.get('done') === '1',
    initiatives: initiatives.map((i) => ({
      id: i.id,
      position: i.position,
      title: i.title,
      lead: i.lead,
    })),
    editing: editing
      ? {
          id: editing.id,
          values: {
            title: editing.title,
            purpose: editing.purpose,
            lead: editing.lead,
            periodStart: editing.periodStart ?? '',
            periodEnd: editing.periodEnd ?? '',
            partners: editing.partners,
            partnershipId: editing.partnershipId ?? '',
            goalId: editing.goalId ?? '',
          } as Record<string, string>,
        }
      : null,
    partnerships: sources.partnerships.map((p) => ({
      value: p.id,
      label: `${p.title} (${p.pool_year})`,
    })),
    goals: sources.goals.map((g) => ({
      value: g.id,
      label: `${g.position}. ${lng === 'da' ? g.title_da : g.title_en}`,
    })),
    submissionId: crypto.randomUUID(),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const url = new URL(request.url)
  const scope = requireAdminScope(ctx, url.searchParams.get('municipality'))
  const form = await request.formData()
  const parsed = parseForm(InitiativeSchema, form)
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const editId = form.get('initiativeId')
  const result = await saveInitiative(
    ctx,
    scope.municipalityId,
    parsed.data,
    typeof editId === 'string' && editId !== '' ? editId : null,
  )
  if (!result.ok)
    return data(
      {
        errors: result.errors,
        values: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])),
      },
      { status: 400 },
    )
  return redirect(`/admin/reports/action-plan${scopeQuery(scope, { done: '1' })}`)
}

export default function AdminActionPlan() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values: Record<string, string> = failed?.values ?? d.editing?.values ?? {}
  return (
    <>
      <p>
        <Link to={`/reports/action-plan${d.query}`}>{t(`${S}.back`)}</Link>
      </p>
      <h1>{t(`${S}.title`, { municipality: d.scope.municipalityName })}</h1>
      <p className="lead">{t(`${S}.lead`)}</p>
      {d.done && !failed ? (
        <p className="notice" role="status">
          {t(`${S}.done`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <MunicipalityPicker
        municipalities={d.scope.municipalities}
        current={d.scope.municipalityId}
      />
      {d.initiatives.length ? (
        <ol className="action-plan-list">
          {d.initiatives.map((i) => (
            <li key={i.id}>
              {i.title} ({i.lead}){' '}
              <Link to={`/admin/reports/action-plan${d.query ? `${d.query}&` : '?'}edit=${i.id}`}>
                {t(`${S}.editLink`)}
                <span className="visually-hidden">: {i.title}</span>
              </Link>
            </li>
          ))}
        </ol>
      ) : (
        <p>{t(`${S}.empty`)}</p>
      )}
      <h2>{d.editing ? t(`${S}.editTitle`) : t(`${S}.newTitle`)}</h2>
      <Form method="post" key={d.editing?.id ?? 'new'}>
        <input type="hidden" name="submissionId" value={d.submissionId} />
        <input type="hidden" name="initiativeId" value={d.editing?.id ?? ''} />
        <Field
          label={t(`${S}.fields.title`)}
          hint={t(`${S}.fields.titleHint`)}
          name="title"
          defaultValue={values.title ?? ''}
          errors={errors.title}
        />
        <TextareaField
          label={t(`${S}.fields.purpose`)}
          name="purpose"
          defaultValue={values.purpose ?? ''}
          errors={errors.purpose}
        />
        <Field
          label={t(`${S}.fields.lead`)}
          name="lead"
          defaultValue={values.lead ?? ''}
          errors={errors.lead}
        />
        <Field
          label={t(`${S}.fields.periodStart`)}
          name="periodStart"
          type="date"
          defaultValue={values.periodStart ?? ''}
          errors={errors.periodStart}
        />
        <Field
          label={t(`${S}.fields.periodEnd`)}
          name="periodEnd"
          type="date"
          defaultValue={values.periodEnd ?? ''}
          errors={errors.periodEnd}
        />
        <TextareaField
          label={t(`${S}.fields.partners`)}
          name="partners"
          defaultValue={values.partners ?? ''}
          errors={errors.partners}
        />
        <SelectField
          label={t(`${S}.fields.partnership`)}
          hint={t(`${S}.fields.partnershipHint`)}
          name="partnershipId"
          placeholder={t(`${S}.fields.none`)}
          defaultValue={values.partnershipId ?? ''}
          errors={errors.partnershipId}
          options={d.partnerships}
        />
        <SelectField
          label={t(`${S}.fields.goal`)}
          hint={t(`${S}.fields.goalHint`)}
          name="goalId"
          placeholder={t(`${S}.fields.none`)}
          defaultValue={values.goalId ?? ''}
          errors={errors.goalId}
          options={d.goals}
        />
        <button type="submit" className="button">
          {d.editing ? t(`${S}.saveEdit`) : t(`${S}.saveNew`)}
        </button>
      </Form>
    </>
  )
}
