// A small libpq layer: a fixed-size connection pool, parameterised queries only (text parameters,
// never SQL built from strings), transactions, and errors as values. Every query a handler runs
// goes through Db::Exec or a Transaction, so tenant scoping is visible at each call site as a $n
// parameter.
#ifndef VENDLY_SERVER_DB_H_
#define VENDLY_SERVER_DB_H_

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/status.h"

struct pg_conn;
struct pg_result;

namespace vendly::server {

// A query parameter: text, or SQL NULL when nullopt.
using Param = std::optional<std::string>;
using Params = std::vector<Param>;

// The rows of a result. Cheap to copy (shares the PGresult).
class Rows {
 public:
  Rows() = default;
  explicit Rows(pg_result* result);
  int size() const;
  bool empty() const { return size() == 0; }
  // Rows changed by INSERT/UPDATE/DELETE without RETURNING.
  long affected() const;
  // The value of column `column` in row `row`; nullopt for NULL or an unknown column.
  std::optional<std::string> Get(int row, const char* column) const;
  // Get(), with "" for NULL.
  std::string Text(int row, const char* column) const;
  bool IsNull(int row, const char* column) const;
  bool Bool(int row, const char* column) const;  // PostgreSQL "t"/"f"
  long long Int(int row, const char* column) const;

 private:
  std::shared_ptr<pg_result> result_;
};

// One open connection, lent by the pool. Not thread-safe: one user at a time.
class Conn {
 public:
  explicit Conn(pg_conn* conn) : conn_(conn) {}
  ~Conn();
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // Runs one statement with $1..$n parameters. On a database error the Status carries code
  // "unique_violation" (409) for SQLSTATE 23505, "invalid_request" (400) for 22xxx data errors,
  // "unavailable" (503) when the connection to the server is lost (a restart, a crash), else
  // "database_error" (500), with the server's message (never shown to clients).
  Result<Rows> Exec(const std::string& sql, const Params& params = {});
  // Runs a script of several statements without parameters (migrations only).
  Status ExecScript(const std::string& sql);
  bool healthy() const;
  // True when an idle connection can be lent again: libpq sees it open, no transaction is left on
  // it, and the server has sent nothing since its last answer. An idle connection's server speaks
  // only to end it (a restart, a crash, a terminated backend: a notice, then the end of the
  // stream), so a readable socket means it is gone. One poll(2), no round trip.
  bool StillOpen() const;

 private:
  pg_conn* conn_;
};

class Db {
 public:
  Db(std::string conninfo, int pool_size);
  ~Db();

  // Opens one connection to check the database is reachable.
  Status Ping();
  // Runs one statement on a pooled connection (autocommit).
  Result<Rows> Exec(const std::string& sql, const Params& params = {});
  // Runs `body` inside BEGIN ... COMMIT on one connection; rolls back when body returns an error.
  // A connection found lost at BEGIN (nothing ran on it) is replaced once.
  Status Transaction(const std::function<Status(Conn&)>& body);
  // Lends a connection for work that needs one session (advisory locks). An idle connection is
  // checked (Conn::StillOpen) before it is lent; one the server closed is dropped and another
  // opened, so a database restart costs no request an error. nullptr, and the reason in *error
  // when `error` is not null (Unavailable: 503), when no connection can be opened.
  std::unique_ptr<Conn, std::function<void(Conn*)>> Borrow(Status* error);

 private:
  // An idle connection that is still open, or nullptr when none is (the dead ones are closed).
  // Requires mutex_.
  Conn* TakeIdleLocked();

  std::string conninfo_;
  int pool_size_;
  int open_ = 0;
  std::vector<Conn*> idle_;
  std::mutex mutex_;
  std::condition_variable cv_;
};

// Runs `body` inside SAVEPOINT `name` on `conn` (within the caller's transaction): its writes are
// undone when it fails, the rest of the transaction goes on. Returns body's status.
Status WithSavepoint(Conn& conn, const std::string& name, const std::function<Status()>& body);

// Converts a libpq bytea hex text ("\x0a1b...") or plain hex into bytes; nullopt when malformed.
std::optional<std::string> DecodeByteaHex(const std::string& text);
// Bytes as a bytea input literal for a text parameter ("\x0a1b...").
std::string EncodeByteaHex(const std::string& bytes);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_DB_H_
