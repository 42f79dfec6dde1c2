import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { DRAFTS } from '@/app/lib/constants';
import { getDrafts, getMe } from '@/app/lib/data';
import { DraftFilters, draftsHref, isDraftFilter } from '@/app/ui/drafts/draft-filters';
import { DraftGrid } from '@/app/ui/drafts/draft-grid';
import { Pagination, pageParam } from '@/app/ui/pagination';

export const metadata: Metadata = { title: 'Drafts — Vendly' };

type Search = { filter?: string; page?: string };

const EMPTY: Record<string, string> = {
  high: 'No high-confidence drafts are waiting.',
  low: 'No low-confidence drafts are waiting.',
  expiring: `No drafts expire in the next ${DRAFTS.expiringSoonHours} hours.`,
};

// The plan's 6.3: pending drafts, filtered, approved one by one or in a batch, edited, rejected.
export default async function DraftsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const filter = isDraftFilter(params.filter) ? params.filter : 'all';
  const page = pageParam(params.page);
  const [me, data] = await Promise.all([getMe(), getDrafts(filter, page)]);
  // The last drafts of a later page were approved or rejected: show the last page that has some.
  if (data.drafts.length === 0 && page > 1) redirect(draftsHref(filter, data.pagination.pages));
  return (
    <>
      <h1>Pending drafts ({data.counts.all})</h1>
      <p className="lead">Products read from your Instagram posts. Check them, then approve them into your catalog.</p>
      <DraftFilters active={filter} counts={data.counts} />
      {data.drafts.length === 0 ? (
        <section className="card empty-state">
          {filter === 'all' ? (
            <>
              <h2>No drafts waiting for you</h2>
              <p>Import your Instagram posts: each product we find becomes a draft here for you to check.</p>
              <Link className="button-link" href="/dashboard/import">
                Import from Instagram
              </Link>{' '}
              <Link className="button-link secondary" href="/dashboard/products">
                See your products
              </Link>
            </>
          ) : (
            <>
              <h2>{EMPTY[filter]}</h2>
              <Link href={draftsHref('all')}>Show all drafts</Link>
            </>
          )}
        </section>
      ) : (
        <>
          <DraftGrid key={`${filter}-${page}`} drafts={data.drafts} storeCurrency={me.store.currency} variant="drafts" paged={data.pagination.pages > 1} />
          <Pagination paging={data.pagination} href={(p) => draftsHref(filter, p)} label="Draft pages" />
        </>
      )}
    </>
  );
}
