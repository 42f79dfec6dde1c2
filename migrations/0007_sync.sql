-- Incremental sync (server/src/sync.cc). Every post a poll has looked at, product or not, with the hash of the
-- caption it last saw: the next poll stops at the first post it knows, a caption edit is noticed by its hash,
-- and a walk of the recent catalog that no longer lists a post marks it deleted_at.
CREATE TABLE sync_seen_media (
  store_id      text NOT NULL REFERENCES store (id) ON DELETE CASCADE,
  ig_media_id   text NOT NULL,
  ig_timestamp  timestamptz NOT NULL,
  caption_hash  text NOT NULL,  -- SHA-256 of the caption (empty caption: of "")
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  deleted_at    timestamptz,
  PRIMARY KEY (store_id, ig_media_id)
);
CREATE INDEX sync_seen_media_store_ts_idx ON sync_seen_media (store_id, ig_timestamp DESC);

-- A connection's poll rhythm: the interval its last poll chose (activity and rate budget) and when its recent
-- catalog was last walked for edits and deletions.
ALTER TABLE instagram_connection ADD COLUMN poll_interval_seconds integer;
ALTER TABLE instagram_connection ADD COLUMN last_walked_at timestamptz;
