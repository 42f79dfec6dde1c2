import Link from 'next/link';
import { logout } from '@/app/lib/actions';
import type { Me } from '@/app/lib/definitions';
import { NotificationBell } from '@/app/ui/dashboard/notification-bell';
import { SubmitButton } from '@/app/ui/submit-button';

// The dashboard's header: whose store this is, its notifications, and the way out.
export function TopBar({ me }: { me: Me }) {
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link href="/dashboard" className="brand" aria-label="Vendly dashboard home">
          Vendly
        </Link>
        <div className="store-id">
          <span className="store-name" data-testid="store-name">
            {me.store.name}
          </span>
          <span className="muted small store-email">{me.seller.email}</span>
        </div>
        <NotificationBell />
        <form action={logout}>
          <SubmitButton className="secondary small-button" pendingLabel="Signing out…">
            Sign out
          </SubmitButton>
        </form>
      </div>
    </header>
  );
}
