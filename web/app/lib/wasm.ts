'use client';
// The catalog core in the browser: one memoised loader and typed wrappers. The module is the same C++
// core the server runs (built by scripts/build into public/wasm/), so what the seller sees here is
// exactly what the server will decide.
import type { ErrorResult, FieldError, ParsePriceResult, VendlyCatalog } from '@core/vendly_catalog';
import { toApi, toCli, type ApiDraftJson, type ApiProductJson } from '@/app/lib/constants';
import type { DraftEdits } from '@/app/lib/definitions';

// The module's input for a post: its own (CLI) spelling.
export interface PostInput {
  id: string;
  caption: string;
  store_currency: string;
  media_type?: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  children?: number;
}

// The module's answers, in the API's spelling like the rest of the dashboard (constants.ts toApi).
export type ExtractResult = { id: string; isProduct: boolean; reason?: string; products: ApiProductJson[] };
export type ApplyEditsResult = { draft: ApiDraftJson; errors: FieldError[] };
export type ValidateDraftResult = { ok: boolean; errors: FieldError[]; draft: ApiDraftJson };

export type { FieldError, Span } from '@core/vendly_catalog';
export type { ApiDraftJson, ApiProductJson, ScoredField } from '@/app/lib/constants';

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
  return toApi(JSON.parse(text)) as T | ErrorResult;
}

export async function extract(post: PostInput): Promise<ExtractResult | ErrorResult> {
  return parse<ExtractResult>((await loadCatalog()).extractJson(JSON.stringify(post)));
}

// Edits are already in the API's spelling (the module reads sellerEdits so).
export async function applyEdits(draft: Partial<ApiDraftJson>, edits: DraftEdits): Promise<ApplyEditsResult | ErrorResult> {
  return parse<ApplyEditsResult>((await loadCatalog()).applyEdits(JSON.stringify(toCli(draft)), JSON.stringify(edits)));
}

export async function validateDraft(draft: Partial<ApiDraftJson>): Promise<ValidateDraftResult | ErrorResult> {
  return parse<ValidateDraftResult>((await loadCatalog()).validateDraft(JSON.stringify(toCli(draft))));
}

/** An amount as a seller types it ("2,500", "2.5k", "Ksh 2,500") read by the core's price parser. */
export async function parsePrice(raw: string): Promise<ParsePriceResult | ErrorResult> {
  return parse<ParsePriceResult>((await loadCatalog()).parsePriceJson(JSON.stringify({ price_raw: raw })));
}

export function isError(x: object): x is ErrorResult {
  return 'error' in x;
}
