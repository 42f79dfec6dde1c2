// The edge server assembled: configuration, database pool, token cipher and the factory of
// Instagram platform clients, plus the functions that register each module's routes. main() builds
// one App and serves it; tests build one around a fake Graph server.
#ifndef VENDLY_SERVER_APP_H_
#define VENDLY_SERVER_APP_H_

#include <httplib.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/config.h"
#include "crypto/crypto.h"
#include "http/address_throttle.h"
#include "http/http.h"
#include "meta/graph.h"
#include "store/db.h"

namespace vendly::server {

struct App {
  explicit App(Config cfg);

  Config config;
  Db db;
  TokenCipher cipher;                         // seals new tokens
  std::vector<TokenCipher> previous_ciphers;  // open tokens sealed before a key rotation
  // Opens a sealed token with whichever key its key id names; nullopt when none does.
  std::optional<std::string> OpenToken(const std::string& sealed, const std::string& key_id) const;
  // A new platform client per call: a Graph client owns an httplib::Client, which serialises its
  // requests, so each request or job thread takes its own.
  std::function<std::unique_ptr<InstagramPlatform>()> new_platform;
  // The OAuth and webhook-verification throttles' counters, per client address (the sign-in ones
  // are in PostgreSQL, store/throttle_store).
  AddressThrottle address_throttle;
};

void RegisterHealthRoutes(Router& router, App& app);
void RegisterAuthRoutes(Router& router, App& app);
void RegisterStoreRoutes(Router& router, App& app);
void RegisterInstagramRoutes(Router& router, App& app);
void RegisterDeletionRoutes(Router& router, App& app);
void RegisterWebhookRoutes(Router& router, App& app);
void RegisterMetricsRoutes(Router& router, App& app);
void RegisterOpenApiRoutes(Router& router, App& app);  // GET /api/openapi.json

// Hardens `server` and registers every route.
void BuildServer(httplib::Server& server, Router& router, App& app);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_APP_H_
