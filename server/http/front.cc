#include "http/front.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "vendly/http_framing.h"

namespace vendly::server {

using Clock = std::chrono::steady_clock;

// One client connection, owned by the gate while it waits for a head and by a request thread while
// a request is served.
struct FrontConnection {
  int fd = -1;
  std::string address;
  std::string buffer;            // bytes read and not yet served (a head, or part of one)
  int served = 0;                // requests answered on this connection
  bool idle = true;              // no byte of the next request yet (the keep-alive wait)
  bool closing = false;          // answered and shut for writing: what the client still sends is
                                 // read and dropped, so closing does not reset the answer away
  Clock::time_point deadline{};  // when the gate gives up on it
};

namespace {

constexpr int kWriteSeconds = 10;
constexpr int kGateTickMs = 50;
constexpr int kLingerMs = 1000;

// After a refusal the client may still be sending (a body, the rest of a huge head): closing with
// unread bytes makes the kernel send a reset, which can destroy the answer before it is read. So
// the connection is shut for writing and drained a moment first (nginx's lingering close).
void StartLinger(FrontConnection& c) {
  shutdown(c.fd, SHUT_WR);
  c.closing = true;
  c.buffer.clear();
  c.deadline = Clock::now() + std::chrono::milliseconds(kLingerMs);
}

// The request threads: at most `max_queued` whole heads wait; when full, TryEnqueue refuses and the
// gate answers 503 instead of blocking (it must keep reading everyone else's heads).
class BoundedTaskQueue {
 public:
  BoundedTaskQueue(std::size_t threads, std::size_t max_queued) : max_queued_(max_queued) {
    for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { Work(); });
  }
  ~BoundedTaskQueue() { Shutdown(); }

  bool TryEnqueue(std::function<void()> fn) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (shutdown_ || jobs_.size() >= max_queued_) return false;
    jobs_.push_back(std::move(fn));
    not_empty_.notify_one();
    return true;
  }

  // Runs what is queued, then joins the threads.
  void Shutdown() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (shutdown_) return;
      shutdown_ = true;
    }
    not_empty_.notify_all();
    for (auto& t : workers_)
      if (t.joinable()) t.join();
  }

 private:
  void Work() {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        not_empty_.wait(lock, [&] { return shutdown_ || !jobs_.empty(); });
        if (jobs_.empty()) return;  // shutting down and drained
        fn = std::move(jobs_.front());
        jobs_.pop_front();
      }
      fn();
    }
  }

  std::size_t max_queued_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable not_empty_;
  bool shutdown_ = false;
};

// cpp-httplib's accept loop hands each socket to its task queue; this one runs the hand-over at
// once, on the accept thread: FrontServer::process_and_close_socket only gives the socket to the
// gate, which never blocks.
class InlineQueue : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override {}
};

int MillisUntil(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() < 0 ? 0 : int(left.count());
}

// Waits until `fd` is readable (POLLIN) or writable (POLLOUT), or `deadline`; false on timeout.
bool WaitFor(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int n = poll(&p, 1, MillisUntil(deadline));
    if (n > 0) return true;
    if (n == 0 || errno != EINTR) return false;
  }
}

// Sends all of `data` before `deadline`; false when the client does not take it.
bool SendAll(int fd, const char* data, std::size_t size, Clock::time_point deadline) {
  while (size > 0) {
    const ssize_t n = send(fd, data, size, MSG_NOSIGNAL);
    if (n > 0) {
      data += n;
      size -= std::size_t(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      if (!WaitFor(fd, POLLOUT, deadline)) return false;
    } else {
      return false;
    }
  }
  return true;
}

const char* Reason(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 408:
      return "Request Timeout";
    case 411:
      return "Length Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    default:
      return "Service Unavailable";
  }
}

// Answers the refusal the gate decided ({"error":{"code","message"}}, the server's one error shape)
// and says the connection closes; the caller closes it.
void SendRefusal(int fd, const FrontOptions& options, int status, const std::string& code,
                 const std::string& message) {
  const std::string body = nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump();
  std::string extra;
  for (const auto& [name, value] : options.headers) extra += name + ": " + value + "\r\n";
  const std::string response = "HTTP/1.1 " + std::to_string(status) + " " + Reason(status) +
                               "\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n" +
                               extra + "Content-Length: " + std::to_string(body.size()) +
                               "\r\nConnection: close\r\n\r\n" + body;
  SendAll(fd, response.data(), response.size(), Clock::now() + std::chrono::seconds(1));
}

