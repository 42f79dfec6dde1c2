import type { Metadata } from 'next';
import Link from 'next/link';
import { getMe } from '@/app/lib/data';
import { ScanOptionsForm } from '@/app/ui/import/scan-options';
import { ScanReview } from '@/app/ui/import/scan-review';

export const metadata: Metadata = { title: 'Import — Vendly' };

// The plan's bulk import (6.2): options and Start Scan; with ?scan=<id>, that scan's progress and then
// its review grid (the address survives a reload and is what notifications link to).
export default async function ImportPage({ searchParams }: { searchParams: Promise<{ scan?: string }> }) {
  const [{ scan }, me] = await Promise.all([searchParams, getMe()]);
  const ig = me.instagram;
  return (
    <>
      <h1>Import from Instagram</h1>
      {scan ? (
        <ScanReview key={scan} scanId={scan} storeCurrency={me.store.currency} />
      ) : !ig.connected ? (
        <section className="card empty-state">
          <h2>Connect Instagram first</h2>
          <p>Importing reads the posts of your Instagram professional account. Connect it, then come back here.</p>
          <Link className="button-link" href="/dashboard/settings/integrations">
            Connect Instagram
          </Link>
        </section>
      ) : ig.status === 'expired' ? (
        <section className="card notice-warn empty-state" role="alert">
          <h2>Reconnect Instagram to import</h2>
          <p>Instagram stopped accepting our access. Reconnect your account, then start the scan.</p>
          <Link className="button-link" href="/dashboard/settings/integrations">
            Reconnect Instagram
          </Link>
        </section>
      ) : (
        <ScanOptionsForm username={ig.igUsername ?? ''} />
      )}
    </>
  );
}
