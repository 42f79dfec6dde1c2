// Seller accounts: signup, login, logout, /api/me, and the store settings. Passwords are PBKDF2
// hashes; session tokens are random, shown once, stored as SHA-256. Sign-up and login are
// throttled per account and per client address (the core's rule, vendly/throttle.h; the counters
// in store/throttle_store): a throttled attempt is answered 429 before any PBKDF2 work.
#include <algorithm>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/log.h"
#include "crypto/crypto.h"
#include "routes/bodies.h"
#include "store/seller_store.h"
#include "store/throttle_store.h"
#include "vendly/money.h"
#include "vendly/registry.h"
#include "vendly/throttle.h"

namespace vendly::server {
namespace {

constexpr int kSessionDays = 30;

std::string SessionCookie(const App& app, const std::string& token, int max_age) {
  std::string cookie = std::string(kSessionCookie) + "=" + token +
                       "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age);
  if (ServesHttps(app.config)) cookie += "; Secure";
  return cookie;
}

Json StoreJson(const StoreRow& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"currency", s.currency},
          {"autoApprove", s.auto_approve},
          {"autoApproveThreshold", s.auto_approve_threshold},
          {"aiSecondOpinion", s.ai_second_opinion}};
}

// Creates a session for the seller; the token is returned once, only its hash is stored.
Result<std::string> StartSession(Conn& conn, const std::string& seller_id,
                                 const std::string& store_id) {
  std::string token = RandomToken();
  Status st = InsertSession(conn, Sha256Hex(token), seller_id, store_id, kSessionDays);
  if (!st.ok()) return st;
  return token;
}

// One throttle counter and the rule that moves it.
struct Counter {
  ThrottleKey key;
  vendly::ThrottleRule rule;
};

