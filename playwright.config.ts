import { existsSync } from 'node:fs'
import { defineConfig, devices } from '@playwright/test'
import {
  APP_PORT,
  APP_URL,
  MAIL_SINK_URL,
  SMTP_HTTP_PORT,
  SMTP_PORT,
  SMTP_URL,
} from './tests/e2e/ports.ts'

// Browser tests run against a production build (`npm run test:e2e` builds first) served by
// server.js, with a real SMTP server on loopback. One worker: the app holds one database.
// CI runs the suite a second time with DATABASE_URL set (migrations already applied).
const database: Record<string, string> = process.env.DATABASE_URL
  ? { DATABASE_URL: process.env.DATABASE_URL }
  : { PGLITE_DIR: 'memory://' }

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: APP_URL,
    locale: 'da-DK',
    timezoneId: 'Europe/Copenhagen',
    trace: 'off',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath:
            process.env.CHROMIUM_PATH ??
            (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  // Started in this order and stopped after the run. The commands go through npm so they run on
  // the Node version the project pins (the `node` devDependency), whatever is first on PATH.
  webServer: [
    {
      name: 'smtp-sink',
      command: 'npm exec --offline -- node tests/e2e/smtp-sink.js',
      url: MAIL_SINK_URL,
      env: { SMTP_SINK_PORT: String(SMTP_PORT), SMTP_SINK_HTTP_PORT: String(SMTP_HTTP_PORT) },
      reuseExistingServer: false,
      timeout: 60_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 2_000 },
    },
    {
      name: 'app',
      command: 'npm run start',
      url: `${APP_URL}/healthz`,
      env: {
        PORT: String(APP_PORT),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        DEMO: '1',
        PUBLIC_URL: APP_URL,
        ...database,
        MAIL_DIR: '.data/e2e-mail',
        SMTP_URL,
        OUTBOX_POLL_MS: '500',
        LOG_LEVEL: 'warn',
      },
      reuseExistingServer: false,
      timeout: 60_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
  ],
})
