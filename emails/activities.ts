import type { TFunction } from 'i18next'
import { layout, type RenderedEmail } from './layout.ts'

export interface SessionCancelledData {
  name?: string | null
  activity: string
  organisation: string
  /** The session's date and time, already written in the recipient's language. */
  when: string
  /** What the organisation wrote; null when the session went because the schedule changed. */
  reason: string | null
  scheduleChanged: boolean
  /** The organisation's or the activity's phone, for questions. */
  phone: string | null
}

/** To everyone signed up (or waiting) for a session that will not take place. */
export function sessionCancelled(t: TFunction, data: SessionCancelledData): RenderedEmail {
  const k = 'emails.sessionCancelled'
  return layout(t, {
    subject: t(`${k}.subject`, { activity: data.activity }),
    name: data.name,
    paragraphs: [
      t(data.scheduleChanged ? `${k}.bodyScheduleChanged` : `${k}.body`, {
        activity: data.activity,
        organisation: data.organisation,
        when: data.when,
      }),
      ...(data.reason ? [t(`${k}.reason`, { reason: data.reason })] : []),
      data.phone
        ? t(`${k}.questionsPhone`, { organisation: data.organisation, phone: data.phone })
        : t(`${k}.questions`, { organisation: data.organisation }),
    ],
  })
}
