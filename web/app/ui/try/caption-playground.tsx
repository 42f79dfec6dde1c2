'use client';
import { useEffect, useState } from 'react';
import type { ExtractResult, ProductJson } from '@core/vendly_catalog';
import { extract, isError } from '@/app/lib/wasm';
import { formatMoney } from '@/app/lib/money';
import { CURRENCIES } from '@/app/lib/definitions';
import { EvidenceCaption } from '@/app/ui/catalog/evidence-caption';

const SAMPLE = `New arrivals 🔥🔥
Oversized hoodies ziko sasa!
Sizes: M, L, XL, XXL
Colours: black, grey, maroon
Price: Ksh 2,200 only
DM to order or WhatsApp 0712 345 678 📲
Delivery within Nairobi 200 bob
#nairobifashion #hoodies`;

export function CaptionPlayground() {
  const [caption, setCaption] = useState(SAMPLE);
  const [currency, setCurrency] = useState('KES');
  const [result, setResult] = useState<ExtractResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);

  useEffect(() => {
    let live = true;
    extract({ id: 'playground', caption, store_currency: currency, media_type: 'IMAGE', children: 1 })
      .then((r) => {
        if (!live) return;
        if (isError(r)) {
          setError(r.error);
          return;
        }
        setError(null);
        setResult(r);
        setSelected((s) => (s < r.products.length ? s : 0));
      })
      .catch((e: unknown) => live && setError(`The extractor could not load: ${String(e)}`));
    return () => {
      live = false;
    };
  }, [caption, currency]);

  const product = result?.products[selected];
  return (
    <div className="grid2">
      <section className="card" aria-label="Caption input">
        <label htmlFor="caption">Caption</label>
        <textarea id="caption" value={caption} onChange={(e) => setCaption(e.target.value)} />
        <label htmlFor="currency">Store currency</label>
        <select id="currency" value={currency} onChange={(e) => setCurrency(e.target.value)}>
          {CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        {product && (
          <>
            <h2>Where each value came from</h2>
            <EvidenceCaption caption={caption} evidence={product.evidence} />
          </>
        )}
      </section>
      <section className="card" aria-label="Extracted drafts" aria-live="polite">
        <h2>Drafts</h2>
        {error && <p className="error" role="alert">{error}</p>}
        {!result && !error && <p className="muted">Loading the extractor…</p>}
        {result && !result.is_product && (
          <p data-testid="not-product">Not a product post{result.reason ? ` (${result.reason})` : ''}.</p>
        )}
        {result?.products.map((p, i) => (
          <ProductCard key={i} product={p} selected={i === selected} onSelect={() => setSelected(i)} />
        ))}
      </section>
    </div>
  );
}

function ProductCard({ product, selected, onSelect }: { product: ProductJson; selected: boolean; onSelect: () => void }) {
  const high = product.confidence >= 0.9;
  return (
    <article className="product" data-testid="draft" aria-current={selected}>
      <h3>{product.name || 'Untitled'}</h3>
      <div>
        <span className="price" data-testid="price">{formatMoney(product.price, product.currency)}</span>
        {product.compare_at_price !== null && (
          <span className="was">{formatMoney(product.compare_at_price, product.currency)}</span>
        )}
      </div>
      <div className="muted">{product.category}</div>
      <div className="chips">
        {product.sizes.map((s) => (
          <span className="chip" key={`s-${s}`}>{s}</span>
        ))}
        {product.colors.map((c) => (
          <span className="chip" key={`c-${c}`}>{c}</span>
        ))}
      </div>
      <p className={high ? 'conf-high' : 'conf-low'}>
        Confidence {Math.round(product.confidence * 100)}% {high ? '(would be auto-approved)' : '(needs review)'}
      </p>
      <button className="secondary" onClick={onSelect} aria-pressed={selected}>
        Show evidence
      </button>
    </article>
  );
}
