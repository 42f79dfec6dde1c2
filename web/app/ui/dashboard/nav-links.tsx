'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

// The dashboard's screens; Conflicts (US-5) carries the number of open ones.
const LINKS = [
  { href: '/dashboard', label: 'Overview' },
  { href: '/dashboard/import', label: 'Import' },
  { href: '/dashboard/products/drafts', label: 'Drafts' },
  { href: '/dashboard/products', label: 'Products' },
  { href: '/dashboard/products/conflicts', label: 'Conflicts' },
  { href: '/dashboard/sync-history', label: 'History' },
  { href: '/dashboard/settings/integrations', label: 'Integrations' },
  { href: '/dashboard/settings', label: 'Settings' },
  { href: '/try', label: 'Extractor' },
];

export function NavLinks({ openConflicts }: { openConflicts: number | null }) {
  const pathname = usePathname();
  return (
    <nav className="tabs" aria-label="Dashboard">
      {LINKS.map((l) => (
        <Link key={l.href} href={l.href} className="tab" aria-current={pathname === l.href ? 'page' : undefined}>
          {l.label}
          {l.href === '/dashboard/products/conflicts' && openConflicts ? (
            <span className="tab-count" data-testid="conflict-count">
              <span className="sr-only">, </span>
              {openConflicts}
              <span className="sr-only"> open</span>
            </span>
          ) : null}
        </Link>
      ))}
    </nav>
  );
}
