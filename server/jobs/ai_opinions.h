// The second opinion in the scan and poll jobs (issue 11): which of a chunk of posts a language
// model is asked about (the core's vendly::ShouldAskModel under VENDLY_AI_MODE, and the store's
// switch), each request counted against the rate limits and budgets first (store/ai_store.h), and
// what it cost added to the sync history row. Asked outside any transaction: a slow model never
// holds a database lock. On any failure (a limit, a timeout, a refusal, a malformed answer) the
// post gets no opinion, so the engine's result stands, and the reason is logged.
#ifndef VENDLY_SERVER_JOBS_AI_OPINIONS_H_
#define VENDLY_SERVER_JOBS_AI_OPINIONS_H_

#include <vendly/second_opinion.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ai/opinion.h"
#include "ai/provider.h"
#include "meta/graph.h"
#include "routes/catalog.h"

namespace vendly::server {

struct App;

class OpinionAsker {
 public:
  explicit OpinionAsker(App& app);
  // False when no post is ever sent (VENDLY_AI_MODE off, or no key).
  bool enabled() const { return provider_ != nullptr; }
  // The opinions of those of `posts` worth one, by media id; what they cost is added to the sync
  // history row `sync_history_id`. `keep_going` is asked before each request (a job's heartbeat);
  // false stops asking, and Ask returns false.
  bool Ask(const StoreSettings& store, const std::vector<const MediaItem*>& posts,
           const std::function<bool()>& keep_going, const std::string& sync_history_id,
           std::map<std::string, PostOpinion>* out);

 private:
  App& app_;
  vendly::AiMode mode_ = vendly::AiMode::kOff;
  std::string model_;
  std::unique_ptr<AiProvider> provider_;
};

}  // namespace vendly::server

#endif  // VENDLY_SERVER_JOBS_AI_OPINIONS_H_
