import { API } from '@/app/lib/constants';
import type { Product } from '@/app/lib/definitions';
import { formatMoney } from '@/app/lib/money';
import { exactTime, timeAgo } from '@/app/lib/time';
import { MediaThumb } from '@/app/ui/catalog/media-thumb';

const STATUS: Record<string, { text: string; tone: string }> = {
  active: { text: 'Active', tone: 'ok' },
  archived: { text: 'Archived', tone: 'muted' },
  draft: { text: 'Draft', tone: 'warn' },
};

// The store's catalog: picture, name, money, category, variants, status, where it came from.
export function ProductList({ products }: { products: Product[] }) {
  return (
    <ul className="product-list" aria-label="Products">
      {products.map((p) => {
        const s = STATUS[p.status] ?? { text: p.status, tone: 'muted' };
        return (
          <li key={p.id} className="product-row" data-testid="product-row" aria-label={p.name}>
            <MediaThumb src={p.images[0]} alt={p.name} size="row" />
            <div className="product-main">
              <h3 className="product-name">{p.name}</h3>
              <p className="product-money">
                <span className="price" data-testid="price">
                  {formatMoney(p.price, p.currency)}
                </span>
                {p[API.oldPrice] !== null ? <span className="was">{formatMoney(p[API.oldPrice], p.currency)}</span> : null}
              </p>
              <p className="muted small">
                {[p.category, p.sizes.length ? `Sizes ${p.sizes.join(', ')}` : null, p.colors.length ? p.colors.join(', ') : null]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            </div>
            <div className="product-side small">
              <span className={`badge badge-${s.tone}`}>{s.text}</span>
              {!p.inStock ? <span className="badge badge-warn">Sold out</span> : null}
              <time dateTime={p.createdAt} title={exactTime(p.createdAt)} className="muted">
                Added {timeAgo(p.createdAt)}
              </time>
              {p.permalink ? (
                <a href={p.permalink} target="_blank" rel="noopener noreferrer" aria-label={`View the Instagram post of ${p.name}`}>
                  View post
                </a>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
