import Link from 'next/link';
import type { ConnectionResponse } from '@/app/lib/definitions';
import { exactTime, timeAgo } from '@/app/lib/time';
import { CheckForm } from '@/app/ui/integrations/check-form';
import { ConnectForm } from '@/app/ui/integrations/connect-form';
import { DisconnectForm } from '@/app/ui/integrations/disconnect-form';
import { StatusBadge } from '@/app/ui/integrations/status-badge';
import { SyncNowButton } from '@/app/ui/integrations/sync-now-button';

// What the card says about the catalog: the newest sync (GET /api/instagram/sync-history) and the
// products in the store (GET /api/products); null when it could not be read.
export type SyncFacts = { lastSyncedAt: string | null; productsImported: number | null } | null;

// The plan's 6.1: connect when there is no connection; the account, its health and Disconnect when
// there is one; Scan for new products (the import, 6.2); Reconnect when Meta stopped accepting the token.
// Last synced, products imported, and Check for new posts now (a poll at once).
export function InstagramPanel({ data, facts = null }: { data: ConnectionResponse; facts?: SyncFacts }) {
  if (!data.connected) return <NotConnected />;
  const c = data.connection;
  const expired = c.status === 'expired';
  return (
    <section className="card" aria-labelledby="ig-heading" data-testid="instagram-connection">
      <div className="card-head">
        <h2 id="ig-heading">Instagram</h2>
        <StatusBadge status={c.status} />
      </div>
      {expired ? (
        <div className="notice notice-warn" role="alert">
          <strong>Reconnect Instagram</strong>
          <p>{c.errorMessage || 'Instagram stopped accepting our access. Reconnect to keep your catalog in sync.'}</p>
          <p className="small">Your catalog is not updated until you reconnect.</p>
        </div>
      ) : c.status === 'error' && c.errorMessage ? (
        <div className="notice notice-warn" role="alert">
          <strong>The connection needs attention</strong>
          <p>{c.errorMessage}</p>
        </div>
      ) : c.loginReminder ? (
        <div className="notice" role="note" data-testid="login-reminder">
          <strong>{c.loginReminder.lapsed ? 'Facebook sign-in lapsed (syncing goes on)' : 'Facebook sign-in getting old'}</strong>
          <p>{c.loginReminder.message}</p>
        </div>
      ) : null}
      <dl className="facts">
        <dt>Account</dt>
        <dd>
          <strong data-testid="ig-username">@{c.igUsername}</strong>
        </dd>
        {c.fbPageName ? (
          <>
            <dt>Facebook Page</dt>
            <dd>{c.fbPageName}</dd>
          </>
        ) : null}
        <dt>Account ID</dt>
        <dd className="mono">{c.igBusinessAccountId}</dd>
        <dt>Last verified</dt>
        <dd>{c.lastValidatedAt ? <time dateTime={c.lastValidatedAt} title={exactTime(c.lastValidatedAt)}>{timeAgo(c.lastValidatedAt)}</time> : 'Never'}</dd>
        <dt>Notifications</dt>
        <dd>{c.webhookSubscribed ? 'Subscribed to comments and mentions' : 'Not subscribed'}</dd>
        <dt>Last synced</dt>
        <dd data-testid="last-synced">
          {facts?.lastSyncedAt ? (
            <time dateTime={facts.lastSyncedAt} title={exactTime(facts.lastSyncedAt)}>
              {timeAgo(facts.lastSyncedAt)}
            </time>
          ) : facts ? (
            'Not yet'
          ) : (
            '—'
          )}
        </dd>
        <dt>Products imported</dt>
        <dd data-testid="products-imported">
          {facts?.productsImported ?? '—'}
          {facts?.productsImported ? (
            <>
              {' '}
              <Link href="/dashboard/products" className="small">
                See products
              </Link>
            </>
          ) : null}
        </dd>
      </dl>
      <div className="actions">
        {expired ? null : (
          <Link className="button-link" href="/dashboard/import">
            Scan for new products
          </Link>
        )}
        {expired ? <ConnectForm label="Reconnect Instagram" /> : <CheckForm />}
        {!expired && c.loginReminder ? <ConnectForm label="Sign in with Facebook again" /> : null}
        {expired ? null : <SyncNowButton />}
        <DisconnectForm username={c.igUsername} />
      </div>
    </section>
  );
}

function NotConnected() {
  return (
    <section className="card" aria-labelledby="ig-heading" data-testid="instagram-connect">
      <div className="card-head">
        <h2 id="ig-heading">Instagram</h2>
        <span className="badge badge-muted">Not connected</span>
      </div>
      <p>Connect your Instagram professional account to import your products automatically.</p>
      <ul className="benefits">
        <li>Import products from your posts in minutes</li>
        <li>New posts become product drafts automatically</li>
        <li>Prices, sizes and colours read from your captions</li>
      </ul>
      <p className="muted small">
        You sign in with Facebook and choose the Page linked to your Instagram account. We only read your posts; we never
        post for you.
      </p>
      <ConnectForm label="Connect Instagram account" />
    </section>
  );
}
