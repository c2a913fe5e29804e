import { afterEach, describe, expect, it, vi } from 'vitest'
import { cachedPublic, clearPublicCache } from './public-cache.server'

afterEach(() => {
  clearPublicCache()
  vi.useRealTimers()
})

describe('the public answer cache', () => {
  it('answers again from memory within its time and asks again after it', async () => {
    vi.useFakeTimers({ toFake: ['performance'] })
    let calls = 0
    const compute = async () => ++calls
    expect(await cachedPublic('k', compute, 30)).toBe(1)
    vi.advanceTimersByTime(29_000)
    expect(await cachedPublic('k', compute, 30)).toBe(1)
    vi.advanceTimersByTime(2_000)
    expect(await cachedPublic('k', compute, 30)).toBe(2)
  })

  it('shares one computation between simultaneous identical requests', async () => {
    let calls = 0
    const compute = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 5))
    const answers = await Promise.all([1, 2, 3].map(() => cachedPublic('same', compute, 30)))
    expect(answers).toEqual([1, 1, 1])
    expect(calls).toBe(1)
  })

  it('keeps different questions apart and forgets everything when cleared', async () => {
    let calls = 0
    const compute = async () => ++calls
    expect(await cachedPublic('a', compute, 30)).toBe(1)
    expect(await cachedPublic('b', compute, 30)).toBe(2)
    clearPublicCache()
    expect(await cachedPublic('a', compute, 30)).toBe(3)
  })

  it('does not keep a failure', async () => {
    let calls = 0
    const failing = async () => {
      calls++
      throw new Error('database away')
    }
    await expect(cachedPublic('f', failing, 30)).rejects.toThrow('database away')
    await Promise.resolve()
    await expect(cachedPublic('f', failing, 30)).rejects.toThrow('database away')
    expect(calls).toBe(2)
  })

  it('computes every time when turned off', async () => {
    let calls = 0
    const compute = async () => ++calls
    await cachedPublic('off', compute, 0)
    await cachedPublic('off', compute, 0)
    expect(calls).toBe(2)
  })
})
