import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, redirect, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { caseworkerMunicipalities } from '~/modules/citizens/access-codes.server'
import { listMyCitizens } from '~/modules/citizens/citizens.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { handleCaseworkerTask, listCaseworkerTasks } from '~/modules/matching/records.server'
import {
  changesSinceLastLook,
  listCaseworkerReferrals,
  markSeen,
} from '~/modules/referrals/referrals.server'
import { ALL_STATES } from '~/modules/referrals/transitions'
import { stateKey } from '~/modules/referrals/view'
import { formatDate, formatDateTime } from '~/ui/format'

// The caseworker's workspace: concerns buddies raised about my citizens, my citizens, their
// referrals by state, what is overdue, and what others changed since I last said I had looked.

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  caseworkerMunicipalities(ctx)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const [citizens, referrals, changes, tasks] = await Promise.all([
    listMyCitizens(ctx),
    listCaseworkerReferrals(ctx),
    changesSinceLastLook(ctx),
    listCaseworkerTasks(ctx),
  ])
  const row = (r: (typeof referrals)[number]) => ({
    id: r.id,
    citizenName: r.citizenName,
    organisation: r.organisationName,
    kind: r.kind,
    stateKey: stateKey(r.state, r.stateReason),
    sent: formatDate(r.sentAt, lng),
    deadline: formatDate(r.deadlineAt, lng),
  })
  return {
    title: t('pages.case.workspace.metaTitle'),
    name: ctx.actor.displayName,
    citizens,
    counts: ALL_STATES.map((s) => ({
      state: s,
      count: referrals.filter((r) => r.state === s).length,
    })),
    open: referrals.filter((r) => ['sent', 'accepted', 'in_progress'].includes(r.state)).map(row),
    overdue: referrals.filter((r) => r.overdue).map(row),
    concerns: tasks
      .filter((task) => task.kind === 'concern')
      .map((task) => ({
        id: task.id,
        citizenId: task.citizen_id,
        citizenName: task.chosen_name,
        organisation: task.organisation_name,
        phone: task.organisation_phone,
        text: task.text ?? '',
        raisedAt: formatDateTime(task.raised_at ?? task.due_at, lng),
      })),
    handled: new URL(request.url).searchParams.get('done') === 'concern',
    since: changes.since ? formatDateTime(changes.since, lng) : null,
    changes: changes.changes.map((c) => ({
      referralId: c.referralId,
      citizenName: c.citizenName,
      organisation: c.organisationName,
      stateKey: stateKey(c.state, null),
      at: formatDateTime(c.at, lng),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  caseworkerMunicipalities(ctx)
  const form = await request.formData()
  if (form.get('intent') === 'handleConcern') {
    if (!(await handleCaseworkerTask(ctx, String(form.get('taskId') ?? '')))) notFound()
    return redirect('/case?done=concern')
  }
  await markSeen(ctx)
  return redirect('/case')
}

export default function CaseWorkspace() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.case.workspace'
  const table = (rows: typeof d.open, caption: string) => (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`${P}.columns.citizen`)}</th>
            <th scope="col">{t(`${P}.columns.to`)}</th>
            <th scope="col">{t(`${P}.columns.state`)}</th>
            <th scope="col">{t(`${P}.columns.sent`)}</th>
            <th scope="col">{t(`${P}.columns.deadline`)}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link to={`/case/referrals/${r.id}`}>{r.citizenName}</Link>
              </th>
              <td>
                {r.organisation}
                <span className="muted-line">{t(`common.referral.kinds.${r.kind}`)}</span>
              </td>
              <td>{t(r.stateKey)}</td>
              <td>{r.sent}</td>
              <td>{r.deadline}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <p className="button-row">
        <Link to="/case/citizens" className="button">
          {t(`${P}.findCitizen`)}
        </Link>{' '}
        <Link to="/case/citizens/new" className="button button--secondary">
          {t(`${P}.registerCitizen`)}
        </Link>{' '}
        <Link to="/case/access-codes" className="button button--secondary">
          {t(`${P}.accessCodes`)}
        </Link>
      </p>

      {d.handled ? (
        <p className="notice" role="status">
          {t(`${P}.concerns.handled`)}
        </p>
      ) : null}
      <section aria-labelledby="concerns-title">
        <h2 id="concerns-title">{t(`${P}.concerns.title`)}</h2>
        {d.concerns.length === 0 ? (
          <p>{t(`${P}.concerns.none`)}</p>
        ) : (
          <ul className="concerns">
            {d.concerns.map((c) => (
              <li key={c.id} className="card">
                <h3>
                  <Link to={`/case/citizens/${c.citizenId}`}>{c.citizenName}</Link>
                </h3>
                <p className="muted-line">
                  {t(`${P}.concerns.from`, { organisation: c.organisation, date: c.raisedAt })}
                </p>
                <blockquote>{c.text}</blockquote>
                {c.phone ? (
                  <p>
                    {t(`${P}.concerns.call`, { organisation: c.organisation })}{' '}
                    <a href={`tel:${c.phone.replace(/\s/g, '')}`}>{c.phone}</a>
                  </p>
                ) : null}
                <Form method="post">
                  <input type="hidden" name="intent" value="handleConcern" />
                  <input type="hidden" name="taskId" value={c.id} />
                  <button type="submit" className="button button--secondary">
                    {t(`${P}.concerns.markHandled`, { name: c.citizenName })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="changes-title">
        <h2 id="changes-title">{t(`${P}.changes.title`)}</h2>
        <p>{d.since ? t(`${P}.changes.since`, { date: d.since }) : t(`${P}.changes.never`)}</p>
        {d.changes.length === 0 ? (
          <p>{t(`${P}.changes.none`)}</p>
        ) : (
          <ul>
            {d.changes.map((c, i) => (
              <li key={`${c.referralId}-${i}`}>
                {c.at}:{' '}
                <Link to={`/case/referrals/${c.referralId}`}>
                  {t(`${P}.changes.item`, {
                    citizen: c.citizenName,
                    organisation: c.organisation,
                    state: t(c.stateKey),
                  })}
                </Link>
              </li>
            ))}
          </ul>
        )}
        <Form method="post">
          <button type="submit" className="button button--secondary">
            {t(`${P}.changes.markSeen`)}
          </button>
        </Form>
      </section>

      <section aria-labelledby="overdue-title">
        <h2 id="overdue-title">{t(`${P}.overdue.title`)}</h2>
        {d.overdue.length === 0 ? (
          <p>{t(`${P}.overdue.none`)}</p>
        ) : (
          table(d.overdue, t(`${P}.overdue.caption`))
        )}
      </section>

      <section aria-labelledby="referrals-title">
        <h2 id="referrals-title">{t(`${P}.referrals.title`)}</h2>
        <ul className="state-counts">
          {d.counts.map((c) => (
            <li key={c.state}>
              {t(`common.referral.states.${c.state}`)}: <strong>{c.count}</strong>
            </li>
          ))}
        </ul>
        {d.open.length === 0 ? (
          <p>{t(`${P}.referrals.none`)}</p>
        ) : (
          table(d.open, t(`${P}.referrals.caption`))
        )}
      </section>

      <section aria-labelledby="citizens-title">
        <h2 id="citizens-title">{t(`${P}.citizens.title`)}</h2>
        {d.citizens.length === 0 ? (
          <p>{t(`${P}.citizens.none`)}</p>
        ) : (
          <ul>
            {d.citizens.map((c) => (
              <li key={c.id}>
                <Link to={`/case/citizens/${c.id}`}>{c.chosenName}</Link>
                {c.openReferrals > 0 ? (
                  <span className="muted-line">
                    {t(`${P}.citizens.open`, { count: c.openReferrals })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
