'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { browserGet } from '@/app/lib/browser-api';
import type { ConflictsResponse } from '@/app/lib/definitions';
import { CONFLICTS_STALE } from '@/app/lib/events';

const CONFLICTS = '/dashboard/products/conflicts';

// The dashboard's screens; Conflicts (US-5) carries the number of open ones.
const LINKS = [
  { href: '/dashboard', label: 'Overview' },
  { href: '/dashboard/import', label: 'Import' },
  { href: '/dashboard/products/drafts', label: 'Drafts' },
  { href: '/dashboard/products', label: 'Products' },
  { href: CONFLICTS, label: 'Conflicts' },
  { href: '/dashboard/sync-history', label: 'History' },
  { href: '/dashboard/settings/integrations', label: 'Integrations' },
  { href: '/dashboard/settings', label: 'Settings' },
  { href: '/try', label: 'Extractor' },
];

// The open conflicts, read from the browser on each screen change and when a conflict is resolved (the
// layout holding the navigation is not rendered again when the seller moves between screens).
function useOpenConflicts(pathname: string): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    const read = () =>
      browserGet<ConflictsResponse>('/api/sync/conflicts', ctl.signal).then(
        (r) => setCount(r.total),
        () => undefined, // the link still shows without its count
      );
    void read();
    window.addEventListener(CONFLICTS_STALE, read);
    return () => {
      ctl.abort();
      window.removeEventListener(CONFLICTS_STALE, read);
    };
  }, [pathname]);
  return count;
}

export function NavLinks() {
  const pathname = usePathname();
  const openConflicts = useOpenConflicts(pathname);
  return (
    <nav className="tabs" aria-label="Dashboard">
      {LINKS.map((l) => (
        <Link
          key={l.href}
          href={l.href}
          className="tab"
          aria-current={pathname === l.href ? 'page' : undefined}
          aria-label={l.href === CONFLICTS && openConflicts ? `${l.label}, ${openConflicts} open` : undefined}
        >
          {l.label}
          {l.href === CONFLICTS && openConflicts ? (
            <span className="tab-count" aria-hidden="true" data-testid="conflict-count">
              {openConflicts}
            </span>
          ) : null}
        </Link>
      ))}
    </nav>
  );
}