std::string PeerAddress(int fd) {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return "";
  char text[INET6_ADDRSTRLEN] = {0};
  if (addr.ss_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&addr)->sin_addr, text, sizeof(text));
  else if (addr.ss_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&addr)->sin6_addr, text, sizeof(text));
  return text;
}

void SocketAddress(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  const int rc = peer ? getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len)
                      : getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  if (rc != 0) return;
  char text[INET6_ADDRSTRLEN] = {0};
  if (addr.ss_family == AF_INET) {
    auto* in = reinterpret_cast<sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
    port = ntohs(in->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    auto* in = reinterpret_cast<sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &in->sin6_addr, text, sizeof(text));
    port = ntohs(in->sin6_port);
  }
  ip = text;
}

// The stream cpp-httplib reads one request from and writes its response to: the buffered head
// first, then the socket, every read before one total deadline (the body's). It notes a response
// that says `Connection: close`, so the connection is closed after it (cpp-httplib 0.11.4 keeps it
// open otherwise, with a refused body unread).
class ConnectionStream : public httplib::Stream {
 public:
  ConnectionStream(FrontConnection& connection, Clock::time_point read_deadline)
      : c_(connection), read_deadline_(read_deadline) {}

  bool is_readable() const override {
    return pos_ < c_.buffer.size() || WaitFor(c_.fd, POLLIN, read_deadline_);
  }
  bool is_writable() const override {
    return WaitFor(c_.fd, POLLOUT, Clock::now() + std::chrono::seconds(kWriteSeconds));
  }
  ssize_t read(char* ptr, std::size_t size) override {
    if (pos_ < c_.buffer.size()) {
      const std::size_t n = std::min(size, c_.buffer.size() - pos_);
      std::copy(c_.buffer.data() + pos_, c_.buffer.data() + pos_ + n, ptr);
      pos_ += n;
      return ssize_t(n);
    }
    for (;;) {
      if (!WaitFor(c_.fd, POLLIN, read_deadline_)) return -1;
      const ssize_t n = recv(c_.fd, ptr, size, 0);
      if (n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) return n;
    }
  }
  ssize_t write(const char* ptr, std::size_t size) override {
    // Every write is looked at: a 100 Continue may come before the response's head.
    if (std::string_view(ptr, size).find("\r\nConnection: close\r\n") != std::string_view::npos)
      says_close_ = true;
    const auto deadline = Clock::now() + std::chrono::seconds(kWriteSeconds);
    return SendAll(c_.fd, ptr, size, deadline) ? ssize_t(size) : -1;
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    SocketAddress(c_.fd, true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    SocketAddress(c_.fd, false, ip, port);
  }
  // cpp-httplib 0.11.4 reads the socket only to refuse one past select()'s FD_SETSIZE with a 500;
  // this stream polls, so it has no such limit and reports no socket.
  socket_t socket() const override { return INVALID_SOCKET; }

  bool says_close() const { return says_close_; }
  // What was buffered and not read (the start of the next request) stays on the connection.
  void KeepUnread() { c_.buffer.erase(0, pos_); }

 private:
  FrontConnection& c_;
  Clock::time_point read_deadline_;
  std::size_t pos_ = 0;
  bool says_close_ = false;
};

enum class Admission { kNeedMore, kRefused, kReady };

// Whether the connection's buffer holds a whole head the core accepts; a refusal is answered here
// (the caller then lingers and closes the connection).
Admission Admit(FrontConnection& c, const FrontOptions& options) {
  const HeadScan scan = ScanRequestHead(c.buffer);
  if (scan.too_large) {
    SendRefusal(
        c.fd, options, 431, "header_too_large",
        "the request headers are larger than " + std::to_string(kMaxRequestHeadBytes) + " bytes");
    return Admission::kRefused;
  }
  if (!scan.complete) return Admission::kNeedMore;
  const Framing framing =
      CheckRequestFraming(std::string_view(c.buffer).substr(0, scan.head_bytes));
  if (!framing.ok) {
    SendRefusal(c.fd, options, framing.status, framing.code, framing.message);
    return Admission::kRefused;
  }
  return Admission::kReady;
}

}  // namespace

