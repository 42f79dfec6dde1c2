#include "store/throttle_store.h"

#include <algorithm>
#include <numeric>

namespace vendly::server {
namespace {

const char* ScopeName(ThrottleScope scope) {
  switch (scope) {
    case ThrottleScope::kLoginAccount:
      return "login_account";
    case ThrottleScope::kLoginAddress:
      return "login_address";
    case ThrottleScope::kSignupAccount:
      return "signup_account";
    case ThrottleScope::kSignupAddress:
      return "signup_address";
  }
  return "login_address";
}

// Emails are one account whatever their case (seller_email_uq is on lower(email)).
std::string StoredKey(const ThrottleKey& key) {
  std::string out = key.key.substr(0, 320);
  if (key.scope == ThrottleScope::kLoginAccount || key.scope == ThrottleScope::kSignupAccount) {
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  return out.empty() ? "-" : out;
}

Result<vendly::ThrottleState> LockOne(Conn& conn, const std::string& scope,
                                      const std::string& key) {
  auto ins = conn.Exec(
      "INSERT INTO auth_throttle (scope, key) VALUES ($1, $2) ON CONFLICT (scope, key) DO NOTHING",
      {scope, key});
  if (!ins.ok()) return ins.status();
  auto rows = conn.Exec(
      "SELECT attempts,"
      " GREATEST(0, ceil(extract(epoch FROM blocked_until - now())))::bigint AS blocked,"
      " GREATEST(0, floor(extract(epoch FROM now() - updated_at)))::bigint AS idle"
      " FROM auth_throttle WHERE scope = $1 AND key = $2 FOR UPDATE",
      {scope, key});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::Internal("throttle counter vanished");
  vendly::ThrottleState state;
  state.attempts = int(rows->Int(0, "attempts"));
  state.blocked_seconds = rows->IsNull(0, "blocked") ? 0 : rows->Int(0, "blocked");
  state.idle_seconds = rows->Int(0, "idle");
  return state;
}

}  // namespace

Result<std::vector<vendly::ThrottleState>> LockThrottleCounters(
    Conn& conn, const std::vector<ThrottleKey>& keys) {
  std::vector<std::pair<std::string, std::string>> stored;
  for (const auto& k : keys) stored.emplace_back(ScopeName(k.scope), StoredKey(k));
  std::vector<std::size_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return stored[a] < stored[b]; });
  std::vector<vendly::ThrottleState> states(keys.size());
  for (std::size_t i : order) {
    auto state = LockOne(conn, stored[i].first, stored[i].second);
    if (!state.ok()) return state.status();
    states[i] = *state;
  }
  return states;
}

Status SaveThrottleCounter(Conn& conn, const ThrottleKey& key, int attempts, int block_seconds,
                           bool keep_block) {
  auto upd = conn.Exec(
      "UPDATE auth_throttle SET attempts = $3::int, updated_at = now(), blocked_until = CASE"
      " WHEN $5::boolean THEN blocked_until WHEN $4::int > 0"
      " THEN now() + make_interval(secs => $4::int) ELSE NULL END"
      " WHERE scope = $1 AND key = $2",
      {ScopeName(key.scope), StoredKey(key), std::to_string(attempts),
       std::to_string(block_seconds), keep_block ? "true" : "false"});
  return upd.ok() ? Status::Ok() : upd.status();
}

Result<bool> IsUsualLoginAddress(Db& db, const std::string& email, const std::string& address,
                                 int days) {
  auto rows = db.Exec(
      "SELECT 1 FROM seller_login_address a JOIN seller s ON s.id = a.seller_id"
      " WHERE lower(s.email) = lower($1) AND a.address = $2"
      " AND a.last_login_at > now() - make_interval(days => $3::int)",
      {email, address.substr(0, 64), std::to_string(days)});
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

Status RememberLoginAddress(Db& db, const std::string& seller_id, const std::string& address) {
  if (address.empty()) return Status::Ok();
  auto ins = db.Exec(
      "INSERT INTO seller_login_address (seller_id, address) VALUES ($1, $2)"
      " ON CONFLICT (seller_id, address) DO UPDATE SET last_login_at = now()",
      {seller_id, address.substr(0, 64)});
  return ins.ok() ? Status::Ok() : ins.status();
}

}  // namespace vendly::server
