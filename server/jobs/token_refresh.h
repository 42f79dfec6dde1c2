// The recurring "token_refresh" job, the token lifecycle of the Facebook Login path as Meta
// documents it: the Page token the catalog reads with does not expire, so its health is checked
// with one cheap Graph call about once a day per connection (CheckConnectionToken, which the
// seller's "Check connection" uses too); a 190 there expires the connection with the subcode's
// advice. The long-lived user token is never re-exchanged (Meta renews it only through a new
// sign-in); its age is shown as a reminder (vendly::LoginAgeReminder), not as an expiry.
#ifndef VENDLY_SERVER_JOBS_TOKEN_REFRESH_H_
#define VENDLY_SERVER_JOBS_TOKEN_REFRESH_H_

namespace vendly::server {

struct App;
class JobRunner;

// The "token_refresh" kind, and its recurring chain (hourly; each run checks the connections not
// checked for a day).
void RegisterTokenRefreshJobs(JobRunner& runner, App& app);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_JOBS_TOKEN_REFRESH_H_
