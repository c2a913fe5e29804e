import { afterEach, describe, expect, it, vi } from 'vitest'
import { loader } from '~/routes/bench.ready'

// bench/run.js waits for this route before it measures anything (bench/README.md).
describe('/bench/ready', () => {
  afterEach(() => vi.unstubAllEnvs())

  it('does not exist unless the server runs for the benchmark', () => {
    vi.stubEnv('BENCH', undefined)
    expect(loader().status).toBe(404)
  })

  it('says "not yet" while the start-up jobs have not finished', () => {
    vi.stubEnv('BENCH', '1')
    const response = loader()
    expect(response.status).toBe(503)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
  })
})
