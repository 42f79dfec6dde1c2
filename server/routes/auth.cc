// Seller accounts: signup, login, logout, /api/me, and the store settings. Passwords are PBKDF2
// hashes; session tokens are random, shown once, stored as SHA-256.
#include <string>

#include "app/app.h"
#include "app/log.h"
#include "crypto/crypto.h"
#include "vendly/money.h"
#include "vendly/registry.h"

namespace vendly::server {
namespace {

constexpr int kSessionDays = 30;

bool LooksLikeEmail(const std::string& email) {
  auto at = email.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= email.size()) return false;
  if (email.find('@', at + 1) != std::string::npos) return false;
  if (email.find_first_of(" \t\r\n<>\"") != std::string::npos) return false;
  return email.find('.', at) != std::string::npos;
}

std::string SessionCookie(const App& app, const std::string& token, int max_age) {
  std::string cookie = std::string(kSessionCookie) + "=" + token +
                       "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age);
  if (app.config.public_url.rfind("https://", 0) == 0) cookie += "; Secure";
  return cookie;
}

Json StoreJson(const Rows& r, int i) {
  return {{"id", r.Text(i, "store_id")},
          {"name", r.Text(i, "store_name")},
          {"currency", r.Text(i, "currency")},
          {"autoApprove", r.Bool(i, "auto_approve")},
          {"autoApproveThreshold", r.Get(i, "auto_approve_threshold")
                                       ? std::stod(*r.Get(i, "auto_approve_threshold"))
                                       : kDefaultAutoApproveThreshold}};
}

const char* kStoreColumns =
    "st.id AS store_id, st.name AS store_name, st.currency, st.auto_approve, "
    "st.auto_approve_threshold";

// Creates a session for the seller and writes the token to the response (cookie) and body.
Result<std::string> StartSession(Conn& conn, const std::string& seller_id,
                                 const std::string& store_id) {
  std::string token = RandomToken();
  auto ins = conn.Exec(
      "INSERT INTO seller_session (token_hash, seller_id, store_id, expires_at) "
      "VALUES ($1, $2, $3, now() + make_interval(days => $4::int))",
      {Sha256Hex(token), seller_id, store_id, std::to_string(kSessionDays)});
  if (!ins.ok()) return ins.status();
  return token;
}

Result<std::string> ValidCurrency(const Json& body) {
  auto currency = RequireString(body, "currency", 3, 3);
  if (!currency.ok()) return currency;
  if (!vendly::IsKnownCurrency(*currency))
    return Status::InvalidRequest("currency must be a supported ISO 4217 code such as KES");
  return currency;
}

void Signup(App& app, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.req);
  if (!body.ok()) return SendError(ctx.res, body.status());
  auto email = RequireString(*body, "email", kMinEmailLength, kMaxEmailLength);
  if (!email.ok()) return SendError(ctx.res, email.status());
  if (!LooksLikeEmail(*email))
    return SendError(ctx.res, Status::InvalidRequest("email is not a valid address"));
  auto password = RequireString(*body, "password", kMinPasswordLength, kMaxPasswordLength);
  if (!password.ok()) return SendError(ctx.res, password.status());
  auto store_name = RequireString(*body, "storeName", 1, kMaxStoreNameLength);
  if (!store_name.ok()) return SendError(ctx.res, store_name.status());
  auto currency = ValidCurrency(*body);
  if (!currency.ok()) return SendError(ctx.res, currency.status());

