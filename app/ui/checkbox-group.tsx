import type { ReactNode } from 'react'
import { ChoicesFieldset } from './choices'

export interface CheckboxGroupProps {
  legend: ReactNode
  name: string
  options: { value: string; label: ReactNode; name?: string }[]
  checked: readonly string[]
  hint?: ReactNode
  className?: string
}

/**
 * Checkboxes with a shared legend and no validation (the catalogue's filters). An option may
 * carry its own `name` for independent yes/no flags that share one legend.
 */
export function CheckboxGroup({ checked, ...props }: CheckboxGroupProps) {
  return <ChoicesFieldset type="checkbox" isChecked={(v) => checked.includes(v)} {...props} />
}
