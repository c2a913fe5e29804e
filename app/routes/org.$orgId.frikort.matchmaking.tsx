import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireMatchmaker } from '~/modules/frikort/access.server'
import { listOpenJobs } from '~/modules/frikort/job-postings.server'
import {
  listBoard,
  listCandidates,
  moveMatch,
  suggestMatch,
} from '~/modules/frikort/matches.server'
import { BoardActionSchema } from '~/modules/frikort/schemas'
import { END_REASONS, MATCH_STATES, nextStep } from '~/modules/frikort/transitions'
import { requireCtx } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { ErrorSummary } from '~/ui/error-summary'
import { formatDate } from '~/ui/format'
import { parseForm } from '~/ui/forms'
import { SelectField } from '~/ui/select-field'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  await requireMatchmaker(ctx, orgId)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const organisation = ctx.actor.orgRoles.find((r) => r.organisationId === orgId)!
  const [board, candidates, jobs] = await Promise.all([
    listBoard(ctx, orgId),
    listCandidates(ctx, orgId),
    listOpenJobs(ctx),
  ])
  const unnamed = (i: number) => t('pages.frikort.org.unnamed', { number: i + 1 })
  const names = new Map(candidates.map((c, i) => [c.id, c.name ?? unnamed(i)]))
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: t('pages.frikort.matchmaking.metaTitle', {
      organisation: organisation.organisationName,
    }),
    organisation: { id: orgId, name: organisation.organisationName },
    done: done === 'suggest' || done === 'move' ? done : null,
    candidates: candidates.map((c) => ({
      id: c.id,
      label: t(
        c.hasFrikort
          ? 'pages.frikort.matchmaking.suggest.candidateYes'
          : 'pages.frikort.matchmaking.suggest.candidateNo',
        {
          name: names.get(c.id),
        },
      ),
    })),
    jobs: jobs.map((j) => ({ id: j.id, label: `${j.title} – ${j.organisationName}` })),
    board: board.map((m) => ({
      id: m.id,
      name: m.citizenName ?? names.get(m.citizenId) ?? unnamed(0),
      state: m.state,
      next: nextStep(m.state),
      job: m.job,
      employer: m.employer,
      since: formatDate(m.since, lng),
      endedReason: m.endedReason,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  await requireMatchmaker(ctx, orgId)
  const parsed = parseForm(BoardActionSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const input = parsed.data
  const result =
    input.intent === 'suggest'
      ? await suggestMatch(ctx, orgId, input)
      : await moveMatch(ctx, orgId, input)
  if (!result) notFound()
  if (!result.ok) return data({ errors: result.errors, values: {} }, { status: 400 })
  return redirect(`/org/${orgId}/frikort/matchmaking?done=${input.intent}`)
}

export default function Matchmaking() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values = (failed?.values ?? {}) as Record<string, string>
  const P = 'pages.frikort.matchmaking'
  const S = 'common.frikort.matchStates'
  return (
    <>
      <p className="partnership-back">
        <Link to={`/org/${d.organisation.id}/frikort`}>{t(`${P}.back`)}</Link>
      </p>
      <h1>{t(`${P}.title`, { organisation: d.organisation.name })}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      {d.done && !failed ? (
        <p className="notice" role="status">
          {t(`${P}.done.${d.done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />

      <section aria-labelledby="suggest-title">
        <h2 id="suggest-title">{t(`${P}.suggest.title`)}</h2>
        {d.candidates.length === 0 || d.jobs.length === 0 ? (
          <p>{t(`${P}.suggest.nothing`)}</p>
        ) : (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="suggest" />
            <SelectField
              label={t(`${P}.suggest.citizen`)}
              hint={t(`${P}.suggest.citizenHint`)}
              name="citizenId"
              placeholder={t(`${P}.suggest.choose`)}
              options={d.candidates.map((c) => ({ value: c.id, label: c.label }))}
              defaultValue={values.citizenId ?? ''}
              errors={errors.citizenId}
            />
            <SelectField
              label={t(`${P}.suggest.job`)}
              name="jobId"
              placeholder={t(`${P}.suggest.choose`)}
              options={d.jobs.map((j) => ({ value: j.id, label: j.label }))}
              defaultValue={values.jobId ?? ''}
              errors={errors.jobId}
            />
            <button type="submit" className="button">
              {t(`${P}.suggest.submit`)}
            </button>
          </Form>
        )}
      </section>

      {MATCH_STATES.map((state) => {
        const rows = d.board.filter((m) => m.state === state)
        return (
          <section key={state} aria-labelledby={`state-${state}`} className="frikort-board">
            <h2 id={`state-${state}`}>
              {t(`${S}.${state}`)} ({rows.length})
            </h2>
            {rows.length === 0 ? (
              <p>{t(`${P}.emptyState`)}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">{t(`${S}.${state}`)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t(`${P}.columns.name`)}</th>
                      <th scope="col">{t(`${P}.columns.job`)}</th>
                      <th scope="col">{t(`${P}.columns.since`)}</th>
                      {state !== 'ended' ? (
                        <th scope="col">
                          <span className="visually-hidden">{t(`${P}.columns.actions`)}</span>
                        </th>
                      ) : null}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((m) => (
                      <tr key={m.id}>
                        <th scope="row">{m.name}</th>
                        <td>
                          {m.job ?? '–'}
                          {m.employer ? <span className="muted-line">{m.employer}</span> : null}
                        </td>
                        <td>
                          {m.since}
                          {m.endedReason ? (
                            <span className="muted-line">
                              {t(`common.frikort.endReasons.${m.endedReason}`)}
                            </span>
                          ) : null}
                        </td>
                        {state !== 'ended' ? (
                          <td>
                            {m.next ? (
                              <Form method="post">
                                <input type="hidden" name="intent" value="move" />
                                <input type="hidden" name="matchId" value={m.id} />
                                <input type="hidden" name="to" value={m.next} />
                                <button type="submit" className="button">
                                  {t(`${P}.moveTo.${m.next}`)}
                                  <span className="visually-hidden">
                                    {' '}
                                    {t(`${P}.forName`, { name: m.name })}
                                  </span>
                                </button>
                              </Form>
                            ) : null}
                            <Form method="post" className="inline-form">
                              <input type="hidden" name="intent" value="move" />
                              <input type="hidden" name="matchId" value={m.id} />
                              <input type="hidden" name="to" value="ended" />
                              <SelectField
                                id={`field-reason-${m.id}`}
                                label={t(`${P}.endReason`, { name: m.name })}
                                name="reason"
                                options={END_REASONS.map((r) => ({
                                  value: r,
                                  label: t(`common.frikort.endReasons.${r}`),
                                }))}
                                defaultValue="other"
                              />
                              <button type="submit" className="button button--secondary">
                                {t(`${P}.end`)}
                                <span className="visually-hidden">
                                  {' '}
                                  {t(`${P}.forName`, { name: m.name })}
                                </span>
                              </button>
                            </Form>
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        )
      })}
    </>
  )
}
