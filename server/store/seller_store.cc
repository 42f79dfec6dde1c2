#include "store/seller_store.h"

namespace vendly::server {
namespace {

const char* kStoreColumns =
    "st.id AS store_id, st.name AS store_name, st.currency, st.auto_approve, "
    "st.auto_approve_threshold, st.ai_second_opinion";

StoreRow StoreOf(const Rows& r, int i) {
  StoreRow s;
  s.id = r.Text(i, "store_id");
  s.name = r.Text(i, "store_name");
  s.currency = r.Text(i, "currency");
  s.auto_approve = r.Bool(i, "auto_approve");
  const auto threshold = r.Get(i, "auto_approve_threshold");
  s.auto_approve_threshold = threshold ? std::stod(*threshold) : kDefaultAutoApproveThreshold;
  s.ai_second_opinion = r.Bool(i, "ai_second_opinion");
  return s;
}

Param OptionalText(const std::optional<std::string>& v) { return v ? Param(*v) : Param(); }

}  // namespace

Result<SellerRow> CreateSeller(Conn& conn, const std::string& email,
                               const std::string& password_hash, const std::string& store_name,
                               const std::string& currency, double auto_approve_threshold) {
  auto seller = conn.Exec("INSERT INTO seller (email, password_hash) VALUES ($1, $2) RETURNING id",
                          {email, password_hash});
  if (!seller.ok()) return seller.status();
  auto store = conn.Exec(
      "INSERT INTO store (seller_id, name, currency, auto_approve_threshold)"
      " VALUES ($1, $2, $3, $4::double precision) RETURNING id, auto_approve,"
      " auto_approve_threshold, ai_second_opinion",
      {seller->Text(0, "id"), store_name, currency, std::to_string(auto_approve_threshold)});
  if (!store.ok()) return store.status();
  SellerRow row;
  row.id = seller->Text(0, "id");
  row.email = email;
  row.store.id = store->Text(0, "id");
  row.store.name = store_name;
  row.store.currency = currency;
  row.store.auto_approve = store->Bool(0, "auto_approve");
  row.store.auto_approve_threshold = std::stod(store->Text(0, "auto_approve_threshold"));
  row.store.ai_second_opinion = store->Bool(0, "ai_second_opinion");
  return row;
}

Result<std::optional<SellerRow>> FindSellerByEmail(Db& db, const std::string& email) {
  auto rows =
      db.Exec(std::string("SELECT s.id AS seller_id, s.email, s.password_hash, ") + kStoreColumns +
                  " FROM seller s JOIN store st ON st.seller_id = s.id"
                  " WHERE lower(s.email) = lower($1)",
              {email});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<SellerRow>();
  SellerRow row;
  row.id = rows->Text(0, "seller_id");
  row.email = rows->Text(0, "email");
  row.password_hash = rows->Text(0, "password_hash");
  row.store = StoreOf(*rows, 0);
  return std::optional<SellerRow>(std::move(row));
}

Result<std::optional<AccountRow>> LoadAccount(Db& db, const std::string& seller_id,
                                              const std::string& store_id) {
  auto rows = db.Exec(std::string("SELECT s.id AS seller_id, s.email, iso_utc(s.created_at) AS "
                                  "created_at, ") +
                          kStoreColumns +
                          ", c.status AS ig_status, c.ig_username"
                          " FROM seller s JOIN store st ON st.seller_id = s.id"
                          " LEFT JOIN instagram_connection c ON c.store_id = st.id"
                          " WHERE s.id = $1 AND st.id = $2",
                      {seller_id, store_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<AccountRow>();
  AccountRow a;
  a.seller.id = rows->Text(0, "seller_id");
  a.seller.email = rows->Text(0, "email");
  a.seller.created_at = rows->Text(0, "created_at");
  a.seller.store = StoreOf(*rows, 0);
  if (!rows->IsNull(0, "ig_status")) {
    a.ig_status = rows->Text(0, "ig_status");
    a.ig_username = rows->Text(0, "ig_username");
  }
  return std::optional<AccountRow>(std::move(a));
}

Result<std::optional<StoreRow>> LoadStore(Db& db, const std::string& store_id,
                                          const std::string& seller_id) {
  auto rows = db.Exec(std::string("SELECT ") + kStoreColumns +
                          " FROM store st WHERE st.id = $1 AND st.seller_id = $2",
                      {store_id, seller_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<StoreRow>();
  return std::optional<StoreRow>(StoreOf(*rows, 0));
}

Result<StoreRow> LoadStoreSettings(Conn& conn, const std::string& store_id) {
  auto rows = conn.Exec(std::string("SELECT ") + kStoreColumns + " FROM store st WHERE st.id = $1",
                        {store_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("store not found");
  return StoreOf(*rows, 0);
}

Result<std::optional<StoreRow>> UpdateStore(Db& db, const std::string& store_id,
                                            const std::string& seller_id, const StorePatch& patch) {
  Param auto_approve;
  if (patch.auto_approve) auto_approve = *patch.auto_approve ? "true" : "false";
  Param threshold;
  if (patch.auto_approve_threshold) threshold = std::to_string(*patch.auto_approve_threshold);
  Param ai;
  if (patch.ai_second_opinion) ai = *patch.ai_second_opinion ? "true" : "false";
  auto rows = db.Exec(
      std::string(
          "UPDATE store st SET name = COALESCE($3, name), currency = COALESCE($4, currency),"
          " auto_approve = COALESCE($5::boolean, auto_approve),"
          " auto_approve_threshold = COALESCE($6::double precision, auto_approve_threshold),"
          " ai_second_opinion = COALESCE($7::boolean, ai_second_opinion),"
          " updated_at = now() WHERE st.id = $1 AND st.seller_id = $2 RETURNING ") +
          kStoreColumns,
      {store_id, seller_id, OptionalText(patch.name), OptionalText(patch.currency), auto_approve,
       threshold, ai});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<StoreRow>();
  return std::optional<StoreRow>(StoreOf(*rows, 0));
}

Status InsertSession(Conn& conn, const std::string& token_hash, const std::string& seller_id,
                     const std::string& store_id, int days) {
  auto ins = conn.Exec(
      "INSERT INTO seller_session (token_hash, seller_id, store_id, expires_at) "
      "VALUES ($1, $2, $3, now() + make_interval(days => $4::int))",
      {token_hash, seller_id, store_id, std::to_string(days)});
  return ins.ok() ? Status::Ok() : ins.status();
}

Status DeleteExpiredSessions(Conn& conn, const std::string& seller_id) {
  auto del = conn.Exec("DELETE FROM seller_session WHERE seller_id = $1 AND expires_at < now()",
                       {seller_id});
  return del.ok() ? Status::Ok() : del.status();
}

Status DeleteSession(Db& db, const std::string& token_hash) {
  auto del = db.Exec("DELETE FROM seller_session WHERE token_hash = $1", {token_hash});
  return del.ok() ? Status::Ok() : del.status();
}

Result<std::optional<SessionRow>> FindSession(Db& db, const std::string& token_hash) {
  auto rows = db.Exec(
      "SELECT seller_id, store_id FROM seller_session WHERE token_hash = $1 AND expires_at > now()",
      {token_hash});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<SessionRow>();
  return std::optional<SessionRow>(
      SessionRow{rows->Text(0, "seller_id"), rows->Text(0, "store_id")});
}

}  // namespace vendly::server
