// A real SMTP server on loopback for the browser tests: it accepts every message the app sends
// and shows what arrived as JSON, so a test can read its e-mail back.
//   SMTP:  127.0.0.1:$SMTP_SINK_PORT (default 2526), no TLS, no authentication needed
//   HTTP:  127.0.0.1:$SMTP_SINK_HTTP_PORT (default 2527)
//          GET /messages    → [{ to, subject, text, html, messageId, date }] oldest first
//          DELETE /messages → forget everything received so far
import http from 'node:http'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

const HOST = '127.0.0.1'
const SMTP_PORT = Number(process.env.SMTP_SINK_PORT ?? 2526)
const HTTP_PORT = Number(process.env.SMTP_SINK_HTTP_PORT ?? 2527)

/** @type {{ to: string[], subject: string, text: string, html: string, messageId: string, date: string }[]} */
let messages = []

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 5 * 1024 * 1024,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        messages.push({
          // The envelope says who the message was really delivered to (Bcc included).
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          html: typeof mail.html === 'string' ? mail.html : '',
          messageId: mail.messageId ?? '',
          date: (mail.date ?? new Date()).toISOString(),
        })
        callback()
      })
      .catch((error) => callback(error))
  },
})
smtp.on('error', (error) => console.error('smtp-sink:', error.message))

const web = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${HOST}`)
  if (url.pathname !== '/messages') {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found')
    return
  }
  if (req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
    res.end(JSON.stringify(messages))
    return
  }
  if (req.method === 'DELETE') {
    messages = []
    res.writeHead(204).end()
    return
  }
  res.writeHead(405, { Allow: 'GET, DELETE' }).end()
})

await new Promise((resolve) => smtp.listen(SMTP_PORT, HOST, resolve))
await new Promise((resolve) => web.listen(HTTP_PORT, HOST, resolve))
console.log(
  `smtp-sink: SMTP on ${HOST}:${SMTP_PORT}, messages at http://${HOST}:${HTTP_PORT}/messages`,
)

function stop() {
  web.close()
  web.closeAllConnections()
  smtp.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 1_000).unref()
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
