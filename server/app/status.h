// The server's errors are the core's: vendly::Status and vendly::Result (vendly/status.h), named
// here so server code can keep spelling them unqualified. Their HTTP answer and the error JSON
// shape live in http/http.h (HttpStatusFor, ErrorBody, SendError).
#ifndef VENDLY_SERVER_STATUS_H_
#define VENDLY_SERVER_STATUS_H_

#include <vendly/status.h>

namespace vendly::server {

using ::vendly::Result;
using ::vendly::Status;
using ::vendly::StatusKind;

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STATUS_H_
