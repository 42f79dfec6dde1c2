import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getProducts } from '@/app/lib/data';
import { Pagination, pageParam } from '@/app/ui/pagination';
import { isProductStatus, ProductFilters } from '@/app/ui/products/product-filters';
import { ProductList } from '@/app/ui/products/product-list';

export const metadata: Metadata = { title: 'Products — Vendly' };

type Search = { q?: string; status?: string; page?: string };

function productsHref(q: string, status: string, page: number): string {
  const s = new URLSearchParams();
  if (q) s.set('q', q);
  if (status !== 'active') s.set('status', status);
  if (page > 1) s.set('page', String(page));
  const t = s.toString();
  return `/dashboard/products${t ? `?${t}` : ''}`;
}

// The catalog: every approved product, searchable by name.
export default async function ProductsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const q = (params.q ?? '').trim();
  const status = isProductStatus(params.status) ? params.status : 'active';
  const page = pageParam(params.page);
  const data = await getProducts(q, status, page);
  if (data.products.length === 0 && page > 1) redirect(productsHref(q, status, data.pagination.pages));
  const filtered = q !== '' || status !== 'active';
  return (
    <>
      <h1>Products ({data.pagination.total})</h1>
      <p className="lead">Your catalog. Products arrive here when you approve their drafts.</p>
      <ProductFilters q={q} status={status} />
      {data.products.length === 0 ? (
        <section className="card empty-state">
          {filtered ? (
            <>
              <h2>No products match</h2>
              <p>{q ? `Nothing is called “${q}”${status !== 'all' ? ` among ${status} products` : ''}.` : `No ${status} products.`}</p>
              <Link href="/dashboard/products">Show all active products</Link>
            </>
          ) : (
            <>
              <h2>Your catalog is empty</h2>
              <p>Approve drafts to publish them here, or import your Instagram posts to create drafts.</p>
              <Link className="button-link" href="/dashboard/products/drafts">
                Review drafts
              </Link>{' '}
              <Link className="button-link secondary" href="/dashboard/import">
                Import from Instagram
              </Link>
            </>
          )}
        </section>
      ) : (
        <>
          <ProductList products={data.products} />
          <Pagination paging={data.pagination} href={(p) => productsHref(q, status, p)} label="Product pages" />
        </>
      )}
    </>
  );
}
