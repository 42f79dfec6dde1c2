#include "vendly/notices.h"

namespace vendly {
namespace {

std::string Count(long long n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

Notice ScanCompletedNotice(const ScanTally& tally) {
  std::string body = Count(tally.drafts_created, "product draft", "product drafts") +
                     " ready to review from " + Count(tally.processed, "post", "posts");
  if (tally.products_imported > 0)
    body += "; " + std::to_string(tally.products_imported) + " approved automatically";
  if (tally.failed > 0) body += "; " + Count(tally.failed, "post", "posts") + " could not be read";
  return {"scan_completed", "Instagram scan finished", body + "."};
}

Notice ScanFailedNotice(const std::string& reason) {
  return {"scan_failed", "Instagram scan stopped", reason};
}

Notice DraftCreatedNotice(const std::string& product_name, bool published) {
  if (published)
    return {"draft_created", "New product published from Instagram",
            product_name + " was published automatically from your new post."};
  return {"draft_created", "New product draft from Instagram",
          product_name + " is ready to review."};
}

Notice SyncConflictNotice(const std::string& product_name, const std::vector<std::string>& fields) {
  std::string list;
  for (const auto& f : fields) list += (list.empty() ? "" : ", ") + f;
  return {"sync_conflict", "Instagram edit needs your choice",
          "The caption of " + product_name + " changed on Instagram where you had edited it too (" +
              list + ")."};
}

Notice ProductArchivedNotice(const std::string& product_name) {
  return {"product_archived", "Product archived",
          product_name + " was archived because its Instagram post was deleted."};
}

namespace {
std::string Posts(int n) { return std::to_string(n) + (n == 1 ? " post" : " posts"); }
}  // namespace

Notice MediaStorageFullNotice() {
  return {"media_storage_full", "Product photos are waiting",
          "Our storage for product photos is full, so some drafts show no photos yet. They are "
          "copied automatically as soon as there is room; nothing is lost and you need to do "
          "nothing."};
}

Notice DeletionsHeldNotice(int deleted, int unsure) {
  std::string body;
  if (deleted > 0)
    body = "Instagram says " + Posts(deleted) +
           " of your catalog were deleted at once, so we archived nothing. If you deleted them, "
           "archive their products yourself. ";
  if (unsure > 0)
    body += "Instagram would not show us " + Posts(unsure) +
            " of your catalog; their products stay as they are. ";
  body +=
      "If you did not delete posts, check that your Instagram account is still linked to your "
      "Facebook Page, then refresh.";
  return {"deletions_held", "Nothing archived: please check", body};
}

std::string TokenInvalidAdvice(int subcode) {
  switch (subcode) {
    case 458:
      return "Our app was removed from your Facebook account. Reconnect Instagram if you want your "
             "catalog to keep following your posts.";
    case 459:
      return "Facebook is holding your account for a security check. Log in to facebook.com, "
             "complete the check, then reconnect Instagram here.";
    case 460:
      return "Your Facebook password was changed, which ends our access. Reconnect Instagram to "
             "keep your catalog in sync.";
    case 463:
      return "Our access to Instagram expired. Reconnect Instagram to keep your catalog in sync.";
    case 464:
      return "Your Facebook account is not confirmed yet. Confirm it from the email or text "
             "Facebook sent you, then reconnect Instagram here.";
    case 492:
      return "You no longer have a role on the Facebook Page linked to your Instagram account. Ask "
             "the Page's admin to give you access again, then reconnect Instagram.";
    default:
      return "Instagram stopped accepting our access. Reconnect to keep your catalog in sync.";
  }
}

Notice ConnectionExpiredNotice(int subcode) {
  return {"connection_expired", "Reconnect Instagram", TokenInvalidAdvice(subcode)};
}

std::optional<LoginReminder> LoginAgeReminder(long long age_seconds) {
  constexpr long long kDay = 24 * 3600;
  if (age_seconds < kLoginReminderDays * kDay) return std::nullopt;
  LoginReminder r;
  r.age_days = static_cast<int>(age_seconds / kDay);
  r.lapsed = age_seconds >= kLoginTokenDays * kDay;
  const std::string age = "You signed in with Facebook " + std::to_string(r.age_days) + " days ago";
  const std::string goes_on =
      "Your catalog keeps syncing: it reads Instagram with your Page's access, which does not "
      "expire.";
  const std::string fresh =
      "choosing another Page, granting a permission or removing our access on Facebook when you "
      "disconnect needs a fresh sign-in";
  if (r.lapsed)
    r.message = age + ", so that sign-in has lapsed. " + goes_on +
                " Reconnect when convenient: " + fresh + ".";
  else
    r.message = age + ". " + goes_on + " Facebook sign-ins last " +
                std::to_string(kLoginTokenDays) + " days; after that, " + fresh +
                ". Reconnect any time to renew it.";
  return r;
}

std::string DisconnectedMessage(bool meta_kept) {
  if (!meta_kept) return "Instagram account disconnected; our access was removed on Facebook too";
  return "Instagram account disconnected here, but Facebook did not confirm that our access was "
         "removed. To remove it yourself, open Facebook Settings, Business integrations, and "
         "remove our app";
}

Notice InstagramDataRemovedNotice() {
  return {"instagram_data_removed", "Instagram disconnected",
          "Your Instagram data was removed at your request through Facebook."};
}

}  // namespace vendly
