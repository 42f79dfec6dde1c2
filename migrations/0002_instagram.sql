-- The plan's section 2 tables with ARCHITECTURE.md's corrections: tokens AES-256-GCM encrypted with a
-- key id; draft uniqueness per (store_id, ig_media_id, item_index). Plus jobs, media assets,
-- notifications, sync conflicts and data-deletion requests. Indexes of the plan's 7.3.

CREATE TABLE instagram_connection (
  id                        text PRIMARY KEY DEFAULT vendly_id('igc'),
  store_id                  text NOT NULL REFERENCES store (id) ON DELETE CASCADE,
  seller_id                 text NOT NULL REFERENCES seller (id) ON DELETE CASCADE,
  login_path                text NOT NULL DEFAULT 'facebook_login'
                              CHECK (login_path IN ('facebook_login', 'instagram_login')),
  fb_user_id                text,  -- app-scoped user id: the key of Meta's deletion/deauthorize callbacks
  ig_business_account_id    text NOT NULL,
  ig_username               text,
  fb_page_id                text,  -- NULL on the Instagram Login path (no Page)
  fb_page_name              text,
  -- The token used for Instagram calls (the Page token on the Facebook Login path), sealed with
  -- AES-256-GCM (nonce | ciphertext | tag) under key access_token_key_id. Never stored in clear.
  access_token_ciphertext   bytea NOT NULL,
  access_token_key_id       text NOT NULL,
  token_type                text NOT NULL DEFAULT 'bearer',
  expires_at                timestamptz,  -- NULL: the token does not expire (Page token)
  -- The long-lived user token (about 60 days), sealed the same way; re-reads Pages, debug_token.
  user_token_ciphertext     bytea,
  user_token_key_id         text,
  user_token_expires_at     timestamptz,
  granted_scopes            jsonb NOT NULL DEFAULT '[]'::jsonb,
  status                    text NOT NULL DEFAULT 'active'
                              CHECK (status IN ('active', 'expired', 'revoked', 'error')),
  last_validated_at         timestamptz,
  error_code                text,
  error_message             text,
  webhook_subscribed        boolean NOT NULL DEFAULT false,
  api_calls_today           integer NOT NULL DEFAULT 0,
  usage                     jsonb,  -- last X-App-Usage / X-Business-Use-Case-Usage seen
  throttled_until           timestamptz,
  last_polled_at            timestamptz,
  next_poll_at              timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ig_connection_store_uq ON instagram_connection (store_id);
CREATE UNIQUE INDEX ig_connection_ig_account_uq ON instagram_connection (ig_business_account_id);
CREATE INDEX ig_connection_fb_user_idx ON instagram_connection (fb_user_id);
CREATE INDEX ig_connection_next_poll_idx ON instagram_connection (next_poll_at) WHERE status = 'active';

CREATE TABLE product (
  id                   text PRIMARY KEY DEFAULT vendly_id('prd'),
  store_id             text NOT NULL REFERENCES store (id) ON DELETE CASCADE,
  name                 text NOT NULL,
  slug                 text NOT NULL,
  description          text NOT NULL DEFAULT '',
  sku                  text,
  price                numeric(14, 2),
  currency             char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  compare_at_price     numeric(14, 2),  -- the "old price" of a sale
  cost_per_item        numeric(14, 2),
  track_inventory      boolean NOT NULL DEFAULT true,
  inventory_quantity   integer NOT NULL DEFAULT 0,
  allow_backorder      boolean NOT NULL DEFAULT false,
  low_stock_threshold  integer NOT NULL DEFAULT 5,
  categories           jsonb NOT NULL DEFAULT '[]'::jsonb,
  tags                 jsonb NOT NULL DEFAULT '[]'::jsonb,
  sizes                jsonb NOT NULL DEFAULT '[]'::jsonb,
  colors               jsonb NOT NULL DEFAULT '[]'::jsonb,
  collection_id        text,
  images               jsonb NOT NULL DEFAULT '[]'::jsonb,  -- media-store URLs, never Instagram CDN URLs
  videos               jsonb NOT NULL DEFAULT '[]'::jsonb,
  ai_generated_model_url text,
  source_type          text NOT NULL DEFAULT 'manual'
                         CHECK (source_type IN ('instagram', 'whatsapp_catalog', 'manual')),
  source_external_id   text,     -- Instagram media id
  source_item_index    integer,  -- which product of a multi-product post
  source_external_url  text,
  source_caption       text,
  source_imported_at   timestamptz,
  -- For the three-way merge of an edited caption: the extraction the product was built from, and the
  -- fields the seller has changed since.
  source_extraction    jsonb,
  seller_edited_fields jsonb NOT NULL DEFAULT '[]'::jsonb,
  has_variants         boolean NOT NULL DEFAULT false,
  status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
  is_active            boolean NOT NULL DEFAULT false,
  is_featured          boolean NOT NULL DEFAULT false,
  is_seasonal          boolean NOT NULL DEFAULT false,
  available_from       timestamptz,
  available_until      timestamptz,
  meta_title           text,
  meta_description     text,
  total_sold           integer NOT NULL DEFAULT 0,
  total_views          integer NOT NULL DEFAULT 0,
  total_likes          integer NOT NULL DEFAULT 0,
  average_rating       double precision NOT NULL DEFAULT 0,
  total_reviews        integer NOT NULL DEFAULT 0,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX product_slug_store_uq ON product (store_id, slug);
CREATE INDEX product_store_idx ON product (store_id);
CREATE INDEX product_source_external_id_idx ON product (source_external_id);
CREATE INDEX product_status_idx ON product (status);
CREATE INDEX product_store_status_idx ON product (store_id, status);
CREATE UNIQUE INDEX product_source_item_uq ON product (store_id, source_external_id, source_item_index)
  WHERE source_type = 'instagram';

CREATE TABLE instagram_sync_history (
  id                 text PRIMARY KEY DEFAULT vendly_id('scan'),
  store_id           text NOT NULL REFERENCES store (id) ON DELETE CASCADE,
  connection_id      text NOT NULL REFERENCES instagram_connection (id) ON DELETE CASCADE,
  sync_type          text NOT NULL
                       CHECK (sync_type IN ('bulk_import', 'incremental_sync', 'webhook_trigger', 'manual_refresh')),
  trigger_source     text NOT NULL CHECK (trigger_source IN ('user_initiated', 'webhook', 'scheduled_job')),
  status             text NOT NULL DEFAULT 'queued'
                       CHECK (status IN ('queued', 'processing', 'success', 'partial_success', 'failed', 'cancelled')),
  request            jsonb NOT NULL DEFAULT '{}'::jsonb,  -- e.g. {"limit":100,"includeVideos":false}
  total_media        integer NOT NULL DEFAULT 0,
  total_processed    integer NOT NULL DEFAULT 0,
  drafts_created     integer NOT NULL DEFAULT 0,
  products_imported  integer NOT NULL DEFAULT 0,
  products_updated   integer NOT NULL DEFAULT 0,
  products_skipped   integer NOT NULL DEFAULT 0,
  products_failed    integer NOT NULL DEFAULT 0,
  errors             jsonb NOT NULL DEFAULT '[]'::jsonb,
  duration_ms        integer,
  api_calls_used     integer,
  metadata           jsonb,
  started_at         timestamptz NOT NULL DEFAULT now(),
  completed_at       timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_history_store_idx ON instagram_sync_history (store_id);
CREATE INDEX sync_history_created_idx ON instagram_sync_history (created_at);
CREATE INDEX sync_history_store_created_idx ON instagram_sync_history (store_id, created_at DESC);

CREATE TABLE product_draft (
  id                text PRIMARY KEY DEFAULT vendly_id('draft'),
  store_id          text NOT NULL REFERENCES store (id) ON DELETE CASCADE,
  ig_media_id       text NOT NULL,
  item_index        integer NOT NULL DEFAULT 0 CHECK (item_index >= 0),  -- product n of the post
  ig_media_url      text,  -- may be missing (copyright-flagged media): thumbnail_url is the fallback
  ig_permalink      text NOT NULL,
  ig_caption        text,
  ig_caption_hash   text,  -- SHA-256 of the caption the draft was extracted from
  ig_media_type     text NOT NULL CHECK (ig_media_type IN ('IMAGE', 'VIDEO', 'CAROUSEL_ALBUM')),
  ig_timestamp      timestamptz NOT NULL,
  extracted_data    jsonb NOT NULL,
  confidence        double precision NOT NULL DEFAULT 0 CHECK (confidence >= 0 AND confidence <= 1),
  image_urls        jsonb NOT NULL DEFAULT '[]'::jsonb,
  video_urls        jsonb NOT NULL DEFAULT '[]'::jsonb,
  approval_status   text NOT NULL DEFAULT 'pending'
                      CHECK (approval_status IN ('pending', 'approved', 'rejected', 'expired')),
  approved_at       timestamptz,
  rejected_at       timestamptz,
  rejection_reason  text,
  seller_edits      jsonb,
  product_id        text REFERENCES product (id) ON DELETE SET NULL,
  sync_history_id   text REFERENCES instagram_sync_history (id) ON DELETE SET NULL,
  expires_at        timestamptz NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX product_draft_store_media_item_uq ON product_draft (store_id, ig_media_id, item_index);
CREATE INDEX product_draft_store_idx ON product_draft (store_id);
CREATE INDEX product_draft_status_idx ON product_draft (approval_status);
CREATE INDEX product_draft_store_status_idx ON product_draft (store_id, approval_status, created_at DESC);
CREATE INDEX product_draft_expires_idx ON product_draft (expires_at) WHERE approval_status = 'pending';
CREATE INDEX product_draft_sync_history_idx ON product_draft (sync_history_id);

CREATE TABLE instagram_webhook_event (
  id                 text PRIMARY KEY DEFAULT vendly_id('whe'),
  webhook_id         text NOT NULL,
  dedupe_key         text NOT NULL,  -- SHA-256 of the change as delivered: Meta re-delivers duplicates
  event_type         text NOT NULL,
  field              text NOT NULL,
  ig_user_id         text NOT NULL,
  ig_media_id        text,
  raw_payload        jsonb NOT NULL,
  processing_status  text NOT NULL DEFAULT 'pending'
                       CHECK (processing_status IN ('pending', 'processing', 'completed', 'failed', 'ignored')),
  processed_at       timestamptz,
  processing_error   text,
  retry_count        integer NOT NULL DEFAULT 0,
  connection_id      text REFERENCES instagram_connection (id) ON DELETE SET NULL,
  draft_id           text REFERENCES product_draft (id) ON DELETE SET NULL,
  received_at        timestamptz NOT NULL DEFAULT now(),
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX webhook_event_dedupe_uq ON instagram_webhook_event (dedupe_key);
CREATE INDEX webhook_event_status_idx ON instagram_webhook_event (processing_status);
CREATE INDEX webhook_event_ig_media_idx ON instagram_webhook_event (ig_media_id);
CREATE INDEX webhook_event_ig_user_idx ON instagram_webhook_event (ig_user_id);
CREATE INDEX webhook_event_received_idx ON instagram_webhook_event (received_at);

-- Background work. A worker claims a row with
--   SELECT ... WHERE (status = 'queued' AND run_at <= now()) OR (status = 'running' AND lease_expires_at < now())
--   ORDER BY priority DESC, run_at FOR UPDATE SKIP LOCKED LIMIT 1
-- then sets status 'running', locked_by and a lease; a crashed worker's lease runs out and the job is retried.
CREATE TABLE job (
  id                text PRIMARY KEY DEFAULT vendly_id('job'),
  kind              text NOT NULL,  -- 'scan', 'poll', 'webhook', 'media_copy', 'draft_expiry', ...
  store_id          text REFERENCES store (id) ON DELETE CASCADE,
  payload           jsonb NOT NULL DEFAULT '{}'::jsonb,
  dedupe_key        text,  -- at most one queued/running job per key (e.g. one poll per connection)
  status            text NOT NULL DEFAULT 'queued'
                      CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  priority          integer NOT NULL DEFAULT 0,
  run_at            timestamptz NOT NULL DEFAULT now(),
  attempts          integer NOT NULL DEFAULT 0,
  max_attempts      integer NOT NULL DEFAULT 5,
  locked_by         text,
  lease_expires_at  timestamptz,
  last_error        text,
  result            jsonb,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  finished_at       timestamptz
);
CREATE INDEX job_ready_idx ON job (priority DESC, run_at) WHERE status = 'queued';
CREATE INDEX job_lease_idx ON job (lease_expires_at) WHERE status = 'running';
CREATE INDEX job_store_idx ON job (store_id, created_at DESC);
CREATE UNIQUE INDEX job_dedupe_active_uq ON job (dedupe_key)
  WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running');

-- Images and videos copied out of Instagram's expiring CDN into our media store.
CREATE TABLE media_asset (
  id            text PRIMARY KEY DEFAULT vendly_id('med'),
  store_id      text NOT NULL REFERENCES store (id) ON DELETE CASCADE,
  ig_media_id   text,
  position      integer NOT NULL DEFAULT 0,  -- order within a carousel
  source_url    text,
  storage_key   text,  -- path under VENDLY_MEDIA_DIR (or object key)
  content_type  text,
  byte_size     bigint,
  sha256        text,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'stored', 'failed')),
  error         text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX media_asset_store_media_pos_uq ON media_asset (store_id, ig_media_id, position);
CREATE INDEX media_asset_store_idx ON media_asset (store_id);

CREATE TABLE notification (
  id          text PRIMARY KEY DEFAULT vendly_id('ntf'),
  store_id    text NOT NULL REFERENCES store (id) ON DELETE CASCADE,
  kind        text NOT NULL,  -- 'draft_created', 'connection_expired', 'sync_conflict', ...
  title       text NOT NULL,
  body        text NOT NULL DEFAULT '',
  data        jsonb NOT NULL DEFAULT '{}'::jsonb,
  read_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_store_created_idx ON notification (store_id, created_at DESC);
CREATE INDEX notification_unread_idx ON notification (store_id) WHERE read_at IS NULL;

-- A field both Instagram (an edited caption) and the seller changed: resolved side by side.
CREATE TABLE sync_conflict (
  id               text PRIMARY KEY DEFAULT vendly_id('cfl'),
  store_id         text NOT NULL REFERENCES store (id) ON DELETE CASCADE,
  product_id       text NOT NULL REFERENCES product (id) ON DELETE CASCADE,
  ig_media_id      text NOT NULL,
  field            text NOT NULL,
  base_value       jsonb,
  instagram_value  jsonb,
  seller_value     jsonb,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
  resolution       text CHECK (resolution IN ('instagram', 'seller', 'custom')),
  resolved_value   jsonb,
  sync_history_id  text REFERENCES instagram_sync_history (id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  resolved_at      timestamptz
);
CREATE INDEX sync_conflict_store_status_idx ON sync_conflict (store_id, status);
CREATE UNIQUE INDEX sync_conflict_open_uq ON sync_conflict (product_id, field) WHERE status = 'open';

-- Meta's data-deletion and deauthorize callbacks: one row per request, shown by the status URL.
CREATE TABLE data_deletion_request (
  id                 text PRIMARY KEY DEFAULT vendly_id('del'),
  confirmation_code  text NOT NULL UNIQUE,
  kind               text NOT NULL CHECK (kind IN ('data_deletion', 'deauthorize')),
  fb_user_id         text NOT NULL,
  status             text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'completed', 'failed')),
  connections_removed integer NOT NULL DEFAULT 0,
  created_at         timestamptz NOT NULL DEFAULT now(),
  completed_at       timestamptz
);
