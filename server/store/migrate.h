// Schema migrations: the numbered files NNNN_name.sql of a folder, applied in order, each inside
// its own transaction and recorded in schema_migrations (version, name, checksum). A session-level
// pg_advisory_lock serialises servers that start together; applying twice is a no-op.
#ifndef VENDLY_SERVER_MIGRATE_H_
#define VENDLY_SERVER_MIGRATE_H_

#include <string>
#include <vector>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

struct MigrationFile {
  std::string version;  // "0001"
  std::string name;     // "0001_accounts.sql"
  std::string path;
};

// The NNNN_*.sql files of `dir`, sorted by version. Fails when the folder cannot be read or two
// files share a version.
Result<std::vector<MigrationFile>> ListMigrations(const std::string& dir);

// Applies the migrations of `dir` not yet recorded. Returns how many were applied now. A file whose
// recorded checksum differs from its content is an error (an applied migration must never change).
Result<int> Migrate(Db& db, const std::string& dir);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_MIGRATE_H_
