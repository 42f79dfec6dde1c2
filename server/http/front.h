// The connection front of the edge server: what stands between a socket and cpp-httplib's request
// handling, so that slow or idle clients cannot hold the request threads. cpp-httplib 0.11.4 gives
// each connection a thread for its whole keep-alive life and reads a head with a timeout per read,
// not per head, so 32 clients sending a byte a second hold all 32 threads (issue 20).
//
// Here one thread (the gate) watches every connection with epoll and reads request heads without
// blocking, under the core's limits (vendly/http_framing.h): a head must arrive whole within
// kHeaderReadSeconds of its first byte (else 408), fit in kMaxRequestHeadBytes (else 431) and frame
// its body validly (else the core's 400 or 411); a kept-alive connection idle for
// kKeepAliveIdleSeconds is closed; one client address holds at most max_per_address connections
// (more are answered 429 and closed). Only a whole, valid head goes to a request thread, which
// hands it to cpp-httplib's process_request with the body read under a total deadline
// (kBodyReadSeconds); then the connection goes back to the gate, or, when the next request is
// already buffered (pipelining), is served again at once, in order. After
// kMaxRequestsPerConnection requests, or a response carrying `Connection: close`, the connection is
// closed.
#ifndef VENDLY_SERVER_FRONT_H_
#define VENDLY_SERVER_FRONT_H_

#include <httplib.h>

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace vendly::server {

struct FrontOptions {
  std::size_t threads = 32;   // request threads
  std::size_t queue = 256;    // whole heads waiting for a request thread
  int max_per_address = 128;  // open connections per client address; 0: no cap
  // Headers the gate's own refusals carry (the API's security headers, as on every answer).
  std::vector<std::pair<std::string, std::string>> headers;
};

class Gate;
struct FrontConnection;

// An httplib::Server whose accepted sockets go to the gate instead of a thread of their own. Bind,
// listen and stop as with httplib::Server; routes and handlers are registered on it the same way.
class FrontServer : public httplib::Server {
 public:
  explicit FrontServer(FrontOptions options);
  ~FrontServer() override;

  // httplib::Server::bind_to_port, then a listen backlog of SOMAXCONN: cpp-httplib 0.11.4 listens
  // with 5, so a burst of connections (200 slow clients at once) waits out SYN retries of 1 s.
  bool BindToPort(const std::string& host, int port);

  // Serves one connection whose head is buffered: called by the gate on a request thread.
  void ServeBuffered(FrontConnection* connection);

 private:
  // Called by cpp-httplib's accept loop (on its thread): the socket joins the gate.
  bool process_and_close_socket(socket_t sock) override;

  FrontOptions options_;
  std::unique_ptr<Gate> gate_;
};

}  // namespace vendly::server

#endif  // VENDLY_SERVER_FRONT_H_
