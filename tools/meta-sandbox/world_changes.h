// Changes to the world that happen "on Instagram": a seller publishes, edits or deletes a post, a
// customer comments. Shared by the control API (on command) and the scheduler (on a timer), so both
// change the world the same way. A comment also sends a signed `comments` webhook when the app has
// a webhook URL and the account's Page is subscribed, as Meta would.
#ifndef VENDLY_SERVER_SANDBOX_WORLD_CHANGES_H_
#define VENDLY_SERVER_SANDBOX_WORLD_CHANGES_H_

#include <atomic>
#include <condition_variable>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>

#include "store.h"
#include "webhooks.h"

namespace vendly::sandbox {

// Publishes a generated post (a product caption, sometimes a carousel) as the account's newest.
// Returns its id, or "" when the account is unknown. Requires store.mu.
std::string PublishGeneratedLocked(Store& store, const std::string& account_id);

// Edits the caption of one of the account's 10 newest posts (a price change or a "SOLD OUT" note).
// Returns the media id, or "" when there is none. Requires store.mu.
std::string EditSomeCaptionLocked(Store& store, const std::string& account_id);

// Deletes one of the account's 10 newest posts. Returns its id, or "". Requires store.mu.
std::string DeleteSomePostLocked(Store& store, const std::string& account_id);

// A pending webhook delivery, prepared under the lock and sent without it.
struct PendingDelivery {
  LoopbackUrl url;
  std::string body;
  std::string signature;
};

// Records a comment on `media_id` (comments_count + 1). When the app has a webhook_url and the
// owner's Page is subscribed, returns the signed delivery to make. Requires store.mu.
std::optional<PendingDelivery> CommentLocked(Store& store, const std::string& media_id,
                                             const std::string& text, nlohmann::json* event_out);

// Runs the world's schedules on a background thread (checks every 20 ms) until Stop().
class Scheduler {
 public:
  explicit Scheduler(Store& store) : store_(store) {}
  ~Scheduler() { Stop(); }
  void Start();
  void Stop();

 private:
  void Loop();

  Store& store_;
  std::thread thread_;
  std::mutex wake_mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

// Milliseconds of the steady clock, the scheduler's time base.
int64_t SteadyMillis();

}  // namespace vendly::sandbox

#endif  // VENDLY_SERVER_SANDBOX_WORLD_CHANGES_H_
