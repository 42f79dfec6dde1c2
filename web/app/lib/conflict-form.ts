// The conflicts screen's pieces (US-5): a product as the core's draft (the same columns the server's
// resolve reads), how each field's value reads for people, and the seller edit a typed value amounts
// to. Every rule about a value stays the core's (applyEdits in wasm.ts); nothing here judges one.
import type { DraftJson } from '@core/vendly_catalog';
import type { ConflictValue, DraftEdits, Product } from '@/app/lib/definitions';
import { formatMoney } from '@/app/lib/money';

// The product as the core's Draft JSON (server/jobs/poll.cc ProductAsDraft).
export function draftOfProduct(p: Product): DraftJson {
  return {
    name: p.name,
    description: p.description ?? '',
    price: p.price,
    currency: p.currency,
    compare_at_price: p.compareAtPrice,
    category: p.category ?? '',
    sizes: [...p.sizes],
    colors: [...p.colors],
    tags: [...p.tags],
  };
}

type FieldInfo = { label: string; edit: keyof DraftEdits; kind: 'text' | 'long' | 'amount' | 'currency' | 'category' | 'list' };

// The core's field names -> what the seller reads, the edit key (server/jobs/poll.cc kEditName) and the input.
export const CONFLICT_FIELDS: Record<string, FieldInfo> = {
  name: { label: 'Product name', edit: 'name', kind: 'text' },
  description: { label: 'Description', edit: 'description', kind: 'long' },
  price: { label: 'Price', edit: 'price', kind: 'amount' },
  compare_at_price: { label: 'Old price', edit: 'compareAtPrice', kind: 'amount' },
  currency: { label: 'Currency', edit: 'currency', kind: 'currency' },
  category: { label: 'Category', edit: 'category', kind: 'category' },
  sizes: { label: 'Sizes', edit: 'sizes', kind: 'list' },
  colors: { label: 'Colours', edit: 'colors', kind: 'list' },
  tags: { label: 'Tags', edit: 'tags', kind: 'list' },
};

export function fieldInfo(field: string): FieldInfo {
  return CONFLICT_FIELDS[field] ?? { label: field, edit: field as keyof DraftEdits, kind: 'text' };
}

// A value as the seller reads it.
export function valueText(field: string, value: ConflictValue, currency: string): string {
  const kind = fieldInfo(field).kind;
  if (kind === 'amount') {
    if (value === null) return field === 'price' ? 'Price on request' : 'None';
    return typeof value === 'number' ? formatMoney(value, currency) : String(value);
  }
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'None';
  if (value === null || value === '') return '(empty)';
  return String(value);
}

// What a value looks like in the typed box at first (the seller's own value, to edit).
export function valueInput(field: string, value: ConflictValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return fieldInfo(field).kind === 'amount' && typeof value === 'number' ? String(value) : String(value);
}

// A list as typed: words between commas (the core normalises and drops duplicates).
export function listOf(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