// Watches the connections that wait for a request head, on one thread; see front.h.
class Gate {
 public:
  Gate(FrontServer& server, const FrontOptions& options)
      : server_(server), options_(options), pool_(options.threads, options.queue) {
    epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
    wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = nullptr;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);
    thread_ = std::thread([this] { Run(); });
  }

  ~Gate() {
    stopping_ = true;
    Wake();
    thread_.join();
    pool_.Shutdown();  // requests in flight finish; their connections close (stopping_)
    for (FrontConnection* c : std::vector<FrontConnection*>(watched_.begin(), watched_.end()))
      Close(c);
    for (FrontConnection* c : incoming_) Close(c);
    close(wake_fd_);
    close(epoll_fd_);
  }

  // A new socket from the accept loop: refused (429) past the per-address cap, else watched.
  void Adopt(int fd) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    const std::string address = PeerAddress(fd);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      int& open = per_address_[address];
      if (!stopping_ && (options_.max_per_address <= 0 || open < options_.max_per_address)) {
        ++open;
        auto* c = new FrontConnection;
        c->fd = fd;
        c->address = address;
        c->idle = false;  // a new connection's head deadline runs from the accept
        c->deadline = Clock::now() + std::chrono::seconds(kHeaderReadSeconds);
        incoming_.push_back(c);
        Wake();
        return;
      }
      if (open == 0) per_address_.erase(address);
    }
    SendRefusal(fd, options_, 429, "too_many_connections",
                "too many open connections from this address");
    close(fd);
  }

  // A served connection waits for its next request (or for the rest of a started head).
  // A connection that was answered and must close (StartLinger) is drained first.
  void Return(FrontConnection* c) {
    if (!c->closing) {
      c->idle = c->buffer.empty();
      c->deadline =
          Clock::now() + std::chrono::seconds(c->idle ? kKeepAliveIdleSeconds : kHeaderReadSeconds);
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!stopping_) {
        incoming_.push_back(c);
        Wake();
        return;
      }
    }
    Close(c);
  }

  void Close(FrontConnection* c) {
    close(c->fd);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = per_address_.find(c->address);
      if (it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
    }
    delete c;
  }

 private:
  void Wake() {
    const std::uint64_t one = 1;
    (void)!::write(wake_fd_, &one, sizeof(one));
  }

  void Run() {
    epoll_event events[64];
    auto next_sweep = Clock::now();
    while (!stopping_) {
      const int n = epoll_wait(epoll_fd_, events, 64, kGateTickMs);
      for (int i = 0; i < n; ++i) {
        if (events[i].data.ptr == nullptr) {
          std::uint64_t count;
          (void)!::read(wake_fd_, &count, sizeof(count));
        } else {
          OnReadable(static_cast<FrontConnection*>(events[i].data.ptr));
        }
      }
      TakeIncoming();
      if (Clock::now() >= next_sweep) {
        ExpireDeadlines();
        next_sweep = Clock::now() + std::chrono::milliseconds(kGateTickMs);
      }
    }
  }

  void TakeIncoming() {
    std::vector<FrontConnection*> taken;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      taken.swap(incoming_);
    }
    for (FrontConnection* c : taken) {
      if (c->closing || c->buffer.empty()) {
        Watch(c);
        continue;
      }
      switch (Admit(*c, options_)) {
        case Admission::kNeedMore:
          Watch(c);
          break;
        case Admission::kRefused:
          StartLinger(*c);
          Watch(c);
          break;
        case Admission::kReady:
          Dispatch(c);
          break;
      }
    }
  }

  void Watch(FrontConnection* c) {
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP;
    ev.data.ptr = c;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, c->fd, &ev);
    watched_.insert(c);
  }

  void Unwatch(FrontConnection* c) {
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, c->fd, nullptr);
    watched_.erase(c);
  }

  // Reads what the client sent (at most a head's worth beyond what is buffered), then admits it.
  void OnReadable(FrontConnection* c) {
    char buf[16384];
    if (c->closing) return Drain(c);
    bool eof = false;
    while (c->buffer.size() <= kMaxRequestHeadBytes) {
      const ssize_t n = recv(c->fd, buf, sizeof(buf), 0);
      if (n > 0) {
        if (c->idle) {
          c->idle = false;
          c->deadline = Clock::now() + std::chrono::seconds(kHeaderReadSeconds);
        }
        c->buffer.append(buf, std::size_t(n));
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else {
        eof = n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
        break;
      }
    }
    const Admission admission = Admit(*c, options_);
    if (admission == Admission::kRefused) return StartLinger(*c);
    if (admission == Admission::kNeedMore && !eof) return;
    Unwatch(c);
    if (admission == Admission::kReady)
      Dispatch(c);
    else
      Close(c);
  }

  // A lingering connection: drops what arrives; closes at the client's end of stream.
  void Drain(FrontConnection* c) {
    char buf[16384];
    for (;;) {
      const ssize_t n = recv(c->fd, buf, sizeof(buf), 0);
      if (n > 0) continue;
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      break;
    }
    Unwatch(c);
    Close(c);
  }

  // Connections past their deadline: a started head is answered 408, an idle one just closed.
  void ExpireDeadlines() {
    const auto now = Clock::now();
    std::vector<FrontConnection*> expired;
    for (FrontConnection* c : watched_)
      if (now >= c->deadline) expired.push_back(c);
    for (FrontConnection* c : expired) {
      if (!c->closing && !c->idle && !c->buffer.empty()) {
        SendRefusal(c->fd, options_, 408, "request_timeout",
                    "the request headers did not arrive in time");
        StartLinger(*c);
        continue;
      }
      Unwatch(c);
      Close(c);
    }
  }

  void Dispatch(FrontConnection* c) {
    if (pool_.TryEnqueue([this, c] { server_.ServeBuffered(c); })) return;
    SendRefusal(c->fd, options_, 503, "unavailable", "the server is busy; try again");
    Close(c);
  }

  FrontServer& server_;
  FrontOptions options_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::mutex mutex_;
  std::vector<FrontConnection*> incoming_;  // guarded by mutex_
  std::map<std::string, int> per_address_;  // open connections per address; guarded by mutex_
  std::set<FrontConnection*> watched_;      // the gate thread's own
  std::atomic<bool> stopping_{false};
  BoundedTaskQueue pool_;
  std::thread thread_;
};

