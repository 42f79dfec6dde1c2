// US-1: connecting an Instagram professional account through Facebook Login, and the stored
// connection. The OAuth `state` is random, single-use, bound to the seller and store, and expires
// in 10 minutes. Tokens are sealed with AES-256-GCM before they reach the database and are never
// returned or logged.
#ifndef VENDLY_SERVER_INSTAGRAM_OAUTH_H_
#define VENDLY_SERVER_INSTAGRAM_OAUTH_H_

#include <optional>
#include <string>

#include "app/app.h"
#include "app/status.h"
#include "meta/graph.h"
#include "store/connection_store.h"  // StoredConnection

namespace vendly::server {

// The store's connection with its token decrypted. 404 not_connected when there is none; 500 when
// the token cannot be decrypted (wrong VENDLY_TOKEN_KEY).
Result<StoredConnection> LoadConnection(App& app, const std::string& store_id);

// Records a Graph API failure on a connection: a 190 marks it 'expired' (the seller must
// reconnect), stops its queued jobs and notifies the seller; other kinds only store the error text.
Status RecordConnectionError(App& app, const StoredConnection& connection, const GraphError& error);

// Asks Meta about the connection's token in use (the Page token on Facebook Login) with one cheap
// call, the account's id and username: when it works the connection is validated (active, username
// refreshed, last_validated_at now); when not, the error is recorded (RecordConnectionError: a 190
// expires it with the subcode's advice). Meta's usage headers are saved. Returns Meta's error
// (nullopt: the token works), or a database failure. The token job and the validate route.
Result<std::optional<GraphError>> CheckConnectionToken(App& app, InstagramPlatform& platform,
                                                       const StoredConnection& connection);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_INSTAGRAM_OAUTH_H_
