// Instagram connections (plan 4.1): the instagram_connection row of a store as the OAuth flow,
// the validation and the jobs read and write it, and the single-use oauth_state rows of a login in
// progress. Typed rows in and out; tokens only ever cross this layer sealed (AES-256-GCM, see
// crypto/crypto.h), the caller seals and opens them. meta/instagram_oauth.cc gives them meaning.
// The usage headers and throttled_until are written by store/usage_store.h only.
#ifndef VENDLY_SERVER_STORE_CONNECTION_STORE_H_
#define VENDLY_SERVER_STORE_CONNECTION_STORE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

// A connection as the server uses it, token decrypted (keep it on the stack; never log it).
struct StoredConnection {
  std::string id;
  std::string store_id;
  std::string ig_user_id;
  std::string ig_username;
  std::string status;
  std::string access_token;
};

// A connection as stored: its access token still sealed.
struct SealedConnection {
  std::string id;
  std::string store_id;
  std::string ig_user_id;  // ig_business_account_id
  std::string ig_username;
  std::string status;                       // active, expired, error
  std::optional<std::string> sealed_token;  // nullopt when the stored bytes are malformed
  std::string token_key_id;
};
// The store's connection; nullopt when it has none.
Result<std::optional<SealedConnection>> FindConnection(Db& db, const std::string& store_id);

// What the dashboard is shown of a connection (no token, no Meta user id).
struct ConnectionSummary {
  std::string id;
  std::string ig_username;
  std::string ig_user_id;
  std::string status;
  std::optional<std::string> last_validated_at;  // ISO 8601 UTC
  bool webhook_subscribed = false;
  std::optional<std::string> fb_page_name;
  std::optional<std::string> error_code;
  std::string error_message;  // with error_code
  std::string login_path;     // facebook_login, instagram_login
  std::optional<long long>
      login_age_seconds;  // since the sign-in behind the tokens; nullopt: unknown
};
// The store's connection; nullopt when it has none.
Result<std::optional<ConnectionSummary>> FindConnectionSummary(Db& db, const std::string& store_id);

// A successful login, to store as the store's connection (a reconnect replaces the old one and
// makes it active again, its error cleared).
struct ConnectionGrant {
  std::string store_id;
  std::string seller_id;
  std::string login_path;
  std::string fb_user_id;
  std::string ig_user_id;
  std::string ig_username;
  std::string page_id;
  std::string page_name;
  std::string sealed_access_token;  // the token Graph calls use (the Page's, else the user's)
  std::string sealed_user_token;    // the long-lived user token (~60 days; re-reads Pages, revokes)
  std::string key_id;               // of both sealed tokens
  std::optional<long long> user_token_expires_in;  // seconds; nullopt: unknown
  nlohmann::json granted_scopes = nlohmann::json::array();
  bool webhook_subscribed = false;
};
struct SavedConnection {
  std::string id;
  std::string ig_username;
  std::string status;
};
// Inserts or replaces the store's connection. Fails with code "unique_violation" when the Instagram
// account is connected to another store.
Result<SavedConnection> UpsertConnection(Db& db, const ConnectionGrant& grant);

// A connection just deleted, with what undoing it on Meta's side needs.
struct RemovedConnection {
  std::string id;
  std::string login_path;
  std::optional<std::string> fb_user_id;
  std::optional<std::string> page_id;
  std::optional<std::string> sealed_token;  // the token in use (the Page's); nullopt if malformed
  std::string token_key_id;
  long long others_of_user = 0;  // other connections signed in by the same Facebook user
};
// Deletes the store's connection; nullopt when there was none.
Result<std::optional<RemovedConnection>> RemoveConnection(Db& db, const std::string& store_id);

// Meta accepted the connection's token just now: active again, username refreshed, error cleared.
Status MarkConnectionValidated(Db& db, const std::string& id, const std::string& store_id,
                               const std::string& ig_username);

// Marks the connection expired with the error, inside the caller's transaction. False when it was
// expired already (nothing written).
Result<bool> MarkConnectionExpired(Conn& conn, const std::string& id, const std::string& store_id,
                                   const std::string& error_code, const std::string& error_message);

// Stores the last error on the connection; with `mark_error` its status becomes 'error'.
Status RecordConnectionFailure(Db& db, const std::string& id, const std::string& store_id,
                               const std::string& error_code, const std::string& error_message,
                               bool mark_error);

// Whose a connection is, and whether it is active.
struct ConnectionOwner {
  std::string store_id;
  std::string status;
};
// The connection `id`, inside the caller's transaction; nullopt when it was removed.
Result<std::optional<ConnectionOwner>> FindConnectionOwner(Conn& conn, const std::string& id);

// The active Facebook Login connections whose token in use (the Page's) was not checked with Meta
// in the last `hours` (last_validated_at; never checked first) and are not throttled by Meta, at
// most `limit`: the token check
// asks Meta about these (jobs/token_refresh.cc). The Instagram Login path refreshes its token
// instead.
Result<std::vector<SealedConnection>> StoresDueForTokenCheck(Db& db, int hours, int limit);

// The OAuth `state` of a login in progress, kept only as its hash.
struct OAuthState {
  std::string state_hash;
  std::string seller_id;
  std::string store_id;
  std::string redirect_uri;
  std::optional<std::string> page_id;  // the Page the seller chose; nullopt: any
};
// Stores `state`, valid for `minutes`.
Status InsertOAuthState(Db& db, const OAuthState& state, int minutes);
// Deletes the states that expired more than a day ago.
Status PurgeOAuthStates(Db& db);

// Uses up the state with `state_hash` when it is unused and unexpired, in one statement.
struct StateLookup {
  std::optional<OAuthState> consumed;  // the state, when it was valid (now used)
  bool known = false;                  // otherwise: whether such a state exists at all,
  bool used = false;                   // and whether it was used before (else it expired)
};
Result<StateLookup> ConsumeOAuthState(Db& db, const std::string& state_hash);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_CONNECTION_STORE_H_
