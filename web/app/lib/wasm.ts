'use client';
// The catalog core in the browser: one memoised loader and typed wrappers. The module is the same C++
// core the server runs (built by scripts/build into public/wasm/), so what the seller sees here is
// exactly what the server will decide.
import type {
  ApplyEditsResult,
  DraftJson,
  ErrorResult,
  ExtractResult,
  ParsePriceResult,
  SellerEdits,
  ValidateDraftResult,
  VendlyCatalog,
} from '@core/vendly_catalog';

export interface PostInput {
  id: string;
  caption: string;
  store_currency: string;
  media_type?: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  children?: number;
}

export type { DraftJson, ExtractResult, FieldError, ProductJson, Span, ScoredField } from '@core/vendly_catalog';

let catalog: Promise<VendlyCatalog> | null = null;

/** Loads the module once per page; later calls share the same promise. */
export function loadCatalog(): Promise<VendlyCatalog> {
  if (!catalog) {
    catalog = (async () => {
      const url = '/wasm/vendly_catalog.mjs';
      const mod = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ url)) as {
        default: (o?: { locateFile?: (p: string) => string }) => Promise<VendlyCatalog>;
      };
      return mod.default({ locateFile: (p) => `/wasm/${p}` });
    })();
    catalog.catch(() => {
      catalog = null; // let a later call retry after a network error
    });
  }
  return catalog;
}

function parse<T>(text: string): T | ErrorResult {
  return JSON.parse(text) as T | ErrorResult;
}

export async function extract(post: PostInput): Promise<ExtractResult | ErrorResult> {
  return parse<ExtractResult>((await loadCatalog()).extractJson(JSON.stringify(post)));
}

export async function applyEdits(draft: Partial<DraftJson>, edits: SellerEdits): Promise<ApplyEditsResult | ErrorResult> {
  return parse<ApplyEditsResult>((await loadCatalog()).applyEdits(JSON.stringify(draft), JSON.stringify(edits)));
}

export async function validateDraft(draft: Partial<DraftJson>): Promise<ValidateDraftResult | ErrorResult> {
  return parse<ValidateDraftResult>((await loadCatalog()).validateDraft(JSON.stringify(draft)));
}

/** An amount as a seller types it ("2,500", "2.5k", "Ksh 2,500") read by the core's price parser. */
export async function parsePrice(raw: string): Promise<ParsePriceResult | ErrorResult> {
  return parse<ParsePriceResult>((await loadCatalog()).parsePriceJson(JSON.stringify({ price_raw: raw })));
}

export function isError(x: object): x is ErrorResult {
  return 'error' in x;
}
