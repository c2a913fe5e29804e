import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import {
  caseworkerMunicipalities,
  createCitizen,
  issueAccessCode,
  searchCitizens,
} from '~/modules/citizens/access-codes.server'
import {
  AccessCodesActionSchema,
  CHOSEN_NAME_MAX,
  CitizenSearchSchema,
} from '~/modules/citizens/schemas'
import { requireCtx } from '~/modules/identity/guards.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { formatDate } from '~/ui/format'
import { parseForm } from '~/ui/forms'

const SELF = '/case/access-codes'

// The code exists only in the response that shows it: nothing may keep a copy.
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const municipalityIds = caseworkerMunicipalities(ctx)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const url = new URL(request.url)
  const search = CitizenSearchSchema.safeParse({ q: url.searchParams.get('q') ?? undefined })
  const q = search.success ? search.data.q : ''
  const citizens = await searchCitizens(ctx, q)
  return {
    title: t('pages.case.accessCodes.metaTitle'),
    q,
    created: url.searchParams.get('created') === '1',
    municipalities: ctx.actor.municipalRoles
      .filter((r) => r.role === 'caseworker' && municipalityIds.includes(r.municipalityId))
      .map((r) => ({ id: r.municipalityId, name: r.municipalityName })),
    citizens: citizens.map((c) => ({
      id: c.id,
      chosenName: c.chosenName,
      hasLogin: c.hasLogin,
      openCodeUntil: c.openCodeExpiresAt ? formatDate(c.openCodeExpiresAt, lng) : null,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

type ActionData =
  | { errors: Record<string, string[]>; values?: Record<string, string> }
  | { issued: { chosenName: string; code: string; expiresOn: string; loginUrl: string } }

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  caseworkerMunicipalities(ctx)
  const parsed = parseForm(AccessCodesActionSchema, await request.formData())
  if (!parsed.ok)
    return data<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const input = parsed.data
  if (input.intent === 'create') {
    const citizen = await createCitizen(ctx, {
      chosenName: input.chosenName,
      municipalityId: input.municipalityId,
    })
    return redirect(`${SELF}?q=${encodeURIComponent(citizen.chosenName)}&created=1`)
  }
  const issued = await issueAccessCode(ctx, input.citizenId)
  if (!issued)
    return data<ActionData>(
      { errors: { '': ['pages.case.accessCodes.errors.notFound'] } },
      { status: 404 },
    )
  // Shown in this response only (not behind a redirect): the code is never stored in clear.
  return data<ActionData>({
    issued: {
      chosenName: issued.chosenName,
      code: issued.code,
      expiresOn: formatDate(issued.expiresAt, detectLanguage(request)),
      loginUrl: `${publicOrigin(request)}/login/code`,
    },
  })
}

export default function CaseAccessCodes() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const P = 'pages.case.accessCodes'
  if (actionData && 'issued' in actionData) {
    const issued = actionData.issued
    return (
      <div className="access-code">
        <h1>{t(`${P}.sheet.title`, { name: issued.chosenName })}</h1>
        <p className="notice print-hide" role="status">
          {t(`${P}.sheet.onlyNow`)}
        </p>
        <p className="access-code__label">{t(`${P}.sheet.codeLabel`)}</p>
        <p className="access-code__code">
          <code>{issued.code}</code>
        </p>
        <p>{t(`${P}.sheet.expires`, { date: issued.expiresOn })}</p>
        <h2>{t(`${P}.sheet.stepsTitle`)}</h2>
        <ol className="access-code__steps">
          <li>
            {t(`${P}.sheet.step1`)} <strong className="access-code__url">{issued.loginUrl}</strong>
          </li>
          <li>{t(`${P}.sheet.step2`)}</li>
          <li>{t(`${P}.sheet.step3`)}</li>
        </ol>
        <p>{t(`${P}.sheet.help`)}</p>
        <div className="print-hide">
          <p>{t(`${P}.sheet.print`)}</p>
          <p>
            <Link to={`${SELF}?q=${encodeURIComponent(issued.chosenName)}`}>
              {t(`${P}.sheet.back`)}
            </Link>
          </p>
        </div>
      </div>
    )
  }
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      <p>{t(`${P}.lead`)}</p>
      {d.created && !actionData ? (
        <p className="notice" role="status">
          {t(`${P}.created`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <section aria-labelledby="search-title">
        <h2 id="search-title">{t(`${P}.search.title`)}</h2>
        <Form method="get" role="search" aria-labelledby="search-title">
          <Field
            label={t(`${P}.search.label`)}
            name="q"
            type="search"
            defaultValue={d.q}
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit" className="button">
            {t(`${P}.search.submit`)}
          </button>
        </Form>
        {d.q ? (
          d.citizens.length === 0 ? (
            <p>{t(`${P}.search.none`, { q: d.q })}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption>{t(`${P}.search.caption`, { q: d.q, count: d.citizens.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(`${P}.columns.name`)}</th>
                    <th scope="col">{t(`${P}.columns.login`)}</th>
                    <th scope="col">{t(`${P}.columns.code`)}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t(`${P}.columns.actions`)}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.citizens.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">{c.chosenName}</th>
                      <td>{t(c.hasLogin ? `${P}.login.yes` : `${P}.login.no`)}</td>
                      <td>
                        {c.openCodeUntil
                          ? t(`${P}.openCode`, { date: c.openCodeUntil })
                          : t(`${P}.noOpenCode`)}
                      </td>
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="issue" />
                          <input type="hidden" name="citizenId" value={c.id} />
                          <button type="submit" className="button">
                            {t(c.openCodeUntil ? `${P}.issueNew` : `${P}.issue`)}
                            <span className="visually-hidden">
                              {' '}
                              {t(`${P}.issueFor`, { name: c.chosenName })}
                            </span>
                          </button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        ) : null}
      </section>
      <section aria-labelledby="create-title">
        <h2 id="create-title">{t(`${P}.create.title`)}</h2>
        <p>{t(`${P}.create.lead`)}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field
            label={t(`${P}.create.label`)}
            hint={t(`${P}.create.hint`)}
            name="chosenName"
            autoComplete="off"
            maxLength={CHOSEN_NAME_MAX}
            defaultValue={actionData?.values?.chosenName ?? ''}
            errors={errors.chosenName}
          />
          {d.municipalities.length > 1 ? (
            <div className="field">
              <label htmlFor="field-municipalityId" className="field__label">
                {t(`${P}.create.municipality`)}
              </label>
              <select
                id="field-municipalityId"
                name="municipalityId"
                defaultValue={d.municipalities[0]!.id}
              >
                {d.municipalities.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <button type="submit" className="button">
            {t(`${P}.create.submit`)}
          </button>
        </Form>
      </section>
    </>
  )
}
