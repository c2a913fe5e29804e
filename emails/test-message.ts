import type { TFunction } from 'i18next'
import { layout, type RenderedEmail } from './layout.ts'

export interface TestMessageData {
  name?: string | null
}

export function testMessage(t: TFunction, data: TestMessageData): RenderedEmail {
  return layout(t, {
    subject: t('emails.test.subject'),
    name: data.name,
    paragraphs: [t('emails.test.body')],
  })
}
