// What a scan of a Meta sandbox account should leave, computed from the sandbox's own world with
// the core extractor post by post, and what the database holds: shared by the suites that check
// "every product post ends with exactly its drafts" (scan_test, faults_test) so it is checked, not
// assumed.
#ifndef VENDLY_TESTS_SERVER_SCAN_SUPPORT_H_
#define VENDLY_TESTS_SERVER_SCAN_SUPPORT_H_

#include <gtest/gtest.h>
#include <httplib.h>
#include <vendly/extract.h>

#include <map>
#include <string>

#include "test_support.h"

namespace vendly::test {

// The drafts each post of sandbox account `ig` should have: the core's product count.
inline std::map<std::string, int> ExpectedDrafts(httplib::Client& meta, const std::string& ig,
                                                 bool include_videos = true) {
  std::map<std::string, int> expected;
  auto world = Body(meta.Get(("/_sandbox/accounts/" + ig + "/media").c_str()));
  for (const auto& m : world["data"]) {
    if (!include_videos && m.value("media_type", "") == "VIDEO") continue;
    Post post;
    post.id = m["id"];
    post.caption = m.value("caption", "");
    post.store_currency = "KES";
    post.media_type = m.value("media_type", "");
    post.children = m.contains("children") ? static_cast<int>(m["children"].size()) : 1;
    Extraction e = Extract(post);
    expected[post.id] = e.is_product ? static_cast<int>(e.products.size()) : 0;
  }
  return expected;
}

// The drafts each post has in the database at `db_url` (a duplicate item index fails the test).
inline std::map<std::string, int> ActualDrafts(const std::string& db_url) {
  std::map<std::string, int> actual;
  for (const auto& row : Sql(db_url,
                             "SELECT ig_media_id, count(*), count(DISTINCT item_index) FROM"
                             " product_draft GROUP BY ig_media_id")) {
    EXPECT_EQ(row[1], row[2]) << "duplicate item index for " << row[0];
    actual[row[0]] = std::stoi(row[1]);
  }
  return actual;
}

// Every post has exactly its expected drafts, and no other post has any.
inline void ExpectExactDrafts(const std::string& db_url,
                              const std::map<std::string, int>& expected) {
  std::map<std::string, int> actual = ActualDrafts(db_url);
  int posts = 0, drafts = 0;
  for (const auto& [id, n] : expected) {
    const int got = actual.count(id) ? actual[id] : 0;
    EXPECT_EQ(got, n) << "post " << id;
    posts += n > 0;
    drafts += n;
  }
  for (const auto& [id, n] : actual)
    EXPECT_TRUE(expected.count(id)) << "draft for unknown post " << id;
  EXPECT_GT(posts, 0);
  EXPECT_GT(drafts, posts);  // some posts offer several items
}

}  // namespace vendly::test

#endif  // VENDLY_TESTS_SERVER_SCAN_SUPPORT_H_
