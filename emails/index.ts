import type { TFunction } from 'i18next'
import type { RenderedEmail } from './layout.ts'
import { testMessage, type TestMessageData } from './test-message.ts'

// Every message the platform sends, by name. The outbox renders through this table so a
// template's data is type-checked where the message is enqueued.
export interface EmailTemplates {
  test: TestMessageData
}

export const templates: { [K in keyof EmailTemplates]: (t: TFunction, data: EmailTemplates[K]) => RenderedEmail } = {
  test: testMessage,
}

export type { RenderedEmail }
