#include "store/db.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>

#include "app/log.h"
#include "crypto/crypto.h"

namespace vendly::server {

Rows::Rows(pg_result* result) : result_(result, [](pg_result* r) { PQclear(r); }) {}

int Rows::size() const { return result_ ? PQntuples(result_.get()) : 0; }

long Rows::affected() const {
  if (!result_) return 0;
  const char* n = PQcmdTuples(result_.get());
  return (n && *n) ? std::atol(n) : 0;
}

std::optional<std::string> Rows::Get(int row, const char* column) const {
  if (!result_ || row < 0 || row >= size()) return std::nullopt;
  int col = PQfnumber(result_.get(), column);
  if (col < 0 || PQgetisnull(result_.get(), row, col)) return std::nullopt;
  return std::string(PQgetvalue(result_.get(), row, col), PQgetlength(result_.get(), row, col));
}

std::string Rows::Text(int row, const char* column) const { return Get(row, column).value_or(""); }
bool Rows::IsNull(int row, const char* column) const { return !Get(row, column).has_value(); }
bool Rows::Bool(int row, const char* column) const { return Text(row, column) == "t"; }
long long Rows::Int(int row, const char* column) const {
  auto v = Get(row, column);
  return v ? std::atoll(v->c_str()) : 0;
}

Conn::~Conn() {
  if (conn_) PQfinish(conn_);
}

bool Conn::healthy() const {
  return conn_ && PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

bool Conn::StillOpen() const {
  if (!healthy()) return false;
  pollfd fd{PQsocket(conn_), POLLIN, 0};
  int ready;
  do {
    ready = ::poll(&fd, 1, 0);
  } while (ready < 0 && errno == EINTR);
  return ready == 0;
}

namespace {
Status ErrorFrom(pg_result* res, pg_conn* conn) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state ? state : "";
  std::string message = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  // The connection is gone (the server restarted or crashed: libpq marks it bad), or the server
  // says it is shutting down or starting (57P01-57P03) or the link failed (class 08): try later.
  if (PQstatus(conn) != CONNECTION_OK || sqlstate.rfind("57P", 0) == 0 ||
      sqlstate.rfind("08", 0) == 0)
    return Status::Unavailable("database connection lost: " +
                               (sqlstate.empty() ? message : sqlstate + ": " + message));
  if (sqlstate == "23505") return Status::Conflict("unique_violation", message);
  if (sqlstate.rfind("22", 0) == 0) return Status::InvalidRequest(message);
  return {StatusKind::kInternal, "database_error",
          sqlstate.empty() ? message : sqlstate + ": " + message};
}
}  // namespace

Result<Rows> Conn::Exec(const std::string& sql, const Params& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  pg_result* res = PQexecParams(conn_, sql.c_str(), int(params.size()), nullptr, values.data(),
                                nullptr, nullptr, 0);
  ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Rows(res);
  Status error = ErrorFrom(res, conn_);
  if (res) PQclear(res);
  return error;
}

Status Conn::ExecScript(const std::string& sql) {
  pg_result* res = PQexec(conn_, sql.c_str());
  ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) {
    PQclear(res);
    return Status::Ok();
  }
  Status error = ErrorFrom(res, conn_);
  if (res) PQclear(res);
  return error;
}

Db::Db(std::string conninfo, int pool_size)
    : conninfo_(std::move(conninfo)), pool_size_(pool_size) {}

Db::~Db() {
  for (Conn* c : idle_) delete c;
}