  const std::string hash = HashPassword(*password);
  std::string seller_id, store_id, token;
  Status st = app.db.Transaction([&](Conn& conn) -> Status {
    auto seller = conn.Exec(
        "INSERT INTO seller (email, password_hash) VALUES ($1, $2) RETURNING id", {*email, hash});
    if (!seller.ok()) {
      if (seller.status().code() == "unique_violation")
        return Status::Conflict("email_taken", "an account with this email already exists");
      return seller.status();
    }
    seller_id = seller->Text(0, "id");
    auto store = conn.Exec(
        "INSERT INTO store (seller_id, name, currency, auto_approve_threshold)"
        " VALUES ($1, $2, $3, $4::double precision) RETURNING id",
        {seller_id, *store_name, *currency, std::to_string(kDefaultAutoApproveThreshold)});
    if (!store.ok()) return store.status();
    store_id = store->Text(0, "id");
    auto t = StartSession(conn, seller_id, store_id);
    if (!t.ok()) return t.status();
    token = *t;
    return Status::Ok();
  });
  if (!st.ok()) return SendError(ctx.res, st);
  LogInfo("signup", {{"sellerId", seller_id}, {"storeId", store_id}});
  ctx.res.set_header("Set-Cookie", SessionCookie(app, token, kSessionDays * 86400));
  SendJson(ctx.res, 201,
           {{"token", token},
            {"seller", {{"id", seller_id}, {"email", *email}}},
            {"store",
             {{"id", store_id},
              {"name", *store_name},
              {"currency", *currency},
              {"autoApprove", false},
              {"autoApproveThreshold", kDefaultAutoApproveThreshold}}}});
}

void Login(App& app, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.req);
  if (!body.ok()) return SendError(ctx.res, body.status());
  auto email = RequireString(*body, "email", 1, kMaxEmailLength);
  if (!email.ok()) return SendError(ctx.res, email.status());
  auto password = RequireString(*body, "password", 1, kMaxPasswordLength);
  if (!password.ok()) return SendError(ctx.res, password.status());

  auto rows = app.db.Exec(std::string("SELECT s.id AS seller_id, s.email, s.password_hash, ") +
                              kStoreColumns +
                              " FROM seller s JOIN store st ON st.seller_id = s.id"
                              " WHERE lower(s.email) = lower($1)",
                          {*email});
  if (!rows.ok()) return SendError(ctx.res, rows.status());
  // An unknown email costs the same PBKDF2 work as a wrong password: no account enumeration by
  // timing.
  static const std::string kDummyHash = HashPassword("not-a-password");
  const bool found = !rows->empty();
  const bool valid = VerifyPassword(*password, found ? rows->Text(0, "password_hash") : kDummyHash);
  if (!found || !valid) {
    LogWarn("login_failed", {{"reason", found ? "wrong_password" : "unknown_email"}});
    return SendError(ctx.res, 401, "invalid_credentials", "email or password is incorrect");
  }
  const std::string seller_id = rows->Text(0, "seller_id");
  const std::string store_id = rows->Text(0, "store_id");
  std::string token;
  Status st = app.db.Transaction([&](Conn& conn) -> Status {
    (void)conn.Exec("DELETE FROM seller_session WHERE seller_id = $1 AND expires_at < now()",
                    {seller_id});
    auto t = StartSession(conn, seller_id, store_id);
    if (!t.ok()) return t.status();
    token = *t;
    return Status::Ok();
  });
  if (!st.ok()) return SendError(ctx.res, st);
  LogInfo("login", {{"sellerId", seller_id}, {"storeId", store_id}});
  ctx.res.set_header("Set-Cookie", SessionCookie(app, token, kSessionDays * 86400));
  SendJson(ctx.res, 200,
           {{"token", token},
            {"seller", {{"id", seller_id}, {"email", rows->Text(0, "email")}}},
            {"store", StoreJson(*rows, 0)}});
}

void Logout(App& app, RequestContext& ctx) {
  if (ctx.session) {
    auto del =
        app.db.Exec("DELETE FROM seller_session WHERE token_hash = $1", {ctx.session->token_hash});
    if (!del.ok()) return SendError(ctx.res, del.status());
    LogInfo("logout", {{"sellerId", ctx.session->seller_id}});
  }
  ctx.res.set_header("Set-Cookie", SessionCookie(app, "", 0));
  SendJson(ctx.res, 200, {{"success", true}});
}

