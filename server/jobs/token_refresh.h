// The recurring "token_refresh" job: long-lived user tokens close to expiry are exchanged for fresh
// ones, so a connected account keeps syncing without the seller logging in again.
#ifndef VENDLY_SERVER_JOBS_TOKEN_REFRESH_H_
#define VENDLY_SERVER_JOBS_TOKEN_REFRESH_H_

namespace vendly::server {

struct App;
class JobRunner;

// The "token_refresh" kind, and its recurring chain (hourly).
void RegisterTokenRefreshJobs(JobRunner& runner, App& app);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_JOBS_TOKEN_REFRESH_H_
