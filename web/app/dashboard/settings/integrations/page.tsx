import type { Metadata } from 'next';
import { getConnection } from '@/app/lib/data';
import { DropMetaFragment } from '@/app/ui/integrations/drop-meta-fragment';
import { CallbackNotice } from '@/app/ui/integrations/callback-notice';
import { InstagramPanel } from '@/app/ui/integrations/instagram-panel';

export const metadata: Metadata = { title: 'Integrations — Vendly' };

type Search = { connected?: string; error?: string; disconnected?: string };

export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [params, connection] = await Promise.all([searchParams, getConnection()]);
  return (
    <>
      <DropMetaFragment />
      <h1>Integrations</h1>
      <CallbackNotice connected={params.connected === '1'} error={params.error} disconnected={params.disconnected === '1'} />
      <InstagramPanel data={connection} />
    </>
  );
}
