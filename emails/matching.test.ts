import { describe, expect, it } from 'vitest'
import { getFixedT } from '~/i18n/i18n.server'
import { courseConcern, matchProposal, matchProposalCitizen } from './matching.ts'

const da = getFixedT('da')
const en = getFixedT('en')

describe('matching e-mails', () => {
  it('ask the volunteer to answer through the link, naming only the organisation', () => {
    const url = 'https://brobygger.example.dk/volunteer/buddies/answer/abc_DEF-123'
    const mail = matchProposal(da, { name: 'Sofie', organisation: 'Café <Broen>', url })
    expect(mail.subject).toBe('Et forslag til dig som buddy fra Café <Broen>')
    expect(mail.text).toContain(url)
    expect(mail.html).toContain(`href="${url}"`)
    expect(mail.html).toContain('Café &lt;Broen&gt;')
    expect(matchProposal(en, { name: 'Sofie', organisation: 'X', url }).subject).toBe(
      'A buddy proposal for you from X',
    )
  })

  it('say as little as possible to a citizen with the safety flag', () => {
    const data = {
      name: 'Mona',
      buddy: 'Sara',
      organisation: 'Café Broen',
      url: 'https://x/me/buddy',
    }
    expect(matchProposalCitizen(da, { ...data, discreet: false }).text).toContain('Sara')
    const discreet = matchProposalCitizen(da, { ...data, discreet: true })
    expect(discreet.subject).toBe('Nyt på Brobygger')
    expect(discreet.text).not.toContain('Sara')
    expect(discreet.text).not.toContain('Café Broen')
  })

  it('bring the concern to the caseworker with the reminder about responsibility', () => {
    const mail = courseConcern(da, {
      name: 'Karin',
      citizen: 'Mikkel',
      buddy: 'Sofie',
      organisation: 'Café Broen',
      organisationPhone: '+45 33 44 55 66',
      text: 'Han virker meget alene.',
      url: 'https://x/account',
    })
    expect(mail.text).toContain('»Han virker meget alene.«')
    expect(mail.text).toContain('+45 33 44 55 66')
    expect(mail.text).toContain('112')
  })
})
