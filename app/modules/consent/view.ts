import type { Language } from '~/i18n/config'
import { formatDate, formatDateTime } from '~/ui/format'
import type { ReceiptData } from '~/ui/consent-receipt'
import type { ConsentView } from './consents.server'

/** A consent as the receipt shows it, with its dates written out in the reader's language. */
export function receiptData(c: ConsentView, lng: Language): ReceiptData {
  return {
    id: c.id,
    citizenName: c.citizenName,
    municipalityName: c.municipalityName,
    purpose: c.purpose,
    categories: c.categories,
    recipients: c.recipients.map((r) => r.name),
    wordingVersion: c.wordingVersion,
    channel: c.channel,
    assistedBy: c.channel === 'digital' ? null : c.assistedBy,
    recordedBy: c.recordedBy,
    givenAt: formatDateTime(c.givenAt, lng),
    expiresAt: formatDate(c.expiresAt, lng),
    withdrawnAt: c.withdrawnAt ? formatDateTime(c.withdrawnAt, lng) : null,
    withdrawnBy: c.withdrawnBy,
    status: c.status,
  }
}
