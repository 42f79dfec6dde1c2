// Shapes of vendly-server's answers (server/README.md and server/API.md, plan section 5) and of the
// dashboard's form states.
// Field names, currencies, categories and limits are the core's (constants.ts), never listed here.
import type { ApiDraftJson, ApiEdits, ApiProductJson, ConflictField as CoreConflictField, FieldInfo, ListField, ScoredField } from '@/app/lib/constants';

type ScoredFieldInfo = Extract<FieldInfo, { scored: true }>;

export type Currency = string; // one of constants.ts CURRENCIES

export type Seller = { id: string; email: string; createdAt?: string };

export type Store = {
  id: string;
  name: string;
  currency: string;
  autoApprove: boolean;
  autoApproveThreshold: number; // 0..1
};

export type InstagramSummary = { connected: boolean; status?: ConnectionStatus; igUsername?: string };

export type Me = { seller: Seller; store: Store; instagram: InstagramSummary };

export type ConnectionStatus = 'active' | 'expired' | 'error' | (string & {});

export type InstagramConnection = {
  id: string;
  igUsername: string;
  igBusinessAccountId: string;
  status: ConnectionStatus;
  lastValidatedAt: string | null;
  webhookSubscribed: boolean;
  fbPageName?: string;
  errorCode?: string;
  errorMessage?: string;
  // The Facebook sign-in's age, from day 50: a reminder while the Page token works, never an expiry.
  loginReminder: { ageDays: number; lapsed: boolean; message: string } | null;
};

export type ConnectionResponse =
  | { connected: false; connection: null }
  | { connected: true; connection: InstagramConnection };

export type AuthUrlResponse = { authUrl: string; state: string };

// DELETE /api/instagram/connection: what was undone on Meta's side, best effort.
export type MetaRevocationState = 'revoked' | 'failed' | 'skipped';
export type DisconnectAnswer = { success: true; message: string; meta: { grant: MetaRevocationState; subscription: MetaRevocationState } };

// Every error of the server: {"error":{"code","message"}}.
export type ServerError = { code: string; message: string };

// What a form's server action returns: a message for the whole form and one per field.
export type FormState<Field extends string = string> = {
  error?: string;
  fieldErrors?: Partial<Record<Field, string>>;
  message?: string;
  // What was typed, so a form that failed shows it again (React resets a form after its action).
  values?: Partial<Record<Field, string>>;
};

// ---- Catalog (server/API.md) ----

export type Pagination = { total: number; page: number; limit: number; pages: number };

// One problem with one field, as the core's ValidateDraft reports it (field "" = the whole draft).
export type FieldProblem = { field: string; code: string; message: string };

export type MediaType = 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired';

// The keys of a PATCH (and of an approval's optional body): the seller's edits, the fields' API keys.
// null clears an optional field.
export type DraftEdits = ApiEdits;

// A language model's second opinion on a draft (issue 11), merged field by field by the core
// (vendly/second_opinion.h): where each scored field's value came from and, when the two sources
// disagree, both readings, in the draft's JSON shape for that field.
export type OpinionSource = 'engine' | 'model' | 'both';
export type FieldOpinion<F extends ScoredField = ScoredField> = {
  source: OpinionSource;
  disputed: boolean;
  engine: ApiDraftJson[F] | null;
  model: ApiDraftJson[F] | null;
};
export type SecondOpinion = {
  provider: 'openai' | 'gemini';
  model: string;
  // Keyed by the registry's field id (name, price, oldPrice, ...), not the API key.
  fields: { [F in ScoredFieldInfo as F['id']]?: FieldOpinion<F['api']> };
};

export type Draft = {
  id: string;
  igMediaId: string;
  itemIndex: number;
  igMediaUrl: string;
  permalink: string;
  mediaType: MediaType;
  caption: string;
  postedAt: string;
  extractedData: ApiProductJson; // evidence: UTF-8 byte spans into caption
  sellerEdits: DraftEdits | null;
  current: ApiDraftJson; // extractedData with sellerEdits applied by the core
  errors: FieldProblem[]; // empty: the draft may be approved
  confidence: number;
  imageUrls: string[];
  videoUrls: string[];
  approvalStatus: ApprovalStatus;
  secondOpinion: SecondOpinion | null; // null: no model was asked
  rejectionReason: string | null;
  productId: string | null;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
};

export type DraftCounts = { all: number; high: number; low: number; expiring: number };
export type DraftsPage = { drafts: Draft[]; pagination: Pagination; counts: DraftCounts };

