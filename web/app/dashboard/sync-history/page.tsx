import type { Metadata } from 'next';
import Link from 'next/link';
import { getSyncHistory } from '@/app/lib/data';
import { Pagination, pageParam } from '@/app/ui/pagination';
import { SyncHistoryTable } from '@/app/ui/sync/sync-history-table';

export const metadata: Metadata = { title: 'Sync history — Vendly' };

export default async function SyncHistoryPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const page = pageParam((await searchParams).page);
  const data = await getSyncHistory(page);
  return (
    <>
      <h1>Sync history</h1>
      <p className="lead">Every time we read your Instagram posts: what we found, and how long it took.</p>
      {data.history.length === 0 ? (
        <section className="card empty-state">
          <h2>Nothing synced yet</h2>
          <p>Your first import appears here. It reads your posts and turns the products in them into drafts.</p>
          <Link className="button-link" href="/dashboard/import">
            Import from Instagram
          </Link>
        </section>
      ) : (
        <>
          <SyncHistoryTable history={data.history} />
          <Pagination paging={data.pagination} href={(p) => `/dashboard/sync-history${p > 1 ? `?page=${p}` : ''}`} label="History pages" />
        </>
      )}
    </>
  );
}
