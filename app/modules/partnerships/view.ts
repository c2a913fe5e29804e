import type { Language } from '~/i18n/config'
import { formatDate } from '~/ui/format'
import type { OutreachInstitutionType } from '../../../db/schema.ts'
import { formatDay, formatShortDay } from './format'
import { formatKroner } from './money'
import type { CriterionStatus } from './progress'
import type { CriterionMeasure } from './schemas'

// What the partnership pages send to the browser: plain, already formatted values.

export interface CriterionItem {
  id: string
  description: string
  measure: CriterionMeasure
  value: number
  target: number
  percent: number
  status: CriterionStatus
  latestOn: string | null
  latestNote: string | null
}

export interface OutreachRow {
  id: string
  contactedOn: string
  institutionType: OutreachInstitutionType
  institution: string
  outcome: string | null
  loggedBy: string | null
  inPeriod: boolean
}

export function criterionItem(
  c: {
    id: string
    description: string
    measure: CriterionMeasure
    progress: { value: number; target: number; percent: number; status: CriterionStatus }
    latest: { note: string | null; recordedAt: Date } | null
  },
  lng: Language,
): CriterionItem {
  return {
    id: c.id,
    description: c.description,
    measure: c.measure,
    ...c.progress,
    latestOn: c.measure === 'manual' && c.latest ? formatDate(c.latest.recordedAt, lng) : null,
    latestNote: c.measure === 'manual' ? (c.latest?.note ?? null) : null,
  }
}

export function outreachRow(
  e: Omit<OutreachRow, 'contactedOn'> & { contactedOn: string },
  lng: Language,
): OutreachRow {
  return { ...e, contactedOn: formatShortDay(e.contactedOn, lng) }
}

export const periodText = (p: { periodStart: string; periodEnd: string }, lng: Language) =>
  `${formatDay(p.periodStart, lng)} – ${formatDay(p.periodEnd, lng)}`

/** The form's choices in the reader's language; other municipalities' organisations say whose. */
export function formOptionsView(
  options: {
    organisations: { id: string; name: string; homeMunicipality: string | null; own: boolean }[]
    targetGroups: { id: string; nameDa: string; nameEn: string }[]
    frameworks: {
      id: string
      name: string
      goals: { id: string; position: number; titleDa: string; titleEn: string }[]
    }[]
  },
  lng: Language,
) {
  return {
    organisations: options.organisations.map((o) => ({
      id: o.id,
      label: o.own || !o.homeMunicipality ? o.name : `${o.name} (${o.homeMunicipality})`,
    })),
    targetGroups: options.targetGroups.map((g) => ({
      id: g.id,
      label: lng === 'da' ? g.nameDa : g.nameEn,
    })),
    frameworks: options.frameworks.map((f) => ({
      id: f.id,
      name: f.name,
      goals: f.goals.map((g) => ({
        id: g.id,
        label: `${g.position}. ${lng === 'da' ? g.titleDa : g.titleEn}`,
      })),
    })),
  }
}

/** A saved partnership as the edit form's starting values. */
export function partnershipFormValues(
  p: {
    organisationId: string
    title: string
    poolYear: number
    amountOere: number
    periodStart: string
    periodEnd: string
    legalBasis: string
    purpose: string
    targetGroups: { id: string }[]
    goals: { id: string }[]
    criteria: { id: string; description: string; targetValue: number; measure: string }[]
  },
  lng: Language,
) {
  return {
    values: {
      organisationId: p.organisationId,
      title: p.title,
      poolYear: String(p.poolYear),
      amount: formatKroner(p.amountOere, lng),
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      legalBasis: p.legalBasis,
      purpose: p.purpose,
    } as Record<string, string>,
    checked: {
      targetGroupIds: p.targetGroups.map((g) => g.id),
      goalIds: p.goals.map((g) => g.id),
    },
    rows: p.criteria.map((c) => ({
      id: c.id,
      description: c.description,
      target: String(c.targetValue),
      measure: c.measure,
    })),
  }
}
