import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, redirect, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { caseworkerMunicipalities } from '~/modules/citizens/access-codes.server'
import { citizenPage, getCitizenForCaseworker } from '~/modules/citizens/citizens.server'
import { carryOutErasure } from '~/modules/citizens/retention.server'
import { listConsentsForCaseworker } from '~/modules/consent/consents.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { listReferralsOfCitizen } from '~/modules/referrals/referrals.server'
import { stateKey } from '~/modules/referrals/view'
import { formatDate } from '~/ui/format'

const DONE = ['registered', 'consent', 'withdrawn', 'referred', 'erased'] as const
type Done = (typeof DONE)[number]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  caseworkerMunicipalities(ctx)
  const id = params.citizenId ?? ''
  const citizen = await getCitizenForCaseworker(ctx, id, citizenPage(id))
  if (!citizen) notFound()
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const [consents, referrals] = await Promise.all([
    listConsentsForCaseworker(ctx, citizen.id),
    listReferralsOfCitizen(ctx, citizen.id),
  ])
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: t('pages.case.citizen.metaTitle', { name: citizen.chosenName }),
    done: DONE.includes(done as Done) ? (done as Done) : null,
    citizen: {
      ...citizen,
      targetGroups: citizen.targetGroups.map((g) => (lng === 'en' ? g.nameEn : g.nameDa)),
      openErasureDue: citizen.openErasureRequest
        ? formatDate(citizen.openErasureRequest.dueAt, lng)
        : null,
      openErasureRequest: undefined,
    },
    consents: consents.map((c) => ({
      id: c.id,
      purpose: c.purpose,
      recipients: c.recipients.map((r) => r.name).join(', '),
      status: c.status,
      channel: c.channel,
      givenAt: formatDate(c.givenAt, lng),
      expiresAt: formatDate(c.expiresAt, lng),
    })),
    referrals: referrals.map((r) => ({
      id: r.id,
      organisation: r.organisationName,
      kind: r.kind,
      stateKey: stateKey(r.state, r.stateReason),
      sent: formatDate(r.sentAt, lng),
      deadline: formatDate(r.deadlineAt, lng),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  caseworkerMunicipalities(ctx)
  const form = await request.formData()
  if (form.get('intent') !== 'erase') notFound()
  const done = await carryOutErasure(ctx, params.citizenId ?? '')
  if (!done) notFound()
  return redirect(`/case/citizens/${params.citizenId}?done=erased`)
}

export default function CaseCitizen() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const c = d.citizen
  const P = 'pages.case.citizen'
  const missing = t(`${P}.notGiven`)
  return (
    <>
      <p>
        <Link to="/case">{t('pages.case.back')}</Link>
      </p>
      <h1>{c.chosenName}</h1>
      {d.done ? (
        <p className="notice" role="status">
          {t(`${P}.done.${d.done}`)}
        </p>
      ) : null}
      {c.safetyFlag ? (
        <p className="notice notice--warning">
          <strong>{t(`${P}.safetyFlag`)}</strong>{' '}
          {c.contactHidden ? t(`${P}.safetyHidden`) : t(`${P}.safetyOwn`)}
        </p>
      ) : null}
      {c.anonymised ? <p className="notice">{t(`${P}.anonymised`)}</p> : null}
      {!c.anonymised ? (
        <p className="button-row">
          <Link to={`/case/referrals/new?citizenId=${c.id}`} className="button">
            {t(`${P}.refer`)}
          </Link>{' '}
          <Link to={`/case/citizens/${c.id}/consents/new`} className="button button--secondary">
            {t(`${P}.recordConsent`)}
          </Link>{' '}
          <Link
            to={`/case/access-codes?q=${encodeURIComponent(c.chosenName)}`}
            className="button button--secondary"
          >
            {t(`${P}.accessCode`)}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="record-title">
        <h2 id="record-title">{t(`${P}.record`)}</h2>
        <dl className="summary-list">
          <dt>{t(`${P}.fields.municipality`)}</dt>
          <dd>{c.municipalityName}</dd>
          <dt>{t(`${P}.fields.birthYear`)}</dt>
          <dd>{c.birthYear ?? missing}</dd>
          <dt>{t(`${P}.fields.area`)}</dt>
          <dd>{c.areaName ?? missing}</dd>
          <dt>{t(`${P}.fields.language`)}</dt>
          <dd>{t(`common.citizen.languages.${c.language}`)}</dd>
          <dt>{t(`${P}.fields.contactPreference`)}</dt>
          <dd>{t(`common.citizen.contact.${c.contactPreference}`)}</dd>
          <dt>{t(`${P}.fields.contact`)}</dt>
          <dd>
            {c.contactHidden
              ? t(`${P}.hidden`)
              : [c.phone, c.email].filter(Boolean).join(' · ') || missing}
          </dd>
          <dt>{t(`${P}.fields.address`)}</dt>
          <dd>{c.contactHidden ? t(`${P}.hidden`) : (c.address ?? missing)}</dd>
          <dt>{t(`${P}.fields.login`)}</dt>
          <dd>{t(c.hasLogin ? `${P}.loginYes` : `${P}.loginNo`)}</dd>
          <dt>{t(`${P}.fields.caseworkers`)}</dt>
          <dd>{c.caseworkers.join(', ') || missing}</dd>
          <dt>{t('pages.staff.case.targetGroups')}</dt>
          <dd>{c.targetGroups.join(', ') || missing}</dd>
        </dl>
      </section>

      {c.openErasureDue ? (
        <section aria-labelledby="erasure-title" className="card">
          <h2 id="erasure-title">{t(`${P}.erasure.title`)}</h2>
          <p>{t(`${P}.erasure.lead`, { date: c.openErasureDue })}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="erase" />
            <button type="submit" className="button button--warning">
              {t(`${P}.erasure.submit`)}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="consents-title">
        <h2 id="consents-title">{t(`${P}.consents.title`)}</h2>
        {d.consents.length === 0 ? (
          <p>{t(`${P}.consents.none`)}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t(`${P}.consents.title`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`${P}.consents.purpose`)}</th>
                  <th scope="col">{t(`${P}.consents.recipients`)}</th>
                  <th scope="col">{t(`${P}.consents.status`)}</th>
                  <th scope="col">{t(`${P}.consents.period`)}</th>
                </tr>
              </thead>
              <tbody>
                {d.consents.map((k) => (
                  <tr key={k.id}>
                    <th scope="row">
                      <Link to={`/case/citizens/${c.id}/consents/${k.id}`}>
                        {t(`common.consent.purposes.${k.purpose}`)}
                      </Link>
                      <span className="muted-line">
                        {t(`common.consent.channels.${k.channel}`)}
                      </span>
                    </th>
                    <td>{k.recipients}</td>
                    <td>{t(`common.consent.status.${k.status}`)}</td>
                    <td>
                      {k.givenAt} – {k.expiresAt}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="referrals-title">
        <h2 id="referrals-title">{t(`${P}.referrals.title`)}</h2>
        {d.referrals.length === 0 ? (
          <p>{t(`${P}.referrals.none`)}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t(`${P}.referrals.title`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`${P}.referrals.to`)}</th>
                  <th scope="col">{t(`${P}.referrals.state`)}</th>
                  <th scope="col">{t(`${P}.referrals.sent`)}</th>
                  <th scope="col">{t(`${P}.referrals.deadline`)}</th>
                </tr>
              </thead>
              <tbody>
                {d.referrals.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/case/referrals/${r.id}`}>{r.organisation}</Link>
                      <span className="muted-line">{t(`common.referral.kinds.${r.kind}`)}</span>
                    </th>
                    <td>{t(r.stateKey)}</td>
                    <td>{r.sent}</td>
                    <td>{r.deadline}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}
