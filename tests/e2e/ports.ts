// Fixed loopback addresses for the browser tests, shared by playwright.config.ts and fixtures.
// Override with E2E_PORT / SMTP_SINK_PORT / SMTP_SINK_HTTP_PORT when one is taken.
export const APP_PORT = Number(process.env.E2E_PORT ?? 3210)
export const SMTP_PORT = Number(process.env.SMTP_SINK_PORT ?? 2526)
export const SMTP_HTTP_PORT = Number(process.env.SMTP_SINK_HTTP_PORT ?? 2527)

export const APP_URL = `http://127.0.0.1:${APP_PORT}`
export const SMTP_URL = `smtp://127.0.0.1:${SMTP_PORT}`
export const MAIL_SINK_URL = `http://127.0.0.1:${SMTP_HTTP_PORT}/messages`
