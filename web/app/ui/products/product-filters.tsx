import type { ProductStatusFilter } from '@/app/lib/data';

// Search by name and filter by status: a plain GET form, so the address holds the filters and the
// browser's back button works.
export function ProductFilters({ q, status }: { q: string; status: ProductStatusFilter }) {
  return (
    <form className="product-filters" role="search" action="/dashboard/products">
      <div className="grow">
        <label htmlFor="q">Search products</label>
        <input id="q" name="q" type="search" defaultValue={q} placeholder="Name, e.g. denim jacket" />
      </div>
      <div>
        <label htmlFor="status">Status</label>
        <select id="status" name="status" defaultValue={status}>
          <option value="active">Active</option>
          <option value="archived">Archived</option>
          <option value="all">All</option>
        </select>
      </div>
      <button type="submit" className="secondary">
        Search
      </button>
    </form>
  );
}

export function isProductStatus(x: string | undefined): x is ProductStatusFilter {
  return x === 'active' || x === 'archived' || x === 'all';
}
