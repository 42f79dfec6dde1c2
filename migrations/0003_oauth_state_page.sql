-- A seller who manages several Pages can name the Page of this store when asking for the auth URL
-- (GET /api/instagram/auth/url?pageId=...); the callback then connects that Page's Instagram account.
ALTER TABLE oauth_state ADD COLUMN page_id text CHECK (page_id IS NULL OR length(page_id) <= 64);
