import { describe, expect, it } from 'vitest'
import {
  AVAILABILITY_BITS,
  availabilityBit,
  cellOf,
  fromAvailability,
  isAvailable,
  sharedSlots,
  toAvailability,
} from './vocab'

describe('the availability grid', () => {
  it('numbers the cells day by day: Monday morning is 0, Sunday evening is 20', () => {
    expect(availabilityBit(0, 0)).toBe(0)
    expect(availabilityBit(0, 2)).toBe(2)
    expect(availabilityBit(1, 0)).toBe(3)
    expect(availabilityBit(6, 2)).toBe(20)
    expect(AVAILABILITY_BITS).toBe(21)
    expect(cellOf(7)).toEqual({ day: 2, slot: 1 })
  })

  it('fits the largest mask inside the column check (below 2^21)', () => {
    const all = toAvailability(Array.from({ length: 21 }, (_, i) => i))
    expect(all).toBe(2 ** 21 - 1)
  })

  it('round-trips a set of cells and ignores anything outside the grid', () => {
    const mask = toAvailability([0, 4, 20, 21, -1, 2.5])
    expect(fromAvailability(mask)).toEqual([0, 4, 20])
    expect(isAvailable(mask, 1, 1)).toBe(true)
    expect(isAvailable(mask, 1, 2)).toBe(false)
  })

  it('counts the parts of the week two people share', () => {
    expect(sharedSlots(toAvailability([1, 2, 3]), toAvailability([2, 3, 9]))).toBe(2)
    expect(sharedSlots(0, toAvailability([1]))).toBe(0)
  })
})
