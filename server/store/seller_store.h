// Sellers, their stores and their sessions (tables seller, store, seller_session). Typed rows in
// and out; the only code that names these tables.
#ifndef VENDLY_SERVER_STORE_SELLER_STORE_H_
#define VENDLY_SERVER_STORE_SELLER_STORE_H_

#include <optional>
#include <string>

#include "app/status.h"
#include "store/db.h"
#include "vendly/registry.h"

namespace vendly::server {

struct StoreRow {
  std::string id;
  std::string name;
  std::string currency;
  bool auto_approve = false;
  double auto_approve_threshold = kDefaultAutoApproveThreshold;
  // The seller lets a language model give its second opinion on the store's posts (issue 11; the
  // server's VENDLY_AI_MODE must also send posts).
  bool ai_second_opinion = true;
};

struct SellerRow {
  std::string id;
  std::string email;
  std::string password_hash;  // only from FindSellerByEmail
  std::string created_at;     // ISO 8601 UTC; only from LoadAccount
  StoreRow store;
};

// The seller and store behind /api/me, with the Instagram connection's status and username when
// the store has one.
struct AccountRow {
  SellerRow seller;
  std::optional<std::string> ig_status;
  std::string ig_username;
};

// Inserts a seller and its store. Errors: the database's unique_violation when the email is taken.
Result<SellerRow> CreateSeller(Conn& conn, const std::string& email,
                               const std::string& password_hash, const std::string& store_name,
                               const std::string& currency, double auto_approve_threshold);
// The seller with this email (case-insensitive) and its store, or nullopt.
Result<std::optional<SellerRow>> FindSellerByEmail(Db& db, const std::string& email);
Result<std::optional<AccountRow>> LoadAccount(Db& db, const std::string& seller_id,
                                              const std::string& store_id);
// The store when it belongs to the seller, or nullopt.
Result<std::optional<StoreRow>> LoadStore(Db& db, const std::string& store_id,
                                          const std::string& seller_id);

// The store's settings as the catalog reads them (currency, auto-approve), whoever asks (jobs run
// without a seller); not_found when there is no such store.
Result<StoreRow> LoadStoreSettings(Conn& conn, const std::string& store_id);

// A store settings change: unset fields keep their value.
struct StorePatch {
  std::optional<std::string> name;
  std::optional<std::string> currency;
  std::optional<bool> auto_approve;
  std::optional<double> auto_approve_threshold;
  std::optional<bool> ai_second_opinion;
};
// The updated store, or nullopt when it is not the seller's.
Result<std::optional<StoreRow>> UpdateStore(Db& db, const std::string& store_id,
                                            const std::string& seller_id, const StorePatch& patch);

// Sessions: the token itself is never stored, only its SHA-256 (hex).
Status InsertSession(Conn& conn, const std::string& token_hash, const std::string& seller_id,
                     const std::string& store_id, int days);
Status DeleteExpiredSessions(Conn& conn, const std::string& seller_id);
Status DeleteSession(Db& db, const std::string& token_hash);

struct SessionRow {
  std::string seller_id;
  std::string store_id;
};
// The unexpired session with this token hash, or nullopt.
Result<std::optional<SessionRow>> FindSession(Db& db, const std::string& token_hash);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_SELLER_STORE_H_
