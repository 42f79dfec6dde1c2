// The job kinds this server runs: one Register call per kind (or per module's Register function).
// A kind missing here is never claimed by this server's workers.
#include "app/app.h"
#include "jobs/poll.h"
#include "jobs/queue.h"
#include "jobs/retention.h"
#include "jobs/token_refresh.h"
#include "media/media.h"
#include "meta/webhooks.h"
#include "routes/catalog.h"

namespace vendly::server {

void RegisterJobHandlers(JobRunner& runner, App& app) {
  (void)app;
  runner.Register("noop", RunNoopJob);
  RegisterScanJobs(runner, app);
  RegisterDraftJobs(runner, app);
  RegisterSyncJobs(runner, app);
  RegisterTokenRefreshJobs(runner, app);
  RegisterMediaJobs(runner, app);
  RegisterWebhookJobs(runner, app);
  RegisterRetentionJobs(runner, app);
}

}  // namespace vendly::server
