import Link from 'next/link';
import type { Pagination as Paging } from '@/app/lib/definitions';

// Previous / next links of a paged list; `href(page)` builds each page's address (filters kept).
export function Pagination({ paging, href, label }: { paging: Paging; href: (page: number) => string; label: string }) {
  if (paging.pages <= 1) return null;
  const { page, pages } = paging;
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
      <span className="muted small">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link href={href(page + 1)} rel="next">
          Next →
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
    </nav>
  );
}

// A positive page number from the address, 1 when it is missing or not one.
export function pageParam(raw: string | undefined): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}
