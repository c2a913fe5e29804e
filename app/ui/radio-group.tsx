import type { ReactNode } from 'react'
import { ChoicesFieldset } from './choices'

export interface RadioGroupProps {
  legend: ReactNode
  name: string
  options: { value: string; label: ReactNode; hint?: ReactNode }[]
  defaultValue?: string | null
  hint?: ReactNode
  /** Already translated error messages for this group. */
  errors?: string[]
}

/** One choice among several, as radios in a fieldset (see ChoicesFieldset). */
export function RadioGroup({ defaultValue, ...props }: RadioGroupProps) {
  return <ChoicesFieldset type="radio" isChecked={(v) => v === defaultValue} {...props} />
}
