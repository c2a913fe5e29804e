import type { InitOptions } from 'i18next'
import daCommon from './locales/da/common.json'
import daPages from './locales/da/pages.json'
import daEmails from './locales/da/emails.json'
import enCommon from './locales/en/common.json'
import enPages from './locales/en/pages.json'
import enEmails from './locales/en/emails.json'

export const supportedLanguages = ['da', 'en'] as const
export type Language = (typeof supportedLanguages)[number]
export const defaultLanguage: Language = 'da'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value)
}

// One namespace; each file is a top-level key, so keys read `pages.home.title`, `common.save`.
export const resources = {
  da: { translation: { common: daCommon, pages: daPages, emails: daEmails } },
  en: { translation: { common: enCommon, pages: enPages, emails: enEmails } },
} as const

export function i18nOptions(lng: Language): InitOptions {
  return {
    lng,
    resources,
    supportedLngs: [...supportedLanguages],
    fallbackLng: defaultLanguage,
    defaultNS: 'translation',
    interpolation: { escapeValue: false },
    returnNull: false,
    initImmediate: false,
    react: { useSuspense: false },
  }
}
