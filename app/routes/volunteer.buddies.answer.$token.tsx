import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { answerByToken, getProposalByToken } from '~/modules/matching/courses.server'
import { DECLINE_REASONS, VolunteerAnswerSchema } from '~/modules/matching/schemas'
import { ErrorSummary } from '~/ui/error-summary'
import { parseForm } from '~/ui/forms'
import { RadioGroup } from '~/ui/radio-group'

// The link in the volunteer's e-mail: say yes or no to a proposed buddy without logging in. The
// token is the credential and is used up by the answer; nothing about the citizen is shown
// here (that needs a login), only which organisation asks.

const P = 'pages.myBuddies.answer'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = getFixedT(detectLanguage(request))
  const answered = new URL(request.url).searchParams.get('answered')
  const proposal = await getProposalByToken(await getDb(), params.token ?? '', new Date())
  const open = proposal && proposal.state === 'proposed' && proposal.volunteer_answer === 'pending'
  return {
    title: t(`${P}.metaTitle`),
    answered: answered === 'yes' || answered === 'no' ? answered : null,
    proposal: open ? { organisation: proposal.organisation } : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? ''
  const parsed = parseForm(VolunteerAnswerSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const result = await answerByToken(await getDb(), token, new Date(), {
    yes: parsed.data.answer === 'yes',
    reason: parsed.data.reason,
  })
  if (!result.ok)
    return data(
      { errors: { '': [`${P}.invalid`] }, values: {} as Record<string, string> },
      { status: 400 },
    )
  kickOutbox()
  return redirect(
    `/volunteer/buddies/answer/${encodeURIComponent(token)}?answered=${parsed.data.answer}`,
  )
}

export default function AnswerProposal() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values: Record<string, string> = failed?.values ?? {}
  if (d.answered && !d.proposal) {
    return (
      <>
        <h1>{t(`${P}.thanksTitle`)}</h1>
        <p className="notice" role="status">
          {t(d.answered === 'yes' ? `${P}.thanksYes` : `${P}.thanksNo`)}
        </p>
        <p>
          <Link to="/volunteer/buddies">{t(`${P}.toMyBuddies`)}</Link>
        </p>
      </>
    )
  }
  if (!d.proposal) {
    return (
      <>
        <h1>{t(`${P}.invalidTitle`)}</h1>
        <p>{t(`${P}.invalid`)}</p>
        <p>
          <Link to="/volunteer/buddies">{t(`${P}.toMyBuddies`)}</Link>
        </p>
      </>
    )
  }
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`, { organisation: d.proposal.organisation })}</p>
      <p>
        {t(`${P}.readMore`)} <Link to="/volunteer/buddies">{t(`${P}.toMyBuddies`)}</Link>
      </p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <RadioGroup
          legend={t('pages.myBuddies.detail.answerQuestion')}
          name="answer"
          defaultValue={values.answer}
          options={[
            { value: 'yes', label: t('pages.myBuddies.detail.answerYes') },
            { value: 'no', label: t('pages.myBuddies.detail.answerNo') },
          ]}
          errors={errors.answer}
        />
        <RadioGroup
          legend={t('pages.myBuddies.detail.reasonLegend')}
          hint={t('pages.myBuddies.detail.reasonHint')}
          name="reason"
          defaultValue={values.reason}
          options={DECLINE_REASONS.map((r) => ({
            value: r,
            label: t(`common.course.declineReasons.${r}`),
          }))}
          errors={errors.reason}
        />
        <button type="submit" className="button button--large">
          {t('pages.myBuddies.detail.answerSubmit')}
        </button>
      </Form>
    </>
  )
}