std::unique_ptr<Conn, std::function<void(Conn*)>> Db::Borrow(Status* error) {
  auto release = [this](Conn* c) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (c->healthy()) {  // a lost connection or one left inside a transaction is closed
      idle_.push_back(c);
    } else {
      delete c;
      --open_;
    }
    cv_.notify_one();
  };
  {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!cv_.wait_for(lock, std::chrono::seconds(10),
                      [&] { return !idle_.empty() || open_ < pool_size_; })) {
      if (error) *error = Status::Unavailable("database pool exhausted");
      return {nullptr, release};
    }
    if (Conn* c = TakeIdleLocked()) return {c, release};
    ++open_;  // every idle one was dead, or none was idle and there is room
  }
  pg_conn* raw = PQconnectdb(conninfo_.c_str());
  if (PQstatus(raw) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(raw);
    PQfinish(raw);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --open_;
    }
    cv_.notify_one();
    LogError("db_connect", {{"error", msg}});
    if (error) *error = Status::Unavailable("database unavailable");
    return {nullptr, release};
  }
  // Server notices ("relation already exists, skipping") are not errors: keep them out of the log.
  PQsetNoticeProcessor(
      raw, [](void*, const char*) {}, nullptr);
  // Every timestamp the server formats is UTC, whatever the database's default.
  pg_result* res = PQexec(raw, "SET TIME ZONE 'UTC'");
  PQclear(res);
  return {new Conn(raw), release};
}

Conn* Db::TakeIdleLocked() {
  int dropped = 0;
  Conn* found = nullptr;
  while (!idle_.empty() && !found) {
    Conn* c = idle_.back();
    idle_.pop_back();
    if (c->StillOpen()) {
      found = c;
    } else {
      delete c;
      --open_;
      ++dropped;
    }
  }
  if (dropped > 0)
    LogWarn("db_connection_dropped",
            {{"connections", dropped}, {"reason", "closed by the server"}});
  return found;
}

Status Db::Ping() {
  Status error;
  auto conn = Borrow(&error);
  if (!conn) return error;
  auto r = conn->Exec("SELECT 1");
  return r.ok() ? Status::Ok() : r.status();
}

Result<Rows> Db::Exec(const std::string& sql, const Params& params) {
  Status error;
  auto conn = Borrow(&error);
  if (!conn) return error;
  auto result = conn->Exec(sql, params);
  if (!result.ok() && result.status().code() == "database_error")
    LogError("db_query", {{"error", result.status().message()}});
  if (!result.ok() && result.status().kind() == StatusKind::kUnavailable)
    LogWarn("db_unavailable", {{"error", result.status().message()}});
  return result;
}

Status Db::Transaction(const std::function<Status(Conn&)>& body) {
  Status error;
  auto conn = Borrow(&error);
  if (!conn) return error;
  auto begin = conn->Exec("BEGIN");
  if (!begin.ok() && begin.status().kind() == StatusKind::kUnavailable) {
    // Lost between the check and BEGIN: nothing ran on it, so another connection may begin.
    conn.reset();
    conn = Borrow(&error);
    if (!conn) return error;
    begin = conn->Exec("BEGIN");
  }
  if (!begin.ok()) return begin.status();
  Status status = body(*conn);
  if (!status.ok()) {
    (void)conn->Exec("ROLLBACK");
    if (status.code() == "database_error")
      LogError("db_transaction", {{"error", status.message()}});
    if (status.kind() == StatusKind::kUnavailable)
      LogWarn("db_unavailable", {{"error", status.message()}});
    return status;
  }
  auto commit = conn->Exec("COMMIT");
  if (!commit.ok()) {
    (void)conn->Exec("ROLLBACK");
    return commit.status();
  }
  return Status::Ok();
}

std::optional<std::string> DecodeByteaHex(const std::string& text) {
  std::string_view hex = text;
  if (hex.substr(0, 2) == "\\x") hex.remove_prefix(2);
  if (hex.size() % 2) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += char(hi * 16 + lo);
  }
  return out;
}

std::string EncodeByteaHex(const std::string& bytes) { return "\\x" + HexEncode(bytes); }

Status WithSavepoint(Conn& conn, const std::string& name, const std::function<Status()>& body) {
  auto opened = conn.Exec("SAVEPOINT " + name);
  if (!opened.ok()) return opened.status();
  Status status = body();
  if (!status.ok()) (void)conn.Exec("ROLLBACK TO SAVEPOINT " + name);
  (void)conn.Exec("RELEASE SAVEPOINT " + name);
  return status;
}

}  // namespace vendly::server
