import type { TFunction } from 'i18next'

export interface RenderedEmail {
  subject: string
  text: string
  html: string
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

/** Wraps paragraphs (plain text) in the shared greeting, signature and footer. */
export function layout(
  t: TFunction,
  input: {
    subject: string
    name?: string | null
    paragraphs: string[]
    link?: { href: string; label: string }
  },
): RenderedEmail {
  const greeting = input.name
    ? t('emails.layout.greeting', { name: input.name })
    : t('emails.layout.greetingNoName')
  const signature = t('emails.layout.signature')
  const footer = t('emails.layout.footer')
  const textParts = [
    `${greeting},`,
    ...input.paragraphs,
    ...(input.link ? [`${input.link.label}:\n${input.link.href}`] : []),
    signature,
    '--',
    footer,
  ]
  const p = 'margin:0 0 16px 0;font-size:16px;line-height:1.5;color:#1a1a1a'
  const html = [
    `<!doctype html><html lang="${escapeHtml(t('emails.layout.lang'))}"><body style="margin:0;padding:24px;background:#ffffff;font-family:Arial,Helvetica,sans-serif">`,
    '<div style="max-width:560px;margin:0 auto">',
    `<p style="${p}">${escapeHtml(greeting)},</p>`,
    ...input.paragraphs.map((para) => `<p style="${p}">${escapeHtml(para)}</p>`),
    input.link
      ? `<p style="${p}"><a href="${escapeHtml(input.link.href)}" style="color:#0b4f8a;font-weight:bold">${escapeHtml(input.link.label)}</a></p>`
      : '',
    `<p style="${p};white-space:pre-line">${escapeHtml(signature)}</p>`,
    `<p style="margin:24px 0 0 0;font-size:13px;color:#555555">${escapeHtml(footer)}</p>`,
    '</div></body></html>',
  ].join('')
  return { subject: input.subject, text: textParts.join('\n\n') + '\n', html }
}
