// The wording of the seller's in-app notifications (plan 6.4): one function per kind, so a title or
// a sentence is written once, tested without a database, and the server's store only saves what it
// is given (store/notification_store.h, AddNotification). The data a notification links to (ids)
// is the caller's; the words are here.
#ifndef VENDLY_NOTICES_H_
#define VENDLY_NOTICES_H_

#include <optional>
#include <string>
#include <vector>

namespace vendly {

struct Notice {
  std::string kind;  // the notification's kind, as the dashboard and the API know it
  std::string title;
  std::string body;
};

// What a finished scan did (counts of its scan_item rows).
struct ScanTally {
  long long drafts_created = 0;
  long long processed = 0;          // posts read
  long long products_imported = 0;  // drafts approved automatically
  long long failed = 0;             // posts that could not be read
};

// "scan_completed": how many drafts wait, from how many posts, and what else happened.
Notice ScanCompletedNotice(const ScanTally& tally);
// "scan_failed": the scan stopped; `reason` is the error message shown to the seller ("" when
// none).
Notice ScanFailedNotice(const std::string& reason);
// "draft_created": a new post became a draft, or a product when it was approved automatically.
Notice DraftCreatedNotice(const std::string& product_name, bool published);
// "sync_conflict": a caption edit on Instagram touches fields the seller had edited too;
// `fields` are their API names.
Notice SyncConflictNotice(const std::string& product_name, const std::vector<std::string>& fields);
// "product_archived": the product's Instagram post was deleted.
Notice ProductArchivedNotice(const std::string& product_name);
// "deletions_held": a walk for deleted posts archived nothing it was unsure of. `deleted`: posts
// Instagram said were gone, held because that many at once is suspicious (kWalkDeletionPause,
// 0 when they were archived); `unsure`: posts Instagram would not show, left as they are.
Notice DeletionsHeldNotice(int deleted, int unsure);
// What the seller does when Meta rejects the token (code 190), by its subcode: 458 app removed,
// 459 security checkpoint, 460 password changed, 463 expired, 464 unconfirmed user, 492 no role on
// the Page any more; any other (467 invalid, none) reads as "reconnect".
std::string TokenInvalidAdvice(int subcode);
// "connection_expired": Meta no longer accepts the connection's token; the body is
// TokenInvalidAdvice(subcode).
Notice ConnectionExpiredNotice(int subcode = 0);
// The Facebook sign-in behind a connection (Facebook Login path). Its long-lived user token lives
// about kLoginTokenDays and Meta renews it only through a new sign-in (re-exchanging it gives back
// the same expiry); the Page token the catalog reads with does not expire with it. So the sign-in's
// age is a reminder, never an expiry: from kLoginReminderDays on, the seller is told that syncing
// goes on and what a fresh sign-in is for (choosing another Page, changing permissions, removing
// our access on Facebook at disconnect).
inline constexpr int kLoginReminderDays = 50;
inline constexpr int kLoginTokenDays = 60;
struct LoginReminder {
  int age_days = 0;
  bool lapsed = false;  // past kLoginTokenDays: the user token is gone, the Page token is not
  std::string message;
};
// nullopt before kLoginReminderDays (and for a negative age: a clock that went back).
std::optional<LoginReminder> LoginAgeReminder(long long age_seconds);
// "media_storage_full": the server's disk for copied images is full; the drafts' images are
// copied once there is room again (nothing to do for the seller but wait).
Notice MediaStorageFullNotice();
// The answer to a disconnect: our side is always gone; `meta_kept` when Meta did not confirm
// removing our access (the app's grant or the Page's webhook subscription), with where the seller
// removes it by hand.
std::string DisconnectedMessage(bool meta_kept);
// "instagram_data_removed": the seller asked Facebook to remove our app's data.
Notice InstagramDataRemovedNotice();

}  // namespace vendly

#endif  // VENDLY_NOTICES_H_
