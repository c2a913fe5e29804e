// "Who has seen my information" (Hvem har set mine oplysninger): the page a read happened on,
// said in plain words. Paths are what recordAccess() stored; unknown paths fall back to "other".

export type AccessPlace =
  | 'caseRecord'
  | 'caseList'
  | 'caseConsent'
  | 'caseReferral'
  | 'accessCodes'
  | 'orgReferral'
  | 'orgOther'
  | 'other'

export function accessPlace(page: string | null): AccessPlace {
  if (!page) return 'other'
  if (page === '/case' || page === '/case/citizens') return 'caseList'
  if (page.startsWith('/case/access-codes')) return 'accessCodes'
  if (/^\/case\/citizens\/[^/]+\/consents/.test(page)) return 'caseConsent'
  if (page.startsWith('/case/citizens/')) return 'caseRecord'
  if (page.startsWith('/case/referrals')) return 'caseReferral'
  if (/^\/org\/[^/]+\/referrals\//.test(page)) return 'orgReferral'
  if (page.startsWith('/org/')) return 'orgOther'
  return 'other'
}
