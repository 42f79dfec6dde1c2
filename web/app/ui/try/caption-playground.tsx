'use client';
import { useEffect, useState } from 'react';
import { extract, isError, type ApiProductJson, type ExtractResult } from '@/app/lib/wasm';
import { formatMoney } from '@/app/lib/money';
import { API, CURRENCIES, DEFAULT_CURRENCY, THRESHOLDS } from '@/app/lib/constants';
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
  const [currency, setCurrency] = useState(DEFAULT_CURRENCY);
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
        {result && !result.isProduct && (
          <p data-testid="not-product">Not a product post{result.reason ? ` (${result.reason})` : ''}.</p>
        )}
        {result?.products.map((p, i) => (
          <ProductCard key={i} product={p} selected={i === selected} onSelect={() => setSelected(i)} />
        ))}
      </section>
    </div>
  );
}

function ProductCard({ product, selected, onSelect }: { product: ApiProductJson; selected: boolean; onSelect: () => void }) {
  // What a store with the default auto-approve setting would publish without review.
  const high = product.confidence >= THRESHOLDS.autoApproveDefault;
  return (
    <article className="product" data-testid="draft" aria-current={selected}>
      <h3>{product.name || 'Untitled'}</h3>
      <div>
        <span className="price" data-testid="price">{formatMoney(product.price, product.currency)}</span>
        {product[API.oldPrice] !== null && (
          <span className="was">{formatMoney(product[API.oldPrice], product.currency)}</span>
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
