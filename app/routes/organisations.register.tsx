import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { clientIpHash } from '~/modules/identity/guards.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { listMunicipalities, pickMunicipality } from '~/modules/network/network.server'
import { registerOrganisation } from '~/modules/organisations/organisations.server'
import { OrganisationRegistrationSchema } from '~/modules/organisations/schemas'
import { ErrorSummary } from '~/ui/error-summary'
import { parseForm } from '~/ui/forms'
import { OrganisationFields } from '~/ui/organisation-fields'
import { SelectField } from '~/ui/select-field'

// Public, no login: an association, drop-in, NGO, social enterprise or employer asks to join.
// The municipality approves; the contact person is invited as coordinator at once.

export async function loader({ request }: LoaderFunctionArgs) {
  const t = getFixedT(detectLanguage(request))
  const municipalities = await listMunicipalities(await getDb())
  const sent = new URL(request.url).searchParams.get('sent') === '1'
  return {
    title: t(sent ? 'pages.orgRegister.sent.title' : 'pages.orgRegister.metaTitle'),
    sent,
    municipalities: municipalities.map((m) => ({ id: m.id, name: m.name })),
    preselected: pickMunicipality(municipalities, request)?.id ?? null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

function formValues(form: FormData): Record<string, string> {
  return Object.fromEntries(
    [...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'),
  )
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const parsed = parseForm(OrganisationRegistrationSchema, form)
  // The form holds no secrets; parseForm's generic filter would drop the postal code (…code).
  if (!parsed.ok) return data({ errors: parsed.errors, values: formValues(form) }, { status: 400 })
  const result = await registerOrganisation(await getDb(), parsed.data, {
    now: new Date(),
    ipHash: clientIpHash(request),
    origin: publicOrigin(request),
    language: detectLanguage(request),
  })
  if (!result.ok) {
    const field =
      result.reason === 'cvrTaken'
        ? 'cvr'
        : result.reason === 'unknownMunicipality'
          ? 'municipalityId'
          : ''
    return data(
      {
        errors: { [field]: [`pages.orgRegister.errors.${result.reason}`] },
        values: formValues(form),
      },
      { status: result.reason === 'tooMany' ? 429 : 400 },
    )
  }
  kickOutbox()
  return redirect('/organisations/register?sent=1')
}

export default function RegisterOrganisation() {
  const { t } = useTranslation()
  const { sent, municipalities, preselected } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values: Record<string, string | undefined> = actionData?.values ?? {}
  const P = 'pages.orgRegister'
  if (sent) {
    return (
      <>
        <h1>{t(`${P}.sent.title`)}</h1>
        <p role="status">{t(`${P}.sent.body`)}</p>
        <p>{t(`${P}.sent.next`)}</p>
        <p>
          <Link to="/">{t(`${P}.sent.home`)}</Link>
        </p>
      </>
    )
  }
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <p>{t(`${P}.how`)}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <OrganisationFields values={values} errors={errors} />
        <h2>{t(`${P}.sections.municipality`)}</h2>
        <SelectField
          label={t(`${P}.fields.municipality`)}
          hint={t(`${P}.fields.municipalityHint`)}
          name="municipalityId"
          placeholder={t(`${P}.fields.municipalityChoose`)}
          defaultValue={values.municipalityId ?? preselected ?? ''}
          errors={errors.municipalityId}
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
        />
        <button type="submit" className="button">
          {t(`${P}.submit`)}
        </button>
      </Form>
    </>
  )
}
