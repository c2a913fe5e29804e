import { Link } from '@remix-run/react'

/** Previous/next links for a paged list; nothing when there is only one page. */
export function Pagination({
  label,
  previous,
  next,
}: {
  label: string
  previous: { href: string | null; text: string }
  next: { href: string | null; text: string }
}) {
  if (!previous.href && !next.href) return null
  return (
    <nav aria-label={label} className="pagination">
      <ul>
        {previous.href ? (
          <li>
            <Link to={previous.href} rel="prev">
              {previous.text}
            </Link>
          </li>
        ) : null}
        {next.href ? (
          <li>
            <Link to={next.href} rel="next">
              {next.text}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}
