-- Bulk import. One row per post a scan has finished with, written in the transaction that writes the post's
-- drafts: a scan that dies resumes by skipping the posts it has rows for, and its counters are counts of
-- these rows, so they stay exact however often the worker is killed.
CREATE TABLE scan_item (
  scan_id      text NOT NULL REFERENCES instagram_sync_history (id) ON DELETE CASCADE,
  ig_media_id  text NOT NULL,
  outcome      text NOT NULL CHECK (outcome IN ('drafted', 'skipped', 'failed')),
  drafts       integer NOT NULL DEFAULT 0,  -- drafts created or updated for the post
  products     integer NOT NULL DEFAULT 0,  -- of which auto-approved into products
  reason       text,                        -- why skipped ("greeting", "no_caption", ...) or failed
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scan_id, ig_media_id)
);

-- "SOLD OUT" in a caption marks a product out of stock without touching its inventory figures.
ALTER TABLE product ADD COLUMN in_stock boolean NOT NULL DEFAULT true;

-- The drafts a scan touched, newest post first (GET /api/instagram/scan/:id).
DROP INDEX product_draft_sync_history_idx;
CREATE INDEX product_draft_scan_idx ON product_draft (sync_history_id, ig_timestamp DESC);
