// Formats the demo logins the server seeded (sent over IPC when it starts in demo mode).
export function demoLogins(url, logins) {
  if (!logins?.length) return ['  Demo logins: none']
  const lines = [`  Demo logins (log in at ${url}/login):`, '']
  for (const login of logins) {
    lines.push(`  - ${login.role}`)
    if (login.email) lines.push(`      e-mail: ${login.email}   password: ${login.password}`)
    if (login.note) lines.push(`      ${login.note}`)
  }
  return lines
}
