// Hand-written declarations of the catalog core's WASM module (wasm/bindings.cc; Emscripten 3.1.6 has no
// --emit-tsd). Every function takes JSON text and returns JSON text: the same bytes the native core
// returns for the same input (shared/include/vendly/api.h). None throws: input that is not JSON, or not
// the expected JSON kind, gives `{"error": "..."}` (ErrorResult). Parse the answer with JSON.parse and
// narrow it with `"error" in result`.
//
// Load it once, on the client:
//   const catalog = await createVendlyCatalog();                       // browser: fetches vendly_catalog.wasm
//   const catalog = await createVendlyCatalog({ wasmBinary: bytes });  // Node, tests
//   const result = JSON.parse(catalog.validateDraft(JSON.stringify(draft))) as ValidateDraftResult | ErrorResult;

/** Options of the Emscripten module factory (a subset of Emscripten's Module object). */
export interface VendlyCatalogOptions {
  /** The .wasm bytes, when they are already at hand (Node, tests); skips the fetch. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Maps a file the module needs ("vendly_catalog.wasm") to its URL. */
  locateFile?: (path: string, scriptDirectory: string) => string;
}

/** The nine catalog categories, in the plan's order. */
export type Category =
  | "Fashion & Apparel"
  | "Electronics & Gadgets"
  | "Home & Living"
  | "Beauty & Personal Care"
  | "Food & Beverages"
  | "Sports & Fitness"
  | "Books & Media"
  | "Toys & Games"
  | "Other";

/** Any function's answer to input it cannot read, e.g. `{"error":"draft: invalid JSON"}`. */
export interface ErrorResult {
  error: string;
  /** Only from extractJson/parsePriceJson when a line number was given (never from this module). */
  line?: number;
}

/** The keys of a draft (and of the CLI's product output) that the draft rules read and write. */
export type DraftField =
  | "name"
  | "description"
  | "price"
  | "currency"
  | "compare_at_price"
  | "category"
  | "sizes"
  | "colors"
  | "tags";

/**
 * A product draft as the review screen edits it. As input every key is optional (missing: empty/null)
 * and other keys (sold_out, confidence, ...) are ignored; as output every key is present, in this order.
 */
export interface DraftJson {
  name: string;
  description: string;
  /** Selling price of one unit; null: "DM for price". Whole amounts are JSON integers. */
  price: number | null;
  /** ISO 4217 code, e.g. "KES". */
  currency: string;
  /** The old price shown struck through; must be above price. */
  compare_at_price: number | null;
  /** One of Category once valid; any text is accepted as input and reported by the rules. */
  category: Category | string;
  /** Normalised: "M", "XL", "3XL", "38", "One Size". */
  sizes: string[];
  /** Lower-case English: "red", "grey", "multicolor". */
  colors: string[];
  /** Lower-case, without '#'. */
  tags: string[];
}

/**
 * The seller's edits (the plan's product_draft.sellerEdits). null clears description, price,
 * compareAtPrice, tags, sizes and colors; null for name, currency or category is a "required" error.
 * Any other key is an "unknown_field" error.
 */
export interface SellerEdits {
  name?: string;
  description?: string | null;
  price?: number | null;
  compareAtPrice?: number | null;
  category?: Category | string;
  tags?: string[] | null;
  sizes?: string[] | null;
  colors?: string[] | null;
  currency?: string;
}

/** Stable codes of FieldError, for programs; the message is for the seller. */
export type FieldErrorCode =
  | "not_an_object"
  | "unknown_field"
  | "wrong_type"
  | "required"
  | "too_long"
  | "invalid_utf8"
  | "not_finite"
  | "not_positive"
  | "too_large"
  | "not_above_price"
  | "without_price"
  | "unknown_currency"
  | "unknown_category"
  | "too_many"
  | "empty"
  | "duplicate"
  | "not_normalized";

/** One problem with one field: `field` is a DraftField, an unknown edit key, or "" for the whole input. */
export interface FieldError {
  field: DraftField | string;
  code: FieldErrorCode;
  /** One sentence a seller understands, e.g. "The price must be more than 0. ..." */
  message: string;
}

/** applyEdits: the edited, normalised draft and every problem (reading, edits, then validation). */
export interface ApplyEditsResult {
  draft: DraftJson;
  /** Empty means the draft may be approved. */
  errors: FieldError[];
}

/** validateDraft: `ok` is true exactly when `errors` is empty. */
export interface ValidateDraftResult {
  ok: boolean;
  errors: FieldError[];
  /** The input normalised as the rules would store it. */
  draft: DraftJson;
}

/** slugify: a URL slug, lower-case ASCII, at most 80 characters, never empty. */
export interface SlugResult {
  slug: string;
}

/** A half-open byte range [begin, end) of the caption. */
export type Span = [number, number];

/** The fields that carry a confidence and evidence in the core's product output. */
export type ScoredField = "name" | "price" | "currency" | "compare_at_price" | "category" | "sizes" | "colors";

/** A product as the core extracts it (one entry of extractJson's "products"). */
export interface ProductJson extends DraftJson {
  sold_out: boolean;
  /** Overall confidence in [0, 1]; >= 0.9 means "safe to auto-approve". */
  confidence: number;
  field_confidence: Record<ScoredField, number>;
  evidence: Record<ScoredField, Span[]>;
}

