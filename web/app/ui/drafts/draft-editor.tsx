'use client';
import { useEffect, useId, useState } from 'react';
import type { FieldError as CoreFieldError, Span } from '@core/vendly_catalog';
import { approveDraft, saveDraft } from '@/app/lib/actions';
import { API, CATEGORIES, CURRENCIES, fieldByApi, type ApiDraftJson, type ScoredField } from '@/app/lib/constants';
import type { Draft, DraftEdits, FieldProblem, Product } from '@/app/lib/definitions';
import { AMOUNT_FIELDS, editsOf, formOf, type Amounts, type DraftForm, type ListField } from '@/app/lib/draft-form';
import { applyEdits, extract, isError, parsePrice } from '@/app/lib/wasm';
import { EvidenceCaption } from '@/app/ui/catalog/evidence-caption';
import { MediaThumb } from '@/app/ui/catalog/media-thumb';
import { ChipEditor } from '@/app/ui/catalog/chip-editor';
import { FieldError, FormAlert } from '@/app/ui/form-messages';
import { Modal } from '@/app/ui/modal';
import { FieldOpinionLine, opinionOf, PROVIDER_NAMES } from '@/app/ui/drafts/second-opinion';

export type EditorResult = { kind: 'saved'; draft: Draft } | { kind: 'approved'; product: Product };

// The old price's form key (the registry's field id oldPrice).
const OLD_PRICE = API.oldPrice;

type Problems = Partial<Record<keyof DraftForm, string>> & { form?: string };

function problemsOf(errors: readonly (CoreFieldError | FieldProblem)[]): Problems {
  const out: Problems = {};
  for (const e of errors) {
    const f = fieldByApi(e.field)?.api;
    if (f) out[f] ??= e.message;
    else out.form ??= e.message;
  }
  return out;
}

// What the core made of the form: its problems (none: the draft may be approved) and the edits to send.
type Check = { problems: Problems; count: number; edits: DraftEdits; draft: ApiDraftJson; unreadable: boolean };

export const UNREADABLE = 'Enter the amount as a number, like 2,500.';

// An amount box: empty is null (no price), unreadable is undefined.
export async function readAmount(text: string): Promise<number | null | undefined> {
  if (!text.trim()) return null;
  const r = await parsePrice(text);
  return isError(r) || r.amount === null ? undefined : r.amount;
}