FrontServer::FrontServer(FrontOptions options) : options_(options) {
  new_task_queue = [] { return new InlineQueue; };
  // What the Keep-Alive response header announces: the front applies both.
  set_keep_alive_max_count(std::size_t(kMaxRequestsPerConnection));
  set_keep_alive_timeout(kKeepAliveIdleSeconds);
  gate_ = std::make_unique<Gate>(*this, options_);
}

FrontServer::~FrontServer() { gate_.reset(); }

bool FrontServer::BindToPort(const std::string& host, int port) {
  if (!bind_to_port(host, port)) return false;
  return ::listen(svr_sock_, SOMAXCONN) == 0;
}

bool FrontServer::process_and_close_socket(socket_t sock) {
  gate_->Adopt(sock);
  return true;
}

void FrontServer::ServeBuffered(FrontConnection* c) {
  for (;;) {
    ConnectionStream stream(*c, Clock::now() + std::chrono::seconds(kBodyReadSeconds));
    const bool last = c->served + 1 >= kMaxRequestsPerConnection;
    bool client_closes = false;
    const bool ok = process_request(stream, last, client_closes, nullptr);
    ++c->served;
    stream.KeepUnread();
    if (!ok || last || client_closes) return gate_->Close(c);
    if (stream.says_close()) {  // e.g. a refused body (413), left unread
      StartLinger(*c);
      return gate_->Return(c);
    }
    switch (Admit(*c, options_)) {
      case Admission::kReady:
        continue;  // pipelined: the next request, in order, on this thread
      case Admission::kRefused:
        StartLinger(*c);
        return gate_->Return(c);
      case Admission::kNeedMore:
        return gate_->Return(c);
    }
  }
}

}  // namespace vendly::server
