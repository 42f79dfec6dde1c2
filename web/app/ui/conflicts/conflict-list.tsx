'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useState } from 'react';
import { CATEGORIES, CURRENCIES, type ApiDraftJson } from '@/app/lib/constants';
import { resolveConflict } from '@/app/lib/actions';
import { CONFLICTS_STALE } from '@/app/lib/events';
import { draftOfProduct, fieldInfo, listOf, valueInput, valueText } from '@/app/lib/conflict-form';
import { type ConflictChoice, type ConflictValue, type FieldProblem, type Product, type SyncConflict } from '@/app/lib/definitions';
import { exactTime, timeAgo } from '@/app/lib/time';
import { applyEdits, isError } from '@/app/lib/wasm';
import { readAmount, UNREADABLE } from '@/app/ui/drafts/draft-editor';
import { FieldError, FormAlert } from '@/app/ui/form-messages';

// The open conflicts (US-5), each side by side with its three ways out. A resolved one leaves the list
// and the status line says what the product now has.
export function ConflictList({ conflicts, products, storeCurrency }: { conflicts: SyncConflict[]; products: Record<string, Product>; storeCurrency: string }) {
  const router = useRouter();
  const [done, setDone] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const open = conflicts.filter((c) => !done.includes(c.id));
  return (
    <>
      <p className="sr-only" role="status" aria-live="polite">
        {status}
      </p>
      {status ? (
        <p className="alert alert-ok conflict-done" data-testid="conflict-status">
          {status}
        </p>
      ) : null}
      {open.length === 0 && done.length === 0 ? (
        <section className="card empty-state">
          <h2>No conflicts to resolve</h2>
          <p>When a caption you edited in Vendly changes on Instagram, we ask you here which version to keep.</p>
          <Link className="button-link secondary" href="/dashboard/products">
            See your products
          </Link>
        </section>
      ) : open.length === 0 ? (
        <section className="card empty-state">
          <h2>All conflicts resolved</h2>
          <p>Your products now show what you chose. We’ll ask again if a caption you edited changes on Instagram.</p>
          <Link className="button-link secondary" href="/dashboard/products">
            See your products
          </Link>
        </section>
      ) : (
        <ul className="conflict-list" aria-label="Open conflicts">
          {open.map((c) => (
            <li key={c.id}>
              <ConflictCard
                conflict={c}
                product={products[c.productId] ?? null}
                currency={products[c.productId]?.currency ?? storeCurrency}
                onResolved={(message) => {
                  setDone((d) => [...d, c.id]);
                  setStatus(message);
                  window.dispatchEvent(new Event(CONFLICTS_STALE));
                  router.refresh();
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

type Check = { value: ConflictValue; error?: string; others: string[] };

function ConflictCard({
  conflict: c,
  product,
  currency,
  onResolved,
}: {
  conflict: SyncConflict;
  product: Product | null;
  currency: string;
  onResolved: (message: string) => void;
}) {
  const info = fieldInfo(c.field);
  const ids = useId();
  const id = (s: string) => `${ids}-${s}`;
  const [typing, setTyping] = useState(false);
  const [text, setText] = useState(() => valueInput(c.field, c.sellerValue));
  const [check, setCheck] = useState<Check | null>(null);
  const [pending, setPending] = useState<ConflictChoice | null>(null);
  const [server, setServer] = useState<{ error?: string; problems: FieldProblem[] }>({ problems: [] });
  const base: ApiDraftJson | null = product ? draftOfProduct(product) : null;

  // The typed value checked by the core as the seller types: the edit applied to the product as it is,
  // exactly what the server's resolve will judge. No server call.
  useEffect(() => {
    if (!typing) return;
    let live = true;
    (async () => {
      let value: ConflictValue;
      if (info.kind === 'amount') {
        const amount = await readAmount(text);
        if (amount === undefined) {
          if (live) setCheck({ value: null, error: UNREADABLE, others: [] });
          return;
        }
        value = amount;
      } else if (info.kind === 'list') value = listOf(text);
      else value = text;
      const r = await applyEdits(base ?? {}, { [info.edit]: value });
      if (!live) return;
      if (isError(r)) {
        setCheck({ value, error: r.error, others: [] });
        return;
      }
      // Without the product (it could not be read) only this field's problems count.
      const mine = r.errors.filter((e) => e.field === c.field || e.field === info.edit);
      const others = base ? r.errors.filter((e) => !mine.includes(e)).map((e) => e.message) : [];
      const stored = (r.draft as unknown as Record<string, ConflictValue>)[c.field];
      setCheck({ value: stored === undefined ? value : stored, error: mine[0]?.message, others });
    })().catch((e: unknown) => live && setCheck({ value: null, error: `The catalog engine could not load: ${String(e)}`, others: [] }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- base is derived from product
  }, [typing, text, product, c.field, info.edit, info.kind]);

  const resolve = async (choice: ConflictChoice) => {
    if (choice === 'value' && (!check || check.error || check.others.length)) return;
    setPending(choice);
    setServer({ problems: [] });
    try {
      const r = await resolveConflict(c.id, choice, choice === 'value' ? check?.value : undefined);
      if (r.ok) {
        const now = (r.product as unknown as Record<string, unknown>)[info.edit];
        onResolved(
          c.field === 'name'
            ? `The product is now called “${r.product.name}”.`
            : `“${r.product.name}” now has ${info.label.toLowerCase()} ${valueText(c.field, (now ?? r.conflict.resolvedValue) as ConflictValue, r.product.currency)}.`,
        );
      } else if (r.code === 'conflict_resolved') {
        onResolved(`The ${info.label.toLowerCase()} of “${c.productName}” was already resolved.`);
      } else setServer({ error: r.error, problems: r.errors ?? [] });
    } finally {
      setPending(null);
    }
  };

  const typedError = server.problems[0]?.message ?? check?.error;
  const blocked = !check || Boolean(check.error) || check.others.length > 0;
  const busy = pending !== null;

  return (
    <article className="card conflict" aria-labelledby={id('title')} data-testid="conflict" data-conflict-id={c.id}>
      <div className="card-head">
        <h2 id={id('title')} className="conflict-title">
          {c.productName} <span className="muted">· {info.label}</span>
        </h2>
        <time className="muted small" dateTime={c.createdAt} title={exactTime(c.createdAt)}>
          {timeAgo(c.createdAt)}
        </time>
      </div>
      <p className="small muted">
        You changed the {info.label.toLowerCase()} in Vendly, and the Instagram caption changed it too. Was:{' '}
        <span data-testid="conflict-base">{valueText(c.field, c.baseValue, currency)}</span>
      </p>
      <div className="conflict-sides">
        <section className="conflict-side" aria-labelledby={id('ig')}>
          <h3 id={id('ig')}>On Instagram</h3>
          <p className="conflict-value" data-testid="conflict-instagram">
            {valueText(c.field, c.instagramValue, currency)}
          </p>
          <button type="button" className="secondary" disabled={busy} onClick={() => void resolve('instagram')} aria-describedby={id('ig')}>
            {pending === 'instagram' ? 'Saving…' : 'Keep Instagram’s'}
          </button>
        </section>
        <section className="conflict-side" aria-labelledby={id('mine')}>
          <h3 id={id('mine')}>In your store</h3>
          <p className="conflict-value" data-testid="conflict-store">
            {valueText(c.field, c.sellerValue, currency)}
          </p>
          <button type="button" className="secondary" disabled={busy} onClick={() => void resolve('vendly')} aria-describedby={id('mine')}>
            {pending === 'vendly' ? 'Saving…' : 'Keep mine'}
          </button>
        </section>
      </div>
      {typing ? (
        <form
          className="form conflict-typed"
          noValidate
          aria-label={`Type a ${info.label.toLowerCase()}`}
          onSubmit={(e) => {
            e.preventDefault();
            void resolve('value');
          }}
        >
          <label htmlFor={id('value')}>
            New {info.label.toLowerCase()}
            {info.kind === 'amount' ? ` (${currency})` : ''}
          </label>
          {info.kind === 'long' ? (
            <textarea id={id('value')} rows={4} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={Boolean(typedError)} aria-describedby={typedError ? id('error') : undefined} />
          ) : info.kind === 'category' || info.kind === 'currency' ? (
            <select id={id('value')} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={Boolean(typedError)} aria-describedby={typedError ? id('error') : undefined}>
              {(info.kind === 'category' ? (CATEGORIES as readonly string[]) : (CURRENCIES as readonly string[])).includes(text) ? null : <option value={text}>{text || 'Choose'}</option>}
              {(info.kind === 'category' ? CATEGORIES : CURRENCIES).map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={id('value')}
              value={text}
              inputMode={info.kind === 'amount' ? 'decimal' : undefined}
              onChange={(e) => {
                setText(e.target.value);
                setServer({ problems: [] });
              }}
              aria-invalid={Boolean(typedError)}
              aria-describedby={[info.kind === 'list' ? id('hint') : '', typedError ? id('error') : ''].filter(Boolean).join(' ') || undefined}
            />
          )}
          {info.kind === 'list' ? (
            <p id={id('hint')} className="hint">
              Separate them with commas.
            </p>
          ) : null}
          <FieldError id={id('error')} message={typedError} />
          {check && !check.error && check.others.length ? <p className="field-error">{check.others[0]}</p> : null}
          <div className="actions">
            <button type="submit" disabled={blocked || busy}>
              {pending === 'value' ? 'Saving…' : 'Use this value'}
            </button>
            <button type="button" className="secondary" onClick={() => setTyping(false)} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p className="conflict-more">
          <button type="button" className="link-button" onClick={() => setTyping(true)} disabled={busy}>
            Type a different value
          </button>
        </p>
      )}
      <FormAlert error={typing ? undefined : server.error} />
      {typing && server.error && !server.problems.length ? <FormAlert error={server.error} /> : null}
    </article>
  );
}
