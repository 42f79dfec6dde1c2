'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

// The dashboard's screens so far. Later screens (products, drafts, notifications) join this list.
const LINKS = [
  { href: '/dashboard', label: 'Overview' },
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
