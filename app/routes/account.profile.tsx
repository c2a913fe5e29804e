import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT, languageCookie } from '~/i18n/i18n.server'
import { getProfile, updateProfile } from '~/modules/identity/account.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { CONTACT_PREFERENCES, ProfileSchema } from '~/modules/identity/schemas'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm } from '~/ui/forms'
import { RadioGroup } from '~/ui/radio-group'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const t = getFixedT(detectLanguage(request))
  const profile = await getProfile(ctx)
  return {
    title: t('pages.accountPages.profile.metaTitle'),
    saved: new URL(request.url).searchParams.get('saved') === '1',
    profile: {
      displayName: profile.displayName,
      email: profile.email,
      language: profile.language,
      contactPreference: profile.contactPreference,
      phone: profile.phone ?? '',
    },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const parsed = parseForm(ProfileSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const result = await updateProfile(ctx, parsed.data)
  if (!result.ok) {
    const values: Record<string, string> = { ...parsed.data, phone: parsed.data.phone ?? '' }
    return data({ errors: result.errors, values }, { status: 400 })
  }
  return redirect('/account/profile?saved=1', {
    headers: { 'Set-Cookie': languageCookie(parsed.data.language) },
  })
}

export default function AccountProfile() {
  const { t } = useTranslation()
  const { profile, saved } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values = { ...profile, ...actionData?.values }
  const P = 'pages.accountPages.profile'
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      {saved && !actionData ? (
        <p className="notice" role="status">
          {t(`${P}.saved`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <Field
          label={t(`${P}.name`)}
          hint={t(`${P}.nameHint`)}
          name="displayName"
          autoComplete="name"
          defaultValue={values.displayName}
          errors={errors.displayName}
        />
        <RadioGroup
          legend={t(`${P}.language`)}
          name="language"
          defaultValue={values.language}
          errors={errors.language}
          options={[
            { value: 'da', label: <span lang="da">{t('common.language.da')}</span> },
            { value: 'en', label: <span lang="en">{t('common.language.en')}</span> },
          ]}
        />
        <RadioGroup
          legend={t(`${P}.contact`)}
          hint={t(`${P}.contactHint`)}
          name="contactPreference"
          defaultValue={values.contactPreference}
          errors={errors.contactPreference}
          options={CONTACT_PREFERENCES.map((value) => ({
            value,
            label: t(`${P}.contactOptions.${value}`),
            hint: value === 'email' && profile.email ? profile.email : undefined,
          }))}
        />
        <Field
          label={`${t(`${P}.phone`)} ${t('common.form.optional')}`}
          hint={t(`${P}.phoneHint`)}
          name="phone"
          type="tel"
          autoComplete="tel"
          defaultValue={values.phone}
          errors={errors.phone}
        />
        <button type="submit" className="button">
          {t('common.form.save')}
        </button>
      </Form>
      <p>
        <Link to="/account">{t('pages.accountPages.back')}</Link>
      </p>
    </>
  )
}
