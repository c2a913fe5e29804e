import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { OrganisationProfileSchema } from '~/modules/organisations/profile-schemas'
import {
  getOrganisationProfile,
  updateOrganisationProfile,
} from '~/modules/organisations/profile.server'
import { ErrorSummary } from '~/ui/error-summary'
import { AddressFields } from '~/ui/address-fields'
import { Field } from '~/ui/field'
import { parseForm } from '~/ui/forms'
import { TextareaField } from '~/ui/textarea-field'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const profile = await getOrganisationProfile(ctx, params.orgId ?? '')
  const t = getFixedT(detectLanguage(request))
  return {
    title: t('pages.orgProfile.metaTitle', { organisation: profile.name }),
    profile,
    saved: new URL(request.url).searchParams.get('done') === 'saved',
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const profile = await getOrganisationProfile(ctx, params.orgId ?? '')
  const parsed = parseForm(OrganisationProfileSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  await updateOrganisationProfile(ctx, profile.id, parsed.data)
  return redirect(`/org/${profile.id}/profile?done=saved`)
}

export default function OrganisationProfilePage() {
  const { t } = useTranslation()
  const { profile, saved } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values: Record<string, string | undefined> = actionData?.values ?? {
    description: profile.description ?? '',
    phone: profile.phone ?? '',
    email: profile.email ?? '',
    website: profile.website ?? '',
    streetAddress: profile.streetAddress ?? '',
    postalCode: profile.postalCode ?? '',
    city: profile.city ?? '',
  }
  const P = 'pages.orgProfile'
  const optional = (label: string) => `${label} ${t('common.form.optional')}`
  return (
    <>
      <p>
        <Link to={`/org/${profile.id}/activities`}>
          {t('pages.orgActivities.backToList', { organisation: profile.name })}
        </Link>
      </p>
      <h1>{t(`${P}.title`, { organisation: profile.name })}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      {saved && !actionData ? (
        <p className="notice" role="status">
          {t(`${P}.saved`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <dl className="summary-list">
        <dt>{t(`${P}.name`)}</dt>
        <dd>{profile.name}</dd>
        <dt>{t(`${P}.cvr`)}</dt>
        <dd>{profile.cvr ?? '–'}</dd>
      </dl>
      <p>{t(`${P}.fixedNote`)}</p>
      {profile.status === 'approved' ? (
        <p>
          <Link to={`/organisations/${profile.id}`}>{t(`${P}.publicLink`)}</Link>
        </p>
      ) : null}
      <Form method="post" noValidate>
        <TextareaField
          label={optional(t(`${P}.description`))}
          hint={t(`${P}.descriptionHint`)}
          name="description"
          rows={6}
          defaultValue={values.description ?? ''}
          errors={errors.description}
        />
        <Field
          label={t(`${P}.phone`)}
          name="phone"
          type="tel"
          autoComplete="tel"
          defaultValue={values.phone ?? ''}
          errors={errors.phone}
        />
        <Field
          label={optional(t(`${P}.email`))}
          name="email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          defaultValue={values.email ?? ''}
          errors={errors.email}
        />
        <Field
          label={optional(t(`${P}.website`))}
          name="website"
          type="url"
          autoComplete="url"
          spellCheck={false}
          defaultValue={values.website ?? ''}
          errors={errors.website}
        />
        <AddressFields labels={P} values={values} errors={errors} />
        <button type="submit" className="button">
          {t(`${P}.submit`)}
        </button>
      </Form>
    </>
  )
}
