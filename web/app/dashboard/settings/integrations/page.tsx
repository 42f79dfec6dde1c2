import type { Metadata } from 'next';
import { getConnection, getProducts, getSyncHistory } from '@/app/lib/data';
import { DropMetaFragment } from '@/app/ui/integrations/drop-meta-fragment';
import { CallbackNotice } from '@/app/ui/integrations/callback-notice';
import { InstagramPanel, type SyncFacts } from '@/app/ui/integrations/instagram-panel';

export const metadata: Metadata = { title: 'Integrations — Vendly' };

type Search = { connected?: string; error?: string; disconnected?: string };

export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [params, connection] = await Promise.all([searchParams, getConnection()]);
  const facts = connection.connected ? await syncFacts() : null;
  return (
    <>
      <DropMetaFragment />
      <h1>Integrations</h1>
      <CallbackNotice connected={params.connected === '1'} error={params.error} disconnected={params.disconnected === '1' || params.disconnected === 'kept'} metaKept={params.disconnected === 'kept'} />
      <InstagramPanel data={connection} facts={facts} />
    </>
  );
}

// The newest sync and the catalog's size; either may fail without taking the page down.
async function syncFacts(): Promise<SyncFacts> {
  const [history, products] = await Promise.all([getSyncHistory(1, 1).catch(() => null), getProducts('', 'active', 1, 1).catch(() => null)]);
  if (!history && !products) return null;
  const newest = history?.history[0];
  return {
    lastSyncedAt: newest ? (newest.completedAt ?? newest.startedAt) : null,
    productsImported: products ? products.pagination.total : null,
  };
}