/** extractJson's answer for one post. */
export interface ExtractResult {
  id: string;
  is_product: boolean;
  /** Why the post is not a product ("greeting", "giveaway", ...), only when is_product is false. */
  reason?: string;
  products: ProductJson[];
}

/** parsePriceJson's answer. */
export interface ParsePriceResult {
  amount: number | null;
  currency: string | null;
}

/** A model's value and the caption text it quotes as its evidence. */
export interface QuotedValue<T> {
  value: T;
  quote: string;
}

/** One item of a language model's answer (second_opinion.h ModelItem). */
export interface ModelItemJson {
  name?: QuotedValue<string> | null;
  price?: QuotedValue<number> | null;
  currency?: QuotedValue<string> | null;
  compare_at_price?: QuotedValue<number> | null;
  category?: string | null;
  sizes?: QuotedValue<string[]> | null;
  colors?: QuotedValue<string[]> | null;
}

/** The fields the engine scores, which a second opinion weighs. */
export type ScoredField = "name" | "price" | "currency" | "compare_at_price" | "category" | "sizes" | "colors";

/** Where a field's value came from after a second opinion. */
export type OpinionSource = "engine" | "model" | "both";

/** secondOpinion: the merged product, each field's source, the two readings of a disputed field. */
export interface SecondOpinionJson extends ProductJson {
  sources: Record<ScoredField, OpinionSource>;
  disputes: Partial<Record<ScoredField, { engine: unknown; model: unknown; quote: string }>>;
  /** Fields whose model value quoted text that is not in the caption (the value was dropped). */
  dropped: ScoredField[];
  /** A disputed price: never auto-approved. */
  price_disputed: boolean;
}

/** The fields a sync merge can report as a conflict (lists merge element-wise and never conflict). */
export type ConflictField = "name" | "description" | "price" | "currency" | "compare_at_price" | "category";

/** A field the seller and the edited caption both changed, to different values. */
export interface SyncConflict {
  field: ConflictField;
  base: string | number | null;
  theirs: string | number | null;
  ours: string | number | null;
}

/** syncMerge: the merged draft (conflicting fields keep ours), conflicts, and fields taken from theirs. */
export interface SyncMergeResult {
  merged: DraftJson & { sold_out: boolean };
  conflicts: SyncConflict[];
  updated: DraftField[];
}

/** One field of the registry (shared/include/vendly/registry.h FieldInfo). */
export interface FieldInfoJson {
  /** Key in the CLI's JSON lines and in this module's drafts. */
  cli: string;
  /** Key in the HTTP API and in SellerEdits. */
  api: string;
  /** The form label. */
  title: string;
  kind: "text" | "amount" | "list";
  required: boolean;
  /** The extractor gives it a confidence and evidence. */
  scored: boolean;
  /** A sync merge can report it as a conflict. */
  conflicts: boolean;
  /** Code points of the text or of each list entry; 0: no limit of its own. */
  maxLength: number;
  /** Lists only; 0 otherwise. */
  maxEntries: number;
}

/**
 * constants(): the core's registry. web/app/lib/registry.ts is the same object, generated by
 * scripts/gen-constants, for code that runs before (or without) the module.
 */
export interface ConstantsJson {
  fields: FieldInfoJson[];
  /** API spellings of the other keys of the core's JSON ("sold_out" -> "soldOut"). */
  keys: Record<string, string>;
  limits: Record<string, number>;
  thresholds: { autoApproveDefault: number; highConfidence: number };
  drafts: { lifetimeDays: number; expiringSoonHours: number };
  /** ISO codes a store may use, the default first. */
  currencies: string[];
  defaultCurrency: string;
  categories: Category[];
}

/** The module's functions. Every argument and every answer is JSON text unless said otherwise. */
export interface VendlyCatalog {
  /**
   * One post {"id","caption","store_currency","media_type","children"} -> ExtractResult | ErrorResult.
   */
  extractJson(postJson: string): string;

  /** {"price_raw","currency_raw","decimal_separator"} -> ParsePriceResult | ErrorResult. */
  parsePriceJson(lineJson: string): string;

  /** (DraftJson, SellerEdits) -> ApplyEditsResult | ErrorResult. */
  applyEdits(draftJson: string, editsJson: string): string;

  /** DraftJson -> ValidateDraftResult | ErrorResult. */
  validateDraft(draftJson: string): string;

  /**
   * `name` is plain text, not JSON; `takenJson` is a JSON array of the store's slugs ("" or "null": none)
   * -> SlugResult (the first of slug, slug-2, slug-3, ... not taken) | ErrorResult.
   */
  slugify(name: string, takenJson: string): string;

  /**
   * (ProductJson, the caption as plain text, ModelItemJson or "null") -> SecondOpinionJson | ErrorResult.
   */
  secondOpinion(coreProductJson: string, caption: string, modelItemJson: string): string;

  /**
   * (base, theirs, ours): the extraction the product came from, the extraction of the edited caption
   * (its "sold_out" is passed through), the product as the seller has it; each DraftJson
   * -> SyncMergeResult | ErrorResult.
   */
  syncMerge(baseJson: string, theirsJson: string, oursJson: string): string;

  /** () -> ConstantsJson. */
  constants(): string;
}

/** The Emscripten module factory (-sMODULARIZE -sEXPORT_ES6 -sEXPORT_NAME=createVendlyCatalog). */
declare function createVendlyCatalog(options?: VendlyCatalogOptions): Promise<VendlyCatalog>;
export default createVendlyCatalog;
