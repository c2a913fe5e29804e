import { useEffect, useState } from 'react'

/** A print button where JavaScript runs; without it the browser's own print works the same. */
export function PrintButton({ label }: { label: string }) {
  const [ready, setReady] = useState(false)
  useEffect(() => setReady(true), [])
  if (!ready) return null
  return (
    <button
      type="button"
      className="button button--secondary button--large"
      onClick={() => window.print()}
    >
      {label}
    </button>
  )
}