// Counts an attempt at every counter, or at none when one of them is blocked. Returns the longest
// wait left (0: the attempt goes ahead).
Result<int> TakeAttempt(App& app, const std::vector<Counter>& counters) {
  std::vector<ThrottleKey> keys;
  for (const auto& c : counters) keys.push_back(c.key);
  int retry_after = 0;
  Status st = app.db.Transaction([&](Conn& conn) -> Status {
    retry_after = 0;
    auto states = LockThrottleCounters(conn, keys);
    if (!states.ok()) return states.status();
    std::vector<vendly::ThrottleDecision> decisions;
    for (std::size_t i = 0; i < counters.size(); ++i) {
      decisions.push_back(vendly::DecideAttempt(counters[i].rule, (*states)[i]));
      if (!decisions.back().allowed)
        retry_after = std::max(retry_after, decisions.back().retry_after_seconds);
    }
    if (retry_after > 0) return Status::Ok();
    for (std::size_t i = 0; i < counters.size(); ++i) {
      Status saved = SaveThrottleCounter(conn, keys[i], decisions[i].attempts,
                                         decisions[i].block_seconds, /*keep_block=*/false);
      if (!saved.ok()) return saved;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return retry_after;
}

// After a success: each counter gets its attempt back. A failure here is logged, not answered:
// the seller is in.
void GiveBack(App& app, const std::vector<Counter>& counters) {
  std::vector<ThrottleKey> keys;
  for (const auto& c : counters) keys.push_back(c.key);
  Status st = app.db.Transaction([&](Conn& conn) -> Status {
    auto states = LockThrottleCounters(conn, keys);
    if (!states.ok()) return states.status();
    for (std::size_t i = 0; i < counters.size(); ++i) {
      auto d = vendly::Forgive(counters[i].rule, (*states)[i]);
      Status saved = SaveThrottleCounter(conn, keys[i], d.attempts, d.block_seconds,
                                         /*keep_block=*/d.block_seconds > 0);
      if (!saved.ok()) return saved;
    }
    return Status::Ok();
  });
  if (!st.ok()) LogError("throttle_give_back_failed", {{"error", st.message()}});
}

void SendThrottled(RequestContext& ctx, int retry_after) {
  LogWarn("auth_throttled", {{"path", ctx.req.path}, {"retryAfterSeconds", retry_after}});
  SendTooManyAttempts(ctx.res, retry_after);
}

Result<SignupInput> ReadSignup(const httplib::Request& req) {
  auto body = ParseJsonObject(req);
  if (!body.ok()) return body.status();
  return ReadSignupBody(*body);
}

void Signup(App& app, RequestContext& ctx) {
  auto input = ReadSignup(ctx.req);
  if (!input.ok()) return SendError(ctx.res, input.status());
  const std::string& address = ctx.client_address;
  const std::vector<Counter> counters = {
      {{ThrottleScope::kSignupAccount, input->email}, vendly::kSignupAccountRule},
      {{ThrottleScope::kSignupAddress, address}, vendly::kSignupAddressRule}};
  auto wait = TakeAttempt(app, counters);
  if (!wait.ok()) return SendError(ctx.res, wait.status());
  if (*wait > 0) return SendThrottled(ctx, *wait);

  const std::string hash = HashPassword(input->password);
  SellerRow seller;
  std::string token;
  Status st = app.db.Transaction([&](Conn& conn) -> Status {
    auto created = CreateSeller(conn, input->email, hash, input->store_name, input->currency,
                                kDefaultAutoApproveThreshold);
    if (!created.ok()) {
      if (created.status().code() == "unique_violation")
        return Status::Conflict("email_taken", "an account with this email already exists");
      return created.status();
    }
    seller = std::move(*created);
    auto t = StartSession(conn, seller.id, seller.store.id);
    if (!t.ok()) return t.status();
    token = *t;
    return Status::Ok();
  });
  if (!st.ok()) return SendError(ctx.res, st);
  GiveBack(app, counters);
  if (Status kept = RememberLoginAddress(app.db, seller.id, address); !kept.ok())
    LogError("login_address_not_kept", {{"error", kept.message()}});
  LogInfo("signup", {{"sellerId", seller.id}, {"storeId", seller.store.id}});
  ctx.res.set_header("Set-Cookie", SessionCookie(app, token, kSessionDays * 86400));
  SendJson(ctx.res, 201,
           {{"token", token},
            {"seller", {{"id", seller.id}, {"email", seller.email}}},
            {"store", StoreJson(seller.store)}});
}

// The counters a login attempt meets (vendly::CountersForLogin): the address's always, the
// account's unless the seller signed in from this address lately. Unknown emails are counted the
// same way as known ones.
Result<std::vector<Counter>> LoginCounters(App& app, const std::string& email,
                                           const std::string& address) {
  auto usual = IsUsualLoginAddress(app.db, email, address, vendly::kUsualAddressDays);
  if (!usual.ok()) return usual.status();
  const vendly::LoginCounters which = vendly::CountersForLogin(*usual);
  std::vector<Counter> counters;
  if (which.account)
    counters.push_back({{ThrottleScope::kLoginAccount, email}, vendly::kLoginAccountRule});
  if (which.address)
    counters.push_back({{ThrottleScope::kLoginAddress, address}, vendly::kLoginAddressRule});
  return counters;
}

void Login(App& app, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.req);
  if (!body.ok()) return SendError(ctx.res, body.status());
  auto input = ReadLoginBody(*body);
  if (!input.ok()) return SendError(ctx.res, input.status());
  const std::string& email = input->email;
  auto counters = LoginCounters(app, email, ctx.client_address);
  if (!counters.ok()) return SendError(ctx.res, counters.status());
  auto wait = TakeAttempt(app, *counters);
  if (!wait.ok()) return SendError(ctx.res, wait.status());
  if (*wait > 0) return SendThrottled(ctx, *wait);

  auto found_seller = FindSellerByEmail(app.db, email);
  if (!found_seller.ok()) return SendError(ctx.res, found_seller.status());
  // An unknown email costs the same PBKDF2 work as a wrong password: no account enumeration by
  // timing.
  static const std::string kDummyHash = HashPassword("not-a-password");
  const std::optional<SellerRow>& seller = *found_seller;
  const bool found = seller.has_value();
  const bool valid = VerifyPassword(input->password, found ? seller->password_hash : kDummyHash);
  if (!found || !valid) {
    LogWarn("login_failed", {{"reason", found ? "wrong_password" : "unknown_email"}});
    return SendError(ctx.res, 401, "invalid_credentials", "email or password is incorrect");
  }
  std::string token;
  Status st = app.db.Transaction([&](Conn& conn) -> Status {
    (void)DeleteExpiredSessions(conn, seller->id);
    auto t = StartSession(conn, seller->id, seller->store.id);
    if (!t.ok()) return t.status();
    token = *t;
    return Status::Ok();
  });
  if (!st.ok()) return SendError(ctx.res, st);
  GiveBack(app, *counters);
  if (Status kept = RememberLoginAddress(app.db, seller->id, ctx.client_address); !kept.ok())
    LogError("login_address_not_kept", {{"error", kept.message()}});
  LogInfo("login", {{"sellerId", seller->id}, {"storeId", seller->store.id}});
  ctx.res.set_header("Set-Cookie", SessionCookie(app, token, kSessionDays * 86400));
  SendJson(ctx.res, 200,
           {{"token", token},
            {"seller", {{"id", seller->id}, {"email", seller->email}}},
            {"store", StoreJson(seller->store)}});
}

void Logout(App& app, RequestContext& ctx) {
  if (ctx.session) {
    Status del = DeleteSession(app.db, ctx.session->token_hash);
    if (!del.ok()) return SendError(ctx.res, del);
    LogInfo("logout", {{"sellerId", ctx.session->seller_id}});
  }
  ctx.res.set_header("Set-Cookie", SessionCookie(app, "", 0));
  SendJson(ctx.res, 200, {{"success", true}});
}

void Me(App& app, RequestContext& ctx) {
  const Session& s = *ctx.session;
  auto account = LoadAccount(app.db, s.seller_id, s.store_id);
  if (!account.ok()) return SendError(ctx.res, account.status());
  if (!account->has_value()) return SendError(ctx.res, 401, "unauthorized", "sign in first");
  const AccountRow& a = **account;
  Json instagram = {{"connected", a.ig_status.has_value()}};
  if (a.ig_status) {
    instagram["status"] = *a.ig_status;
    instagram["igUsername"] = a.ig_username;
  }
  SendJson(ctx.res, 200,
           {{"seller",
             {{"id", a.seller.id}, {"email", a.seller.email}, {"createdAt", a.seller.created_at}}},
            {"store", StoreJson(a.seller.store)},
            {"instagram", instagram}});
}

void GetStore(App& app, RequestContext& ctx) {
  const Session& s = *ctx.session;
  auto store = LoadStore(app.db, ctx.req.matches[1].str(), s.seller_id);
  if (!store.ok()) return SendError(ctx.res, store.status());
  if (!store->has_value()) return SendError(ctx.res, Status::NotFound("no such store"));
  SendJson(ctx.res, 200, {{"store", StoreJson(**store)}});
}

void PatchStore(App& app, RequestContext& ctx) {
  const Session& s = *ctx.session;
  auto body = ParseJsonObject(ctx.req);
  if (!body.ok()) return SendError(ctx.res, body.status());
  auto patch = ReadStorePatchBody(*body);
  if (!patch.ok()) return SendError(ctx.res, patch.status());
  auto store = UpdateStore(app.db, ctx.req.matches[1].str(), s.seller_id, *patch);
  if (!store.ok()) return SendError(ctx.res, store.status());
  if (!store->has_value()) return SendError(ctx.res, Status::NotFound("no such store"));
  SendJson(ctx.res, 200, {{"store", StoreJson(**store)}});
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
