import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { localToday } from '~/modules/frikort/balance.server'
import { addCap, listCapsForAdmin, requireAdministrator } from '~/modules/frikort/caps.server'
import { capFor } from '~/modules/frikort/rules'
import { CapSchema } from '~/modules/frikort/schemas'
import { formValues } from '~/modules/partnerships/schemas'
import { dayText, kroner } from '~/modules/frikort/view'
import { requireCtx } from '~/modules/identity/guards.server'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm } from '~/ui/forms'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  requireAdministrator(ctx)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const caps = await listCapsForAdmin(ctx)
  const today = localToday(ctx.now)
  const nextYear = Number(today.slice(0, 4)) + 1
  const current = capFor(caps, today)
  return {
    title: t('pages.staff.frikort.caps.metaTitle'),
    added: new URL(request.url).searchParams.get('done') === 'added',
    missingThisYear: current === null ? Number(today.slice(0, 4)) : null,
    nextYear,
    caps: caps
      .map((c) => ({
        id: c.id,
        from: dayText(c.validFrom, lng),
        to: c.validTo ? dayText(c.validTo, lng) : null,
        amount: kroner(t, c.amountOre, lng),
        current: c.id === current?.id,
      }))
      .reverse(),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  requireAdministrator(ctx)
  const form = await request.formData()
  const parsed = parseForm(CapSchema, form)
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const result = await addCap(ctx, parsed.data)
  if (!result.ok) return data({ errors: result.errors, values: formValues(form) }, { status: 400 })
  return redirect('/admin/frikort/caps?done=added')
}

export default function FrikortCaps() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values = (failed?.values ?? {}) as Record<string, string>
  const P = 'pages.staff.frikort.caps'
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      {d.added && !failed ? (
        <p className="notice" role="status">
          {t(`${P}.added`)}
        </p>
      ) : null}
      {d.missingThisYear ? (
        <p className="notice">{t(`${P}.missing`, { year: d.missingThisYear })}</p>
      ) : null}
      <ErrorSummary errors={errors} />
      <div className="table-wrap">
        <table>
          <caption>{t(`${P}.caption`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t(`${P}.columns.period`)}</th>
              <th scope="col" className="partnership-amount">
                {t(`${P}.columns.amount`)}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.caps.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.to
                    ? t(`${P}.range`, { from: c.from, to: c.to })
                    : t(`${P}.openRange`, { from: c.from })}
                  {c.current ? <span className="muted-line">{t(`${P}.current`)}</span> : null}
                </td>
                <td className="partnership-amount">{c.amount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t(`${P}.addTitle`)}</h2>
      <p>{t(`${P}.addLead`)}</p>
      <Form method="post" noValidate>
        <div className="field-row">
          <Field
            label={t(`${P}.validFrom`)}
            name="validFrom"
            type="date"
            className="field--short"
            defaultValue={values.validFrom ?? `${d.nextYear}-01-01`}
            errors={errors.validFrom}
          />
          <Field
            label={t(`${P}.validTo`)}
            hint={t(`${P}.validToHint`)}
            name="validTo"
            type="date"
            className="field--short"
            defaultValue={values.validTo ?? `${d.nextYear}-12-31`}
            errors={errors.validTo}
          />
        </div>
        <Field
          label={t(`${P}.amount`)}
          hint={t(`${P}.amountHint`)}
          name="amount"
          inputMode="decimal"
          className="field--short"
          defaultValue={values.amount ?? ''}
          errors={errors.amount}
        />
        <button type="submit" className="button">
          {t(`${P}.submit`)}
        </button>
      </Form>
    </>
  )
}
