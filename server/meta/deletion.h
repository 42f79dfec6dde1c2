// Meta's data-deletion and deauthorize callbacks. Both carry a `signed_request`:
// base64url(HMAC-SHA256(app secret, encoded payload)) "." base64url(payload JSON). A verified
// request removes the Instagram data of every store connected by that Facebook user; the
// data-deletion answer points at a status URL that shows the request's progress.
#ifndef VENDLY_SERVER_DELETION_H_
#define VENDLY_SERVER_DELETION_H_

// The routes (RegisterDeletionRoutes) are declared in app.h; VerifySignedRequest reads the
// callbacks' signed_request.
#include "meta/signed_request.h"

#endif  // VENDLY_SERVER_DELETION_H_
