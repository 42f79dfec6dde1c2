import Link from 'next/link';
import type { Me } from '@/app/lib/definitions';
import { formatMoney } from '@/app/lib/money';
import { StatusBadge } from '@/app/ui/integrations/status-badge';

// The dashboard's first screen: where the store stands and what to do next. `pendingDrafts` is null
// when the count could not be read (the links still work).
export function Overview({ me, pendingDrafts }: { me: Me; pendingDrafts: number | null }) {
  const ig = me.instagram;
  return (
    <div className="stack">
      {ig.connected ? (
        <section className="card" aria-labelledby="catalog-heading">
          <h2 id="catalog-heading">Catalog</h2>
          <p data-testid="pending-drafts">
            {pendingDrafts === null
              ? 'Products found in your posts wait in Drafts for your review.'
              : pendingDrafts === 0
                ? 'No drafts are waiting. Import your posts to find products in them.'
                : `${pendingDrafts} draft${pendingDrafts === 1 ? ' is' : 's are'} waiting for your review.`}
          </p>
          <div className="actions">
            {pendingDrafts ? (
              <Link className="button-link" href="/dashboard/products/drafts">
                Review drafts
              </Link>
            ) : null}
            <Link className={`button-link${pendingDrafts ? ' secondary' : ''}`} href="/dashboard/import">
              Import from Instagram
            </Link>
            <Link className="button-link secondary" href="/dashboard/products">
              See products
            </Link>
          </div>
        </section>
      ) : null}
      <section className="card" aria-labelledby="ig-heading">
        <div className="card-head">
          <h2 id="ig-heading">Instagram</h2>
          {ig.connected && ig.status ? <StatusBadge status={ig.status} /> : null}
        </div>
        {ig.connected ? (
          <p>
            Connected as <strong>@{ig.igUsername}</strong>.{' '}
            {ig.status === 'expired' ? 'Instagram stopped accepting our access: reconnect to keep your catalog in sync.' : null}
          </p>
        ) : (
          <p>Connect your Instagram professional account to turn your posts into products.</p>
        )}
        <Link className="button-link" href="/dashboard/settings/integrations">
          {!ig.connected ? 'Connect Instagram' : ig.status === 'expired' ? 'Reconnect Instagram' : 'Manage connection'}
        </Link>
      </section>
      <section className="card" aria-labelledby="store-heading">
        <h2 id="store-heading">Store</h2>
        <dl className="facts">
          <dt>Currency</dt>
          <dd>
            {me.store.currency} <span className="muted">(prices show as {formatMoney(2500, me.store.currency)})</span>
          </dd>
          <dt>Auto-approve</dt>
          <dd>
            {me.store.autoApprove
              ? `On, for drafts at least ${Math.round(me.store.autoApproveThreshold * 100)}% confident`
              : 'Off: every draft waits for your review'}
          </dd>
        </dl>
        <Link className="button-link secondary" href="/dashboard/settings">
          Edit settings
        </Link>
      </section>
    </div>
  );
}
