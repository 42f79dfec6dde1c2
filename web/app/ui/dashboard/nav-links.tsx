'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

// The dashboard's screens. (Sync conflicts, US-5, join when the sync work brings them.)
const LINKS = [
  { href: '/dashboard', label: 'Overview' },
  { href: '/dashboard/import', label: 'Import' },
  { href: '/dashboard/products/drafts', label: 'Drafts' },
  { href: '/dashboard/products', label: 'Products' },
  { href: '/dashboard/sync-history', label: 'History' },
  { href: '/dashboard/settings/integrations', label: 'Integrations' },
  { href: '/dashboard/settings', label: 'Settings' },
  { href: '/try', label: 'Extractor' },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav className="tabs" aria-label="Dashboard">
      {LINKS.map((l) => (
        <Link key={l.href} href={l.href} className="tab" aria-current={pathname === l.href ? 'page' : undefined}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
