import type { TFunction } from 'i18next'
import { layout, type RenderedEmail } from './layout.ts'

// Messages about a buddy match and the course (forløb). The volunteer's link is single use and
// answers the proposal; the citizen's goes to their own page. A concern goes to the referring
// caseworker.

export interface MatchProposalData {
  name: string
  organisation: string
  url: string
}

export function matchProposal(t: TFunction, data: MatchProposalData): RenderedEmail {
  return layout(t, {
    subject: t('emails.matchProposal.subject', { organisation: data.organisation }),
    name: data.name,
    paragraphs: [
      t('emails.matchProposal.body', { organisation: data.organisation }),
      t('emails.matchProposal.next'),
    ],
    link: { href: data.url, label: t('emails.matchProposal.action') },
  })
}

export interface MatchProposalCitizenData {
  name: string
  buddy: string
  organisation: string
  url: string
  /** The safety flag: say as little as possible. */
  discreet: boolean
}

export function matchProposalCitizen(t: TFunction, data: MatchProposalCitizenData): RenderedEmail {
  return layout(t, {
    subject: data.discreet
      ? t('emails.matchProposalCitizen.discreetSubject')
      : t('emails.matchProposalCitizen.subject', { organisation: data.organisation }),
    name: data.name,
    paragraphs: data.discreet
      ? [t('emails.matchProposalCitizen.discreetBody')]
      : [
          t('emails.matchProposalCitizen.body', {
            buddy: data.buddy,
            organisation: data.organisation,
          }),
          t('emails.matchProposalCitizen.next'),
        ],
    link: { href: data.url, label: t('emails.matchProposalCitizen.action') },
  })
}

export interface CourseStartedData {
  name: string
  organisation: string
  url: string
}

export function courseStarted(t: TFunction, data: CourseStartedData): RenderedEmail {
  return layout(t, {
    subject: t('emails.courseStarted.subject'),
    name: data.name,
    paragraphs: [t('emails.courseStarted.body', { organisation: data.organisation })],
    link: { href: data.url, label: t('emails.courseStarted.action') },
  })
}

export interface CourseConcernData {
  name: string
  citizen: string
  buddy: string
  organisation: string
  organisationPhone: string | null
  text: string
  url: string
}

export function courseConcern(t: TFunction, data: CourseConcernData): RenderedEmail {
  return layout(t, {
    subject: t('emails.courseConcern.subject', { organisation: data.organisation }),
    name: data.name,
    paragraphs: [
      t('emails.courseConcern.body', {
        citizen: data.citizen,
        buddy: data.buddy,
        organisation: data.organisation,
      }),
      `»${data.text}«`,
      data.organisationPhone
        ? t('emails.courseConcern.contact', {
            organisation: data.organisation,
            phone: data.organisationPhone,
          })
        : t('emails.courseConcern.contactNoPhone', { organisation: data.organisation }),
      t('emails.courseConcern.responsibility'),
    ],
  })
}
