// The edit modal's form: what the seller types, and the seller edits it amounts to. Only the fields that
// differ from the draft as it stands are sent, so a field the seller never touched keeps following the
// Instagram caption. Every rule about the values (required, lengths, prices, categories, normalisation)
// is the core's (applyEdits / validateDraft in wasm.ts); nothing here judges a value.
import type { DraftJson } from '@core/vendly_catalog';
import type { DraftEdits } from '@/app/lib/definitions';

export type DraftForm = {
  name: string;
  price: string; // as typed; read by the core's price parser
  compareAtPrice: string;
  currency: string;
  description: string;
  category: string;
  tags: string[];
  sizes: string[];
  colors: string[];
};

export type ListField = 'tags' | 'sizes' | 'colors';

export function formOf(d: DraftJson): DraftForm {
  return {
    name: d.name,
    price: d.price === null ? '' : String(d.price),
    compareAtPrice: d.compare_at_price === null ? '' : String(d.compare_at_price),
    currency: d.currency,
    description: d.description,
    category: d.category,
    tags: [...d.tags],
    sizes: [...d.sizes],
    colors: [...d.colors],
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// The amounts as numbers: null for an empty box, undefined when what was typed is not an amount.
export type Amounts = { price: number | null | undefined; compareAtPrice: number | null | undefined };

// The edits that turn `base` into what the form shows. An amount that could not be read is left out
// (the form reports it next to its box).
export function editsOf(form: DraftForm, base: DraftJson, amounts: Amounts): DraftEdits {
  const edits: DraftEdits = {};
  if (form.name !== base.name) edits.name = form.name;
  if (form.description !== base.description) edits.description = form.description;
  if (amounts.price !== undefined && amounts.price !== base.price) edits.price = amounts.price;
  if (amounts.compareAtPrice !== undefined && amounts.compareAtPrice !== base.compare_at_price)
    edits.compareAtPrice = amounts.compareAtPrice;
  if (form.currency !== base.currency) edits.currency = form.currency;
  if (form.category !== base.category) edits.category = form.category;
  if (!sameList(form.tags, base.tags)) edits.tags = form.tags;
  if (!sameList(form.sizes, base.sizes)) edits.sizes = form.sizes;
  if (!sameList(form.colors, base.colors)) edits.colors = form.colors;
  return edits;
}

export function hasEdits(edits: DraftEdits): boolean {
  return Object.keys(edits).length > 0;
}