void Me(App& app, RequestContext& ctx) {
  const Session& s = *ctx.session;
  auto rows = app.db.Exec(std::string("SELECT s.id AS seller_id, s.email, iso_utc(s.created_at) AS "
                                      "created_at, ") +
                              kStoreColumns +
                              ", c.status AS ig_status, c.ig_username"
                              " FROM seller s JOIN store st ON st.seller_id = s.id"
                              " LEFT JOIN instagram_connection c ON c.store_id = st.id"
                              " WHERE s.id = $1 AND st.id = $2",
                          {s.seller_id, s.store_id});
  if (!rows.ok()) return SendError(ctx.res, rows.status());
  if (rows->empty()) return SendError(ctx.res, 401, "unauthorized", "sign in first");
  Json instagram = {{"connected", !rows->IsNull(0, "ig_status")}};
  if (!rows->IsNull(0, "ig_status")) {
    instagram["status"] = rows->Text(0, "ig_status");
    instagram["igUsername"] = rows->Text(0, "ig_username");
  }
  SendJson(ctx.res, 200,
           {{"seller",
             {{"id", rows->Text(0, "seller_id")},
              {"email", rows->Text(0, "email")},
              {"createdAt", rows->Text(0, "created_at")}}},
            {"store", StoreJson(*rows, 0)},
            {"instagram", instagram}});
}

void GetStore(App& app, RequestContext& ctx) {
  const Session& s = *ctx.session;
  auto rows = app.db.Exec(std::string("SELECT ") + kStoreColumns +
                              " FROM store st WHERE st.id = $1 AND st.seller_id = $2",
                          {ctx.req.matches[1].str(), s.seller_id});
  if (!rows.ok()) return SendError(ctx.res, rows.status());
  if (rows->empty()) return SendError(ctx.res, Status::NotFound("no such store"));
  SendJson(ctx.res, 200, {{"store", StoreJson(*rows, 0)}});
}

void PatchStore(App& app, RequestContext& ctx) {
  const Session& s = *ctx.session;
  auto body = ParseJsonObject(ctx.req);
  if (!body.ok()) return SendError(ctx.res, body.status());
  Param name, currency, auto_approve, threshold;
  if (body->contains("name")) {
    auto v = RequireString(*body, "name", 1, kMaxStoreNameLength);
    if (!v.ok()) return SendError(ctx.res, v.status());
    name = *v;
  }
  if (body->contains("currency")) {
    auto v = ValidCurrency(*body);
    if (!v.ok()) return SendError(ctx.res, v.status());
    currency = *v;
  }
  auto aa = OptionalBool(*body, "autoApprove");
  if (!aa.ok()) return SendError(ctx.res, aa.status());
  if (aa->has_value()) auto_approve = **aa ? "true" : "false";
  if (body->contains("autoApproveThreshold")) {
    const Json& t = (*body)["autoApproveThreshold"];
    if (!t.is_number() || t.get<double>() < 0 || t.get<double>() > 1)
      return SendError(ctx.res,
                       Status::InvalidRequest("autoApproveThreshold must be a number from 0 to 1"));
    threshold = std::to_string(t.get<double>());
  }
  auto rows = app.db.Exec(
      std::string(
          "UPDATE store st SET name = COALESCE($3, name), currency = COALESCE($4, currency),"
          " auto_approve = COALESCE($5::boolean, auto_approve),"
          " auto_approve_threshold = COALESCE($6::double precision, auto_approve_threshold),"
          " updated_at = now() WHERE st.id = $1 AND st.seller_id = $2 RETURNING ") +
          kStoreColumns,
      {ctx.req.matches[1].str(), s.seller_id, name, currency, auto_approve, threshold});
  if (!rows.ok()) return SendError(ctx.res, rows.status());
  if (rows->empty()) return SendError(ctx.res, Status::NotFound("no such store"));
  SendJson(ctx.res, 200, {{"store", StoreJson(*rows, 0)}});
}

}  // namespace

void RegisterAuthRoutes(Router& router, App& app) {
  router.Post("/api/auth/signup", Access::kPublic, [&app](RequestContext& c) { Signup(app, c); });
  router.Post("/api/auth/login", Access::kPublic, [&app](RequestContext& c) { Login(app, c); });
  router.Post("/api/auth/logout", Access::kPublic, [&app](RequestContext& c) { Logout(app, c); });
  router.Get("/api/me", Access::kSession, [&app](RequestContext& c) { Me(app, c); });
}

void RegisterStoreRoutes(Router& router, App& app) {
  router.Get(R"(/api/stores/([A-Za-z0-9_]{1,64}))", Access::kSession,
             [&app](RequestContext& c) { GetStore(app, c); });
  router.Patch(R"(/api/stores/([A-Za-z0-9_]{1,64}))", Access::kSession,
               [&app](RequestContext& c) { PatchStore(app, c); });
}

}  // namespace vendly::server
