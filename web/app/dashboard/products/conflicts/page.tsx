import type { Metadata } from 'next';
import { getConflicts, getMe, getProduct } from '@/app/lib/data';
import type { Product } from '@/app/lib/definitions';
import { ConflictList } from '@/app/ui/conflicts/conflict-list';

export const metadata: Metadata = { title: 'Sync conflicts — Vendly' };

// US-5: a caption changed on Instagram where the seller had edited the product too. Each open conflict
// side by side; the seller keeps Instagram's value, their own, or types one (checked by the core).
export default async function ConflictsPage() {
  const [me, data] = await Promise.all([getMe(), getConflicts()]);
  // The products as they are now: a typed value is checked against the whole product, as the server does.
  const ids = [...new Set(data.conflicts.map((c) => c.productId))];
  const read = await Promise.all(ids.map((id) => getProduct(id).then((r) => r.product).catch(() => null)));
  const products: Record<string, Product> = {};
  for (const p of read) if (p) products[p.id] = p;
  return (
    <>
      <h1>Sync conflicts ({data.total})</h1>
      <p className="lead">
        These captions changed on Instagram where you had edited the product in Vendly. Choose what your store shows.
      </p>
      <ConflictList conflicts={data.conflicts} products={products} storeCurrency={me.store.currency} />
    </>
  );
}