export type ProductStatus = 'active' | 'archived' | 'draft';

// The draft fields (constants.ts ApiDraftJson), and the product's own.
export type Product = Omit<ApiDraftJson, 'category'> & {
  id: string;
  slug: string;
  category: string | null; // the first of categories
  categories: string[];
  images: string[];
  status: ProductStatus;
  inStock: boolean;
  sourceType: 'instagram' | 'manual';
  igMediaId: string | null;
  itemIndex: number | null;
  permalink: string | null;
  draftId: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ProductsPage = { products: Product[]; pagination: Pagination };

export type BatchApproveItem = {
  draftId: string;
  status: 'approved' | 'failed';
  productId?: string;
  error?: ServerError & { errors?: FieldProblem[] }; // errors: a draft the core finds incomplete
};
export type BatchApproveResponse = {
  success: boolean;
  results: { approved: number; failed: number };
  products: Product[];
  items: BatchApproveItem[];
};

// ---- Scans (plan 5.2) ----

export type ScanOptions = { includeCarousels: boolean; includeVideos: boolean; since: string | null; limit?: number };
export type ScanStarted = { scanId: string; status: ScanStatus; estimatedTime: number; alreadyRunning?: boolean };
export type ScanStatus = 'queued' | 'processing' | 'completed' | 'failed';

export type Scan = {
  scanId: string;
  status: ScanStatus;
  syncStatus: string | null;
  progress: {
    totalMedia: number; // 0 until the listing has been read
    processed: number;
    draftsCreated: number;
    productsImported: number;
    skipped: number;
    failed: number;
  };
  estimatedTimeRemaining: number | null; // seconds
  startedAt: string | null;
  completedAt: string | null;
  error: ServerError | null;
  drafts: Draft[]; // newest post first, at most draftsLimit
  draftsTotal: number;
};

// ---- Sync history (plan 5.5) ----

export type SyncType = 'bulk_import' | 'incremental_sync' | 'webhook_trigger' | 'manual_refresh';

export type SyncHistoryEntry = {
  id: string; // for a bulk_import, the scan's id
  syncType: SyncType | (string & {});
  triggerSource: string | null;
  status: string;
  totalMedia: number;
  totalProcessed: number;
  draftsCreated: number;
  productsImported: number;
  productsUpdated: number;
  productsSkipped: number;
  productsFailed: number;
  apiCallsUsed: number | null;
  errors: unknown[];
  startedAt: string | null;
  completedAt: string | null;
  durationMs: number | null;
};

export type SyncHistoryPage = { history: SyncHistoryEntry[]; pagination: Pagination };

// ---- Notifications (plan 6.4) ----

export type NotificationKind =
  | 'scan_completed'
  | 'scan_failed'
  | 'draft_created'
  | 'connection_expired'
  | 'product_archived'
  | 'sync_conflict';

export type Notification = {
  id: string;
  kind: NotificationKind | (string & {});
  title: string;
  body: string;
  data: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
};

export type NotificationsResponse = { notifications: Notification[]; unreadCount: number };

// What a mutation called from a client component returns: the server's answer, or its error.
export type Outcome<T> = ({ ok: true } & T) | { ok: false; error: string; code: string; errors?: FieldProblem[] };

export type SignupField = 'email' | 'password' | 'storeName' | 'currency';
export type LoginField = 'email' | 'password';
export type StoreSettingsField = 'currency' | 'autoApprove' | 'autoApproveThreshold';

// ---- Sync conflicts (US-5; server/API.md "Sync") ----

// A field's API key; a value is as in a draft (text, an amount in the major unit or null, a list of
// words).
export type ConflictField = CoreConflictField | ListField;
export type ConflictValue = string | number | string[] | null;

export type SyncConflict = {
  id: string;
  productId: string;
  productName: string;
  igMediaId: string;
  field: ConflictField | (string & {});
  baseValue: ConflictValue;
  instagramValue: ConflictValue;
  sellerValue: ConflictValue;
  status: 'open' | 'resolved';
  resolution: 'instagram' | 'seller' | 'custom' | null;
  resolvedValue: ConflictValue;
  createdAt: string;
  resolvedAt: string | null;
};

export type ConflictsResponse = { conflicts: SyncConflict[]; total: number };

// What the seller keeps: the caption's value, the store's, or one typed.
export type ConflictChoice = 'instagram' | 'vendly' | 'value';

export type SyncRequested = { syncId: string; status: string; alreadyQueued: boolean };
