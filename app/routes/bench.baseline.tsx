// The load benchmark's floor (bench/run.js): Express, the security headers and Remix's request
// handler, with no database, no React render and no root loader (a resource route skips it).
// Every other route's figures are read as a ratio to this one. Off unless BENCH=1.
const page = `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><title>Brobygger – benchmark baseline</title></head>
<body><main><h1>Baseline</h1><p>En fast side uden database.</p></main></body>
</html>
`

export function loader() {
  if (process.env.BENCH !== '1')
    return new Response('Not Found', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  return new Response(page, {
    status: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}
