import Link from 'next/link';
import type { DraftCounts } from '@/app/lib/definitions';
import type { DraftFilter } from '@/app/lib/data';

const FILTERS: { key: DraftFilter; label: string }[] = [
  { key: 'all', label: 'All' },
  { key: 'high', label: 'High confidence' },
  { key: 'low', label: 'Low confidence' },
  { key: 'expiring', label: 'Expiring' },
];

export function isDraftFilter(x: string | undefined): x is DraftFilter {
  return FILTERS.some((f) => f.key === x);
}

export function draftsHref(filter: DraftFilter, page = 1): string {
  const q = new URLSearchParams();
  if (filter !== 'all') q.set('filter', filter);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return `/dashboard/products/drafts${s ? `?${s}` : ''}`;
}

// The plan's filters (6.3) with how many pending drafts each holds.
export function DraftFilters({ active, counts }: { active: DraftFilter; counts: DraftCounts }) {
  return (
    <nav className="filters" aria-label="Filter drafts">
      {FILTERS.map((f) => (
        <Link key={f.key} href={draftsHref(f.key)} className="filter" aria-current={f.key === active ? 'page' : undefined}>
          {f.label} <span className="count">{counts[f.key]}</span>
        </Link>
      ))}
    </nav>
  );
}
