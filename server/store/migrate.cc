#include "store/migrate.h"

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "app/log.h"
#include "crypto/crypto.h"

namespace vendly::server {
namespace {

// An arbitrary constant shared by every vendly-server: the advisory lock key of migrations.
constexpr const char* kMigrationLockKey = "727354091";

bool IsMigrationName(const std::string& name) {
  if (name.size() < 10 || name.compare(name.size() - 4, 4, ".sql") != 0) return false;
  for (int i = 0; i < 4; ++i)
    if (name[i] < '0' || name[i] > '9') return false;
  return name[4] == '_';
}

}  // namespace

Result<std::vector<MigrationFile>> ListMigrations(const std::string& dir) {
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return Status::Internal("cannot read migrations folder " + dir);
  std::vector<MigrationFile> files;
  while (dirent* entry = readdir(d)) {
    std::string name = entry->d_name;
    if (!IsMigrationName(name)) continue;
    files.push_back({name.substr(0, 4), name, dir + "/" + name});
  }
  closedir(d);
  std::sort(files.begin(), files.end(),
            [](const MigrationFile& a, const MigrationFile& b) { return a.name < b.name; });
  for (std::size_t i = 1; i < files.size(); ++i) {
    if (files[i].version == files[i - 1].version)
      return Status::Internal("two migrations share version " + files[i].version);
  }
  return files;
}

Result<int> Migrate(Db& db, const std::string& dir) {
  auto files = ListMigrations(dir);
  if (!files.ok()) return files.status();
  Status error;
  auto conn = db.Borrow(&error);
  if (!conn) return error;
  auto locked = conn->Exec("SELECT pg_advisory_lock($1::bigint)", {kMigrationLockKey});
  if (!locked.ok()) return locked.status();
  struct Unlock {
    Conn* conn;
    ~Unlock() { (void)conn->Exec("SELECT pg_advisory_unlock($1::bigint)", {kMigrationLockKey}); }
  } unlock{conn.get()};

  auto created = conn->Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
      " applied_at timestamptz NOT NULL DEFAULT now())");
  if (!created.ok()) return created.status();

  int applied = 0;
  for (const auto& file : *files) {
    std::ifstream in(file.path, std::ios::binary);
    if (!in) return Status::Internal("cannot read " + file.path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string sql = buffer.str();
    const std::string checksum = Sha256Hex(sql);

    auto existing =
        conn->Exec("SELECT checksum FROM schema_migrations WHERE version = $1", {file.version});
    if (!existing.ok()) return existing.status();
    if (!existing->empty()) {
      if (existing->Text(0, "checksum") != checksum)
        return Status::Internal("migration " + file.name + " changed after it was applied");
      continue;
    }
    auto begin = conn->Exec("BEGIN");
    if (!begin.ok()) return begin.status();
    Status run = conn->ExecScript(sql);
    if (run.ok()) {
      auto rec =
          conn->Exec("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                     {file.version, file.name, checksum});
      if (!rec.ok()) run = rec.status();
    }
    if (!run.ok()) {
      (void)conn->Exec("ROLLBACK");
      return Status::Internal("migration " + file.name + " failed: " + run.message());
    }
    auto commit = conn->Exec("COMMIT");
    if (!commit.ok()) return commit.status();
    LogInfo("migrate", {{"migration", file.name}, {"result", "applied"}});
    ++applied;
  }
  return applied;
}

}  // namespace vendly::server
