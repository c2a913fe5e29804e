import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { caseworkerMunicipalities } from '~/modules/citizens/access-codes.server'
import { listTargetGroups, registerCitizen } from '~/modules/citizens/citizens.server'
import {
  ADDRESS_MAX,
  CHOSEN_NAME_MAX,
  CONTACT_PREFERENCES,
  LANGUAGES,
  RegisterCitizenSchema,
} from '~/modules/citizens/schemas'
import { requireCtx } from '~/modules/identity/guards.server'
import { listAreas } from '~/modules/network/network.server'
import { ChoicesFieldset } from '~/ui/choices'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm } from '~/ui/forms'
import { RadioGroup } from '~/ui/radio-group'
import { SelectField } from '~/ui/select-field'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const municipalityIds = caseworkerMunicipalities(ctx)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const areas = (await Promise.all(municipalityIds.map((id) => listAreas(ctx.db, id)))).flat()
  const groups = await listTargetGroups(ctx.db)
  return {
    title: t('pages.case.citizens.new.metaTitle'),
    municipalities: ctx.actor.municipalRoles
      .filter((r) => r.role === 'caseworker')
      .map((r) => ({ id: r.municipalityId, name: r.municipalityName })),
    areas: areas.map((a) => ({ value: a.id, label: a.name })),
    targetGroups: groups.map((g) => ({
      value: g.id,
      label: lng === 'en' ? g.name_en : g.name_da,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  caseworkerMunicipalities(ctx)
  const form = await request.formData()
  const parsed = parseForm(RegisterCitizenSchema, form)
  const targetGroups = form.getAll('targetGroups').map(String)
  if (!parsed.ok)
    return data({ errors: parsed.errors, values: parsed.values, targetGroups }, { status: 400 })
  const result = await registerCitizen(ctx, parsed.data)
  if (!result.ok)
    return data(
      {
        errors: result.errors,
        values: Object.fromEntries(form) as Record<string, string>,
        targetGroups,
      },
      { status: 400 },
    )
  return redirect(`/case/citizens/${result.id}?done=registered`)
}

export default function RegisterCitizen() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const v = (failed?.values ?? {}) as Record<string, string>
  const P = 'pages.case.citizens.new'
  return (
    <>
      <p>
        <Link to="/case">{t('pages.case.back')}</Link>
      </p>
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <Field
          label={t(`${P}.chosenName`)}
          hint={t(`${P}.chosenNameHint`)}
          name="chosenName"
          autoComplete="off"
          maxLength={CHOSEN_NAME_MAX}
          defaultValue={v.chosenName ?? ''}
          errors={errors.chosenName}
        />
        <Field
          label={t(`${P}.birthYear`)}
          name="birthYear"
          inputMode="numeric"
          className="field--short"
          defaultValue={v.birthYear ?? ''}
          errors={errors.birthYear}
        />
        {d.municipalities.length > 1 ? (
          <SelectField
            label={t(`${P}.municipality`)}
            name="municipalityId"
            options={d.municipalities.map((m) => ({ value: m.id, label: m.name }))}
            defaultValue={v.municipalityId ?? d.municipalities[0]!.id}
          />
        ) : null}
        <SelectField
          label={t(`${P}.area`)}
          name="areaId"
          options={d.areas}
          placeholder={t(`${P}.areaNone`)}
          defaultValue={v.areaId ?? ''}
          errors={errors.areaId}
        />
        <RadioGroup
          legend={t(`${P}.language`)}
          name="language"
          options={LANGUAGES.map((l) => ({ value: l, label: t(`common.citizen.languages.${l}`) }))}
          defaultValue={v.language ?? 'da'}
          errors={errors.language}
        />
        <RadioGroup
          legend={t(`${P}.contactPreference`)}
          name="contactPreference"
          options={CONTACT_PREFERENCES.map((c) => ({
            value: c,
            label: t(`common.citizen.contact.${c}`),
          }))}
          defaultValue={v.contactPreference ?? 'via_caseworker'}
          errors={errors.contactPreference}
        />
        <Field
          label={t(`${P}.phone`)}
          name="phone"
          type="tel"
          autoComplete="off"
          defaultValue={v.phone ?? ''}
          errors={errors.phone}
        />
        <Field
          label={t(`${P}.email`)}
          name="email"
          type="email"
          autoComplete="off"
          defaultValue={v.email ?? ''}
          errors={errors.email}
        />
        <Field
          label={t(`${P}.address`)}
          hint={t(`${P}.addressHint`)}
          name="address"
          autoComplete="off"
          maxLength={ADDRESS_MAX}
          defaultValue={v.address ?? ''}
          errors={errors.address}
        />
        <ChoicesFieldset
          type="checkbox"
          legend={t(`${P}.safety`)}
          name="safetyFlag"
          options={[{ value: 'yes', label: t(`${P}.safetyLabel`), hint: t(`${P}.safetyHint`) }]}
          isChecked={() => v.safetyFlag === 'yes'}
        />
        <ChoicesFieldset
          type="checkbox"
          legend={t('pages.staff.case.targetGroups')}
          hint={t('pages.staff.case.targetGroupsHint')}
          name="targetGroups"
          options={d.targetGroups}
          isChecked={(value) => (failed?.targetGroups ?? []).includes(value)}
          errors={errors.targetGroups}
        />
        <button type="submit" className="button">
          {t(`${P}.submit`)}
        </button>
      </Form>
    </>
  )
}