// The plan's edit modal (6.3): the draft's fields, checked by the core as the seller types (no server
// call), the caption with the evidence of each field, re-extraction in the browser, and Save draft /
// Save & approve. When a model gave a second opinion, each field says where its value came from and a
// disputed field shows both readings; a disputed price waits for the seller's choice before approval.
export function DraftEditor({
  draft,
  storeCurrency,
  onClose,
  onDone,
}: {
  draft: Draft;
  storeCurrency: string;
  onClose: () => void;
  onDone: (result: EditorResult) => void;
}) {
  const base = draft.current;
  const [form, setForm] = useState<DraftForm>(() => formOf(base));
  const [evidence, setEvidence] = useState<Record<string, Span[]>>(draft.extractedData?.evidence ?? {});
  const [check, setCheck] = useState<Check | null>(null);
  const [coreError, setCoreError] = useState<string | null>(null);
  const [server, setServer] = useState<{ error?: string; problems: Problems; message?: string }>({ problems: {} });
  const [pending, setPending] = useState<'save' | 'approve' | null>(null);
  const ids = useId();
  const id = (f: string) => `${ids}-${f}`;
  const opinion = draft.secondOpinion ?? null;
  const modelName = opinion ? `${PROVIDER_NAMES[opinion.provider] ?? opinion.provider} ${opinion.model}` : '';
  // The fields the seller has set since the editor opened (typed, or picked a reading).
  const [decided, setDecided] = useState<ReadonlySet<string>>(() => new Set());
  const priceToChoose = Boolean(opinionOf(opinion, 'price')?.disputed) && !decided.has('price');

  // Live validation by the core, on every keystroke. A newer run makes an older one's answer stale.
  useEffect(() => {
    let live = true;
    (async () => {
      const read = await Promise.all(AMOUNT_FIELDS.map((f) => readAmount(form[f])));
      const amounts = Object.fromEntries(AMOUNT_FIELDS.map((f, i) => [f, read[i]])) as Amounts;
      const unreadable = AMOUNT_FIELDS.filter((f) => amounts[f] === undefined);
      const edits = editsOf(form, base, amounts);
      const r = await applyEdits(base, edits);
      if (!live) return;
      if (isError(r)) {
        setCoreError(r.error);
        return;
      }
      const problems = problemsOf(r.errors);
      for (const f of unreadable) problems[f] = UNREADABLE;
      const count = Object.keys(problems).length;
      setCoreError(null);
      setCheck({ problems, count, edits, draft: r.draft, unreadable: unreadable.length > 0 });
    })().catch((e: unknown) => live && setCoreError(`The catalog engine could not load: ${String(e)}`));
    return () => {
      live = false;
    };
  }, [form, base]);

  const set = <K extends keyof DraftForm>(key: K, value: DraftForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setDecided((d) => (d.has(key) ? d : new Set(d).add(key)));
    setServer((s) => ({ ...s, problems: { ...s.problems, [key]: undefined }, message: undefined }));
  };

  // A chip is added through the core, so the list shows it as it will be stored ("#Denim" -> "denim",
  // duplicates dropped).
  const addChip = async (field: ListField, raw: string) => {
    const next = [...form[field], raw];
    const r = await applyEdits(base, { [field]: next });
    set(field, isError(r) ? next : r.draft[field]);
  };
  const removeChip = (field: ListField, index: number) => set(field, form[field].filter((_, i) => i !== index));

  const reextract = async () => {
    const r = await extract({
      id: draft.igMediaId,
      caption: draft.caption,
      store_currency: storeCurrency,
      media_type: draft.mediaType,
      children: draft.mediaType === 'CAROUSEL_ALBUM' ? Math.max(1, draft.imageUrls.length) : 1,
    });
    if (isError(r)) {
      setServer({ problems: {}, error: `The caption could not be read: ${r.error}` });
      return;
    }
    const product = r.products[draft.itemIndex] ?? r.products[0];
    if (!product) {
      setServer({ problems: {}, error: `The extractor finds no product in this caption${r.reason ? ` (${r.reason})` : ''}. Your fields are unchanged.` });
      return;
    }
    setForm(formOf(product));
    setEvidence(product.evidence);
    setServer({ problems: {}, message: 'Fields filled in again from the caption. Save to keep them.' });
  };

  const submit = async (kind: 'save' | 'approve') => {
    if (!check || check.unreadable) return;
    setPending(kind);
    setServer({ problems: {} });
    try {
      if (kind === 'save') {
        const r = await saveDraft(draft.id, check.edits);
        if (r.ok) onDone({ kind: 'saved', draft: r.draft });
        else setServer({ error: r.error, problems: problemsOf(r.errors ?? []) });
      } else {
        const r = await approveDraft(draft.id, check.edits);
        if (r.ok) onDone({ kind: 'approved', product: r.product });
        else setServer({ error: r.error, problems: problemsOf(r.errors ?? []) });
      }
    } finally {
      setPending(null);
    }
  };

  const problem = (f: keyof DraftForm): string | undefined => server.problems[f] ?? check?.problems[f];
  const invalid = (f: keyof DraftForm) => Boolean(problem(f));
  const describedBy = (f: keyof DraftForm, hint?: boolean) =>
    [hint ? id(`${f}-hint`) : '', problem(f) ? id(`${f}-error`) : ''].filter(Boolean).join(' ') || undefined;
  const currencies: readonly string[] = CURRENCIES.includes(form.currency) ? CURRENCIES : [form.currency, ...CURRENCIES];
  const categoryKnown = (CATEGORIES as readonly string[]).includes(form.category);
  const blocking = check ? check.count : 0;
  const opinionLine = (f: ScoredField) => (
    <FieldOpinionLine
      field={f}
      title={fieldByApi(f)?.title ?? f}
      opinion={opinionOf(opinion, f)}
      modelName={modelName}
      currency={form.currency}
      form={form[f]}
      mustChoose={f === 'price' && priceToChoose}
      onUse={(v) => set(f, v as DraftForm[typeof f])}
    />
  );

  return (
    <Modal title="Edit product details" onClose={onClose} className="editor">
      <div className="editor-body">
        <div className="editor-media">
          <MediaThumb src={draft.imageUrls[0]} alt={form.name || 'Product picture'} size="preview" />
          {draft.imageUrls.length > 1 ? <p className="hint">{draft.imageUrls.length} pictures from this post</p> : null}
        </div>

        <form
          className="form editor-form"
          noValidate
          aria-label="Product details"
          onSubmit={(e) => {
            e.preventDefault();
            void submit('save');
          }}
        >
          {opinion ? (
            <p className="hint" data-testid="second-opinion">
              Checked by a second reader: {modelName}. Each field says where its value came from.
            </p>
          ) : null}
          <label htmlFor={id('name')}>
            Product name <span aria-hidden="true">*</span>
          </label>
          <input
            id={id('name')}
            value={form.name}
            onChange={(e) => set('name', e.target.value)}
            aria-required="true"
            aria-invalid={invalid('name')}
            aria-describedby={describedBy('name')}
          />
          {opinionLine('name')}
          <FieldError id={id('name-error')} message={problem('name')} />

          <div className="row2">
            <div>
              <label htmlFor={id('price')}>Price ({form.currency})</label>
              <input
                id={id('price')}
                inputMode="decimal"
                value={form.price}
                onChange={(e) => set('price', e.target.value)}
                aria-invalid={invalid('price')}
                aria-describedby={describedBy('price', true)}
              />
              <p id={id('price-hint')} className="hint">
                Empty shows “DM for price”.
              </p>
              {opinionLine('price')}
              <FieldError id={id('price-error')} message={problem('price')} />
            </div>
            <div>
              <label htmlFor={id('currency')}>Currency</label>
              <select
                id={id('currency')}
                value={form.currency}
                onChange={(e) => set('currency', e.target.value)}
                aria-invalid={invalid('currency')}
                aria-describedby={describedBy('currency')}
              >
                {currencies.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
              {opinionLine('currency')}
              <FieldError id={id('currency-error')} message={problem('currency')} />
            </div>
          </div>

          <label htmlFor={id(OLD_PRICE)}>Old price ({form.currency})</label>
          <input
            id={id(OLD_PRICE)}
            inputMode="decimal"
            value={form[OLD_PRICE]}
            onChange={(e) => set(OLD_PRICE, e.target.value)}
            aria-invalid={invalid(OLD_PRICE)}
            aria-describedby={describedBy(OLD_PRICE, true)}
          />
          <p id={id(`${OLD_PRICE}-hint`)} className="hint">
            Optional: shown struck through next to the price.
          </p>
          {opinionLine(OLD_PRICE)}
          <FieldError id={id(`${OLD_PRICE}-error`)} message={problem(OLD_PRICE)} />

          <label htmlFor={id('description')}>Description</label>
          <textarea
            id={id('description')}
            className="short"
            rows={4}
            value={form.description}
            onChange={(e) => set('description', e.target.value)}
            aria-invalid={invalid('description')}
            aria-describedby={describedBy('description')}
          />
          <FieldError id={id('description-error')} message={problem('description')} />

          <label htmlFor={id('category')}>Category</label>
          <select
            id={id('category')}
            value={form.category}
            onChange={(e) => set('category', e.target.value)}
            aria-invalid={invalid('category')}
            aria-describedby={describedBy('category')}
          >
            {categoryKnown ? null : <option value={form.category}>{form.category || 'Choose a category'}</option>}
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          {opinionLine('category')}
          <FieldError id={id('category-error')} message={problem('category')} />

          <ChipEditor legend="Tags" noun="tag" values={form.tags} onAdd={(v) => void addChip('tags', v)} onRemove={(i) => removeChip('tags', i)} error={problem('tags')} placeholder="e.g. denim" />
          <ChipEditor legend="Sizes" noun="size" values={form.sizes} onAdd={(v) => void addChip('sizes', v)} onRemove={(i) => removeChip('sizes', i)} error={problem('sizes')} placeholder="e.g. M, 42" />
          {opinionLine('sizes')}
          <ChipEditor legend="Colours" noun="colour" values={form.colors} onAdd={(v) => void addChip('colors', v)} onRemove={(i) => removeChip('colors', i)} error={problem('colors')} placeholder="e.g. black" />
          {opinionLine('colors')}
        </form>

        <section className="editor-caption" aria-labelledby={id('caption-heading')}>
          <h3 id={id('caption-heading')}>Instagram caption</h3>
          {draft.caption ? (
            <EvidenceCaption caption={draft.caption} evidence={evidence} />
          ) : (
            <p className="muted">This post has no caption.</p>
          )}
          <button type="button" className="secondary small-button" onClick={() => void reextract()} disabled={!draft.caption}>
            Re-extract from caption
          </button>
          {draft.permalink ? (
            <p className="small">
              <a href={draft.permalink} target="_blank" rel="noopener noreferrer">
                View post on Instagram
              </a>
            </p>
          ) : null}
        </section>
      </div>

      <div className="modal-foot">
        <p className="editor-status small" role="status" aria-live="polite" data-testid="editor-status">
          {coreError
            ? coreError
            : !check
              ? 'Loading the catalog engine…'
              : blocking
                ? `Fix ${blocking === 1 ? 'the highlighted field' : `the ${blocking} highlighted fields`} to approve.`
                : priceToChoose
                  ? 'Choose the price to approve: the caption and the AI model disagree.'
                  : 'Ready to approve.'}
          {check?.problems.form ? ` ${check.problems.form}` : ''}
        </p>
        <FormAlert error={server.error ?? server.problems.form} message={server.message} />
        <div className="actions">
          <button type="button" onClick={() => void submit('approve')} disabled={!check || blocking > 0 || priceToChoose || pending !== null}>
            {pending === 'approve' ? 'Approving…' : 'Save & approve'}
          </button>
          <button type="button" className="secondary" onClick={() => void submit('save')} disabled={!check || check.unreadable || pending !== null}>
            {pending === 'save' ? 'Saving…' : 'Save draft'}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    </Modal>
  );
}
