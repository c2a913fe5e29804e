const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const
type Level = keyof typeof levels

/** One JSON line per event on stdout; never pass personal data in `fields`. */
export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const threshold = levels[(process.env.LOG_LEVEL as Level) ?? 'info'] ?? levels.info
  if (levels[level] < threshold || process.env.NODE_ENV === 'test') return
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })
  if (level === 'error' || level === 'warn') console.error(line)
  else console.log(line)
}
