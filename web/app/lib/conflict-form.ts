// The conflicts screen's pieces (US-5): a product as the core's draft (the same columns the server's
// resolve reads), how each field's value reads for people, and the seller edit a typed value amounts
// to. Every rule about a value stays the core's (applyEdits in wasm.ts); nothing here judges one.
import { FIELDS, fieldByApi, type ApiDraftJson } from '@/app/lib/constants';
import type { ConflictValue, DraftEdits, Product } from '@/app/lib/definitions';
import { formatMoney } from '@/app/lib/money';

// The product as a draft (the same columns the server's resolve reads): its draft fields.
export function draftOfProduct(p: Product): ApiDraftJson {
  const d: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const v = (p as unknown as Record<string, unknown>)[f.api];
    d[f.api] = Array.isArray(v) ? [...v] : (v ?? (f.kind === 'amount' ? null : ''));
  }
  return d as ApiDraftJson;
}

type FieldInfo = { label: string; edit: keyof DraftEdits; kind: 'text' | 'long' | 'amount' | 'currency' | 'category' | 'list' };

// A conflict's field (its API key, the seller edit it becomes) -> what the seller reads and the input.
export const CONFLICT_FIELDS: Record<string, FieldInfo> = Object.fromEntries(
  FIELDS.map((f) => [
    f.api,
    {
      label: f.title,
      edit: f.api,
      kind: f.kind === 'amount' || f.kind === 'list' ? f.kind : f.id === 'description' ? 'long' : f.id === 'currency' || f.id === 'category' ? f.id : 'text',
    },
  ]),
);

export function fieldInfo(field: string): FieldInfo {
  return CONFLICT_FIELDS[field] ?? { label: field, edit: field as keyof DraftEdits, kind: 'text' };
}

// A value as the seller reads it.
export function valueText(field: string, value: ConflictValue, currency: string): string {
  const kind = fieldInfo(field).kind;
  if (kind === 'amount') {
    if (value === null) return fieldByApi(field)?.id === 'price' ? 'Price on request' : 'None';
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
