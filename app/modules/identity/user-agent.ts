// A short, recognisable name for a device ("Firefox", "Android") from its User-Agent header, so a
// person can tell their sessions apart. Brand names are not translated.

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bCriOS\/|\bChrome\/|\bChromium\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
]

const SYSTEMS: [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMacintosh\b|\bMac OS X\b/, 'Mac'],
  [/\bLinux\b/, 'Linux'],
]

export interface DeviceName {
  browser: string | null
  system: string | null
}

export function describeUserAgent(userAgent: string | null | undefined): DeviceName {
  const ua = userAgent ?? ''
  return {
    browser: BROWSERS.find(([pattern]) => pattern.test(ua))?.[1] ?? null,
    system: SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? null,
  }
}

/** "Firefox, Windows" — for labels stored with a device's PIN. */
export function deviceLabel(userAgent: string | null | undefined): string | null {
  const { browser, system } = describeUserAgent(userAgent)
  return [browser, system].filter(Boolean).join(', ') || null
}
