// Migrations from an empty database, applied twice, and by two servers at once.
#include "store/migrate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "test_support.h"

namespace vendly::server {
namespace {

using vendly::test::Sql;
using vendly::test::TestDatabase;

class MigrateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!db_.available()) GTEST_SKIP() << "VENDLY_TEST_DATABASE_URL is not set";
  }
  TestDatabase db_;
};

TEST_F(MigrateTest, FromEmptyCreatesEveryTableAndIndex) {
  Db db(db_.url(), 2);
  auto applied = Migrate(db, VENDLY_MIGRATIONS_DIR);
  ASSERT_TRUE(applied.ok()) << applied.status().message();
  auto files = ListMigrations(VENDLY_MIGRATIONS_DIR);
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(*applied, int(files->size()));

  auto tables =
      Sql(db_.url(),
          "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables"
          " WHERE table_schema = 'public'");
  const std::string names = "," + tables[0][0] + ",";
  for (const char* t :
       {"seller", "store", "seller_session", "oauth_state", "instagram_connection", "product",
        "product_draft", "instagram_sync_history", "instagram_webhook_event", "job", "media_asset",
        "notification", "sync_conflict", "data_deletion_request", "schema_migrations"})
    EXPECT_NE(names.find(std::string(",") + t + ","), std::string::npos) << t;

  auto indexes = Sql(
      db_.url(), "SELECT string_agg(indexname, ',') FROM pg_indexes WHERE schemaname = 'public'");
  const std::string idx = "," + indexes[0][0] + ",";
  // The plan's 7.3: sourceExternalId, status, storeId, (storeId, status); drafts per store and post
  // item.
  for (const char* i :
       {"product_source_external_id_idx", "product_status_idx", "product_store_idx",
        "product_store_status_idx", "product_draft_store_media_item_uq", "product_draft_status_idx",
        "product_draft_store_status_idx", "ig_connection_store_uq", "ig_connection_ig_account_uq",
        "job_ready_idx", "sync_history_store_idx", "webhook_event_status_idx"})
    EXPECT_NE(idx.find(std::string(",") + i + ","), std::string::npos) << i;
}

TEST_F(MigrateTest, AppliedTwiceIsANoOp) {
  Db db(db_.url(), 2);
  ASSERT_TRUE(Migrate(db, VENDLY_MIGRATIONS_DIR).ok());
  auto again = Migrate(db, VENDLY_MIGRATIONS_DIR);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(*again, 0);
  auto count = Sql(db_.url(), "SELECT count(*) FROM schema_migrations");
  auto files = ListMigrations(VENDLY_MIGRATIONS_DIR);
  EXPECT_EQ(count[0][0], std::to_string(files->size()));
}

TEST_F(MigrateTest, TwoServersStartingTogetherDoNotRace) {
  std::atomic<int> total{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back([&] {
      Db db(db_.url(), 1);
      auto r = Migrate(db, VENDLY_MIGRATIONS_DIR);
      if (r.ok())
        total += *r;
      else
        ++failures;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(total.load(), int(ListMigrations(VENDLY_MIGRATIONS_DIR)->size()));
}

TEST_F(MigrateTest, MigrateCommandAppliesAndExits) {
  vendly::test::ChildProcess p({VENDLY_SERVER_BIN, "migrate"},
                               {{"VENDLY_DATABASE_URL", db_.url()},
                                {"VENDLY_DATA_DIR", vendly::test::TempDir()},
                                {"VENDLY_MIGRATIONS_DIR", VENDLY_MIGRATIONS_DIR}},
                               "/dev/null");
  int status = 0;
  for (int i = 0; i < 300 && waitpid(p.pid(), &status, WNOHANG) == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  auto count = Sql(db_.url(), "SELECT count(*) FROM schema_migrations");
  EXPECT_EQ(count[0][0], std::to_string(ListMigrations(VENDLY_MIGRATIONS_DIR)->size()));
}

TEST_F(MigrateTest, DraftsAreUniquePerStoreAndPostItem) {
  Db db(db_.url(), 2);
  ASSERT_TRUE(Migrate(db, VENDLY_MIGRATIONS_DIR).ok());
  Sql(db_.url(),
      "INSERT INTO seller (id, email, password_hash) VALUES ('slr_a', 'a@x.co', 'h'), ('slr_b', "
      "'b@x.co', 'h');"
      "INSERT INTO store (id, seller_id, name, currency) VALUES ('str_a', 'slr_a', 'A', 'KES'),"
      " ('str_b', 'slr_b', 'B', 'UGX')");
  auto insert = [&](const std::string& store, int item) {
    return db.Exec(
        "INSERT INTO product_draft (store_id, ig_media_id, item_index, ig_permalink, ig_media_type,"
        " ig_timestamp, extracted_data, expires_at) VALUES ($1, 'm1', $2, 'p', 'IMAGE', now(), "
        "'{}',"
        " now() + interval '7 days')",
        {store, std::to_string(item)});
  };
  EXPECT_TRUE(insert("str_a", 0).ok());
  EXPECT_TRUE(insert("str_a", 1).ok());  // a second product of the same post
  EXPECT_TRUE(insert("str_b", 0).ok());  // the same post id in another store
  auto dup = insert("str_a", 0);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), "unique_violation");
}

}  // namespace
}  // namespace vendly::server
