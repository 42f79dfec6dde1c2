-- Token lifecycle on the Facebook Login path (issue 13 item 2): the Page token the catalog reads with does not
-- expire, so its health comes from a cheap check about once a day (last_validated_at, jobs/token_refresh.cc); the
-- long-lived user token (~60 days, which Meta renews only through a new sign-in) is no expiry but a reminder
-- (vendly::LoginAgeReminder), counted from the sign-in it came from.
ALTER TABLE instagram_connection ADD COLUMN logged_in_at timestamptz;
-- Connections made before: the sign-in is the user token's issue (Meta answers expires_in 5183944), else the row's.
UPDATE instagram_connection
   SET logged_in_at = COALESCE(user_token_expires_at - make_interval(secs => 5183944), created_at);
CREATE INDEX ig_connection_validated_idx ON instagram_connection (last_validated_at) WHERE status = 'active';
