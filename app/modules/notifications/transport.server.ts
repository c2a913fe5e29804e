import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import nodemailer from 'nodemailer'

export interface OutgoingMail {
  messageId: string
  from: string
  to: string | { name: string; address: string }
  subject: string
  text: string
  html?: string
  language: string
  outboxId: string
}

export interface MailTransport {
  kind: 'smtp' | 'file'
  send(mail: OutgoingMail): Promise<void>
  close(): void
}

function toMessage(mail: OutgoingMail) {
  return {
    messageId: mail.messageId,
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: { 'Content-Language': mail.language, 'Auto-Submitted': 'auto-generated' },
  }
}

export function smtpTransport(url: string): MailTransport {
  // No pooling: each delivery opens its own connection, so a server that went away and came
  // back is simply reached again on the next attempt.
  const transporter = nodemailer.createTransport(url, {})
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail(toMessage(mail))
    },
    close: () => transporter.close(),
  }
}

/** Development and demo: each message becomes an .eml file that /dev/mail lists. */
export function fileTransport(dir: string): MailTransport {
  const builder = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  })
  return {
    kind: 'file',
    async send(mail) {
      const info = await builder.sendMail(toMessage(mail))
      await mkdir(dir, { recursive: true })
      const stamp = new Date().toISOString().replaceAll(':', '-')
      await writeFile(path.join(dir, `${stamp}_${mail.outboxId}.eml`), info.message as Buffer)
    },
    close: () => builder.close(),
  }
}

export function createTransport(options: { smtpUrl?: string; mailDir: string }): MailTransport {
  return options.smtpUrl ? smtpTransport(options.smtpUrl) : fileTransport(options.mailDir)
}
