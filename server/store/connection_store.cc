#include "store/connection_store.h"

namespace vendly::server {
namespace {

Status Done(const Result<Rows>& rows) { return rows.ok() ? Status::Ok() : rows.status(); }

const char kUpsertConnection[] =
    "INSERT INTO instagram_connection (store_id, seller_id, login_path, fb_user_id,"
    " ig_business_account_id, ig_username, fb_page_id, fb_page_name, access_token_ciphertext,"
    " access_token_key_id, expires_at, user_token_ciphertext, user_token_key_id,"
    " user_token_expires_at, granted_scopes, status, last_validated_at, webhook_subscribed,"
    " logged_in_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::bytea, $10, NULL, $11::bytea, $10,"
    "  now() + make_interval(secs => $12::double precision), $13::jsonb, 'active', now(), $14,"
    "  now())"
    " ON CONFLICT (store_id) DO UPDATE SET login_path = EXCLUDED.login_path,"
    " fb_user_id = EXCLUDED.fb_user_id, ig_business_account_id = EXCLUDED.ig_business_account_id,"
    " ig_username = EXCLUDED.ig_username, fb_page_id = EXCLUDED.fb_page_id,"
    " fb_page_name = EXCLUDED.fb_page_name,"
    " access_token_ciphertext = EXCLUDED.access_token_ciphertext,"
    " access_token_key_id = EXCLUDED.access_token_key_id, expires_at = EXCLUDED.expires_at,"
    " user_token_ciphertext = EXCLUDED.user_token_ciphertext,"
    " user_token_key_id = EXCLUDED.user_token_key_id,"
    " user_token_expires_at = EXCLUDED.user_token_expires_at,"
    " granted_scopes = EXCLUDED.granted_scopes, status = 'active', error_code = NULL,"
    " error_message = NULL, last_validated_at = now(),"
    " webhook_subscribed = EXCLUDED.webhook_subscribed, logged_in_at = now(), updated_at = now()"
    " RETURNING id, ig_username, status";

}  // namespace

Result<std::optional<SealedConnection>> FindConnection(Db& db, const std::string& store_id) {
  auto rows = db.Exec(
      "SELECT id, store_id, ig_business_account_id, ig_username, status,"
      " access_token_ciphertext, access_token_key_id FROM instagram_connection WHERE store_id = $1",
      {store_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<SealedConnection>();
  return std::optional<SealedConnection>(SealedConnection{
      rows->Text(0, "id"), rows->Text(0, "store_id"), rows->Text(0, "ig_business_account_id"),
      rows->Text(0, "ig_username"), rows->Text(0, "status"),
      DecodeByteaHex(rows->Text(0, "access_token_ciphertext")),
      rows->Text(0, "access_token_key_id")});
}

Result<std::optional<ConnectionSummary>> FindConnectionSummary(Db& db,
                                                               const std::string& store_id) {
  auto r = db.Exec(
      "SELECT id, ig_username, ig_business_account_id, status, iso_utc(last_validated_at) AS "
      "last_validated_at, webhook_subscribed, fb_page_name, error_code, error_message, login_path,"
      " extract(epoch FROM now() - logged_in_at)::bigint AS login_age_seconds"
      " FROM instagram_connection WHERE store_id = $1",
      {store_id});
  if (!r.ok()) return r.status();
  if (r->empty()) return std::optional<ConnectionSummary>();
  ConnectionSummary c;
  c.id = r->Text(0, "id");
  c.ig_username = r->Text(0, "ig_username");
  c.ig_user_id = r->Text(0, "ig_business_account_id");
  c.status = r->Text(0, "status");
  c.last_validated_at = r->Get(0, "last_validated_at");
  c.webhook_subscribed = r->Bool(0, "webhook_subscribed");
  c.fb_page_name = r->Get(0, "fb_page_name");
  c.error_code = r->Get(0, "error_code");
  c.error_message = r->Text(0, "error_message");
  c.login_path = r->Text(0, "login_path");
  if (auto age = r->Get(0, "login_age_seconds")) c.login_age_seconds = std::stoll(*age);
  return std::optional<ConnectionSummary>(c);
}

Result<SavedConnection> UpsertConnection(Db& db, const ConnectionGrant& g) {
  Param expires_in;
  if (g.user_token_expires_in) expires_in = std::to_string(*g.user_token_expires_in);
  auto saved =
      db.Exec(kUpsertConnection,
              {g.store_id, g.seller_id, g.login_path, g.fb_user_id, g.ig_user_id, g.ig_username,
               g.page_id, g.page_name, EncodeByteaHex(g.sealed_access_token), g.key_id,
               EncodeByteaHex(g.sealed_user_token), expires_in, g.granted_scopes.dump(),
               g.webhook_subscribed ? "true" : "false"});
  if (!saved.ok()) return saved.status();
  return SavedConnection{saved->Text(0, "id"), saved->Text(0, "ig_username"),
                         saved->Text(0, "status")};
}

Result<std::optional<RemovedConnection>> RemoveConnection(Db& db, const std::string& store_id) {
  auto rows = db.Exec(
      "DELETE FROM instagram_connection c WHERE store_id = $1 RETURNING id, login_path,"
      " fb_user_id, fb_page_id, access_token_ciphertext, access_token_key_id,"
      " (SELECT count(*) FROM instagram_connection o WHERE o.fb_user_id = c.fb_user_id"
      "  AND o.id <> c.id) AS others",
      {store_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<RemovedConnection>();
  RemovedConnection r;
  r.id = rows->Text(0, "id");
  r.login_path = rows->Text(0, "login_path");
  r.fb_user_id = rows->Get(0, "fb_user_id");
  r.page_id = rows->Get(0, "fb_page_id");
  r.sealed_token = DecodeByteaHex(rows->Text(0, "access_token_ciphertext"));
  r.token_key_id = rows->Text(0, "access_token_key_id");
  r.others_of_user = std::stoll(rows->Text(0, "others"));
  return std::optional<RemovedConnection>(std::move(r));
}

Status MarkConnectionValidated(Db& db, const std::string& id, const std::string& store_id,
                               const std::string& ig_username) {
  return Done(
      db.Exec("UPDATE instagram_connection SET status = 'active', last_validated_at = now(),"
              " ig_username = $3, error_code = NULL, error_message = NULL, updated_at = now()"
              " WHERE id = $1 AND store_id = $2",
              {id, store_id, ig_username}));
}

Result<bool> MarkConnectionExpired(Conn& conn, const std::string& id, const std::string& store_id,
                                   const std::string& error_code,
                                   const std::string& error_message) {
  auto upd = conn.Exec(
      "UPDATE instagram_connection SET status = 'expired', error_code = $3, error_message = $4,"
      " updated_at = now() WHERE id = $1 AND store_id = $2 AND status <> 'expired'"
      " RETURNING id",
      {id, store_id, error_code, error_message});
  if (!upd.ok()) return upd.status();
  return !upd->empty();
}

Status RecordConnectionFailure(Db& db, const std::string& id, const std::string& store_id,
                               const std::string& error_code, const std::string& error_message,
                               bool mark_error) {
  return Done(db.Exec(
      "UPDATE instagram_connection SET error_code = $3, error_message = $4, updated_at = now(),"
      " status = CASE WHEN $5::boolean THEN 'error' ELSE status END"
      " WHERE id = $1 AND store_id = $2",
      {id, store_id, error_code, error_message, mark_error ? "true" : "false"}));
}

Result<std::optional<ConnectionOwner>> FindConnectionOwner(Conn& conn, const std::string& id) {
  auto rows = conn.Exec("SELECT store_id, status FROM instagram_connection WHERE id = $1", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<ConnectionOwner>();
  return std::optional<ConnectionOwner>(
      ConnectionOwner{rows->Text(0, "store_id"), rows->Text(0, "status")});
}

Status InsertOAuthState(Db& db, const OAuthState& s, int minutes) {
  return Done(db.Exec(
      "INSERT INTO oauth_state (state_hash, seller_id, store_id, redirect_uri, expires_at, page_id)"
      " VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5::int), $6)",
      {s.state_hash, s.seller_id, s.store_id, s.redirect_uri, std::to_string(minutes), s.page_id}));
}

Status PurgeOAuthStates(Db& db) {
  return Done(db.Exec("DELETE FROM oauth_state WHERE expires_at < now() - interval '1 day'"));
}

Result<StateLookup> ConsumeOAuthState(Db& db, const std::string& state_hash) {
  auto consumed = db.Exec(
      "UPDATE oauth_state SET used_at = now() WHERE state_hash = $1 AND used_at IS NULL"
      " AND expires_at > now() RETURNING seller_id, store_id, redirect_uri, page_id",
      {state_hash});
  if (!consumed.ok()) return consumed.status();
  StateLookup lookup;
  if (!consumed->empty()) {
    lookup.known = true;
    lookup.consumed =
        OAuthState{state_hash, consumed->Text(0, "seller_id"), consumed->Text(0, "store_id"),
                   consumed->Text(0, "redirect_uri"), consumed->Get(0, "page_id")};
    return lookup;
  }
  auto known = db.Exec("SELECT used_at IS NOT NULL AS used FROM oauth_state WHERE state_hash = $1",
                       {state_hash});
  if (!known.ok()) return known.status();
  lookup.known = !known->empty();
  lookup.used = lookup.known && known->Bool(0, "used");
  return lookup;
}

Result<std::vector<SealedConnection>> StoresDueForTokenCheck(Db& db, int hours, int limit) {
  auto due = db.Exec(
      "SELECT id, store_id, ig_business_account_id, ig_username, status, access_token_ciphertext,"
      " access_token_key_id FROM instagram_connection WHERE status = 'active'"
      " AND login_path = 'facebook_login' AND (throttled_until IS NULL OR throttled_until <= now())"
      " AND (last_validated_at IS NULL"
      "  OR last_validated_at < now() - make_interval(hours => $1::int))"
      " ORDER BY last_validated_at NULLS FIRST, id LIMIT $2::int",
      {std::to_string(hours), std::to_string(limit)});
  if (!due.ok()) return due.status();
  std::vector<SealedConnection> connections;
  for (int i = 0; i < due->size(); ++i)
    connections.push_back(SealedConnection{due->Text(i, "id"), due->Text(i, "store_id"),
                                           due->Text(i, "ig_business_account_id"),
                                           due->Text(i, "ig_username"), due->Text(i, "status"),
                                           DecodeByteaHex(due->Text(i, "access_token_ciphertext")),
                                           due->Text(i, "access_token_key_id")});
  return connections;
}

}  // namespace vendly::server
