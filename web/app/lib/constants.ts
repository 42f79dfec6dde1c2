// The core's registry for the dashboard (shared/include/vendly/registry.h, copied into registry.ts by
// scripts/gen-constants): the product fields and their keys, the limits of what a seller may type, the
// store currencies, the confidence thresholds and the draft lifetime. Nothing here is written by hand:
// a new field, currency or default in the core shows up here, in the types as well as the values.
//
// The dashboard speaks the HTTP API's spelling (camelCase) everywhere; the WASM module speaks the CLI's,
// and wasm.ts translates at that one boundary (toApi / toCli).
import type { Span } from '@core/vendly_catalog';
import { registry } from '@/app/lib/registry';

export type FieldInfo = (typeof registry.fields)[number];
export type FieldId = FieldInfo['id'];
export type ApiField = FieldInfo['api'];
export type CliField = FieldInfo['cli'];

export const FIELDS: readonly FieldInfo[] = registry.fields;

// The API key of each field by its registry id: API.price, API.oldPrice, ...
export const API = Object.fromEntries(registry.fields.map((f) => [f.id, f.api])) as {
  readonly [F in FieldInfo as F['id']]: F['api'];
};

type ValueOf<Kind> = Kind extends 'amount' ? number | null : Kind extends 'list' ? string[] : string;

// A draft's fields as the API sends them (a draft's `current`, a product's fields).
export type ApiDraftJson = { [F in FieldInfo as F['api']]: ValueOf<F['kind']> };
export type AmountField = Extract<FieldInfo, { kind: 'amount' }>['api'];
export type ListField = Extract<FieldInfo, { kind: 'list' }>['api'];
export type TextField = Extract<FieldInfo, { kind: 'text' }>['api'];
export type ScoredField = Extract<FieldInfo, { scored: true }>['api'];
export type ConflictField = Extract<FieldInfo, { conflicts: true }>['api'];

// The seller's edits (sellerEdits, a PATCH body): any field; null clears an optional one.
export type ApiEdits = {
  [F in FieldInfo as F['api']]?: F['required'] extends true ? ValueOf<F['kind']> : ValueOf<F['kind']> | null;
};

// A product as the core extracts it, in the API's spelling (a draft's `extractedData`).
export type ApiProductJson = ApiDraftJson & {
  soldOut: boolean;
  confidence: number; // overall, 0..1
  fieldConfidence: Record<ScoredField, number>;
  evidence: Record<ScoredField, Span[]>; // UTF-8 byte spans into the caption
};

export const CURRENCIES: readonly string[] = registry.currencies;
export const DEFAULT_CURRENCY: string = registry.defaultCurrency;
export const CATEGORIES = registry.categories;
export const LIMITS = registry.limits;
export const THRESHOLDS = registry.thresholds;
export const DRAFTS = registry.drafts;

export function isCurrency(value: string): boolean {
  return CURRENCIES.includes(value);
}

export function fieldByApi(key: string): FieldInfo | undefined {
  return FIELDS.find((f) => f.api === key);
}

export function fieldByCli(key: string): FieldInfo | undefined {
  return FIELDS.find((f) => f.cli === key);
}

const otherKeys: Record<string, string> = registry.keys;
const otherCliKeys: Record<string, string> = Object.fromEntries(Object.entries(otherKeys).map(([c, a]) => [a, c]));

// The mirror of the core's ToApiJson: every key in the API's spelling at any depth; a "field" value and
// the entries of an "updated" list name fields and are renamed too.
export function toApi(value: unknown): unknown {
  return rename(value, (k) => fieldByCli(k)?.api ?? otherKeys[k] ?? k);
}

// The way back, for input to the WASM module.
export function toCli(value: unknown): unknown {
  return rename(value, (k) => fieldByApi(k)?.cli ?? otherCliKeys[k] ?? k);
}

function rename(value: unknown, key: (k: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => rename(v, key));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'field' && typeof v === 'string') out[key(k)] = key(v);
    else if (k === 'updated' && Array.isArray(v)) out[key(k)] = v.map((x) => (typeof x === 'string' ? key(x) : x));
    else out[key(k)] = rename(v, key);
  }
  return out;
}
