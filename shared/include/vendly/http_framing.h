// How a request's head frames its body, and the limits every connection lives by: which heads the
// edge server reads, which it refuses (and with what status), and how much a client may make it
// wait or hold. RFC 9112 section 6.3 decides the framing: a body is delimited by one
// Content-Length; two different lengths are an attempt at request smuggling (400, and the
// connection closed, since the server cannot know where the next request starts). This server
// accepts no chunked bodies (411): cpp-httplib 0.11.4 does not limit them (toolchain-notes.md). A
// method that carries a body (POST, PUT, PATCH) without a Content-Length is 411 at once: waiting
// for the client to close is how a request without a length would otherwise be read.
//
// Pure: the head's bytes in, the decision out; the server reads the sockets and applies it.
#ifndef VENDLY_HTTP_FRAMING_H_
#define VENDLY_HTTP_FRAMING_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vendly {

// --- Limits of one connection

// The request line and headers together, up to and including the blank line; past it: 431.
inline constexpr std::size_t kMaxRequestHeadBytes = 64 * 1024;
// Requests served on one kept-alive connection before the server closes it.
inline constexpr int kMaxRequestsPerConnection = 100;
// From a connection's first byte of a request head to its blank line (total, not per read).
inline constexpr int kHeaderReadSeconds = 5;
// A kept-alive connection with no request started is closed after this long.
inline constexpr int kKeepAliveIdleSeconds = 5;
// A request's body, from its head to its last byte (total).
inline constexpr int kBodyReadSeconds = 10;
// Open connections from one client address; more are answered 429 and closed.
inline constexpr int kMaxConnectionsPerAddress = 128;

// --- The head

// Where the head of the request at the start of `buffered` ends. complete: the blank line was
// found and head_bytes counts up to and including it; too_large: no blank line within
// kMaxRequestHeadBytes (or one past it). Neither: read more. Empty lines before a request line
// (RFC 9112 section 2.2) count as part of the head.
struct HeadScan {
  bool complete = false;
  bool too_large = false;
  std::size_t head_bytes = 0;
};
HeadScan ScanRequestHead(std::string_view buffered,
                         std::size_t max_head_bytes = kMaxRequestHeadBytes);

// The decision on a head's framing. ok: read body_length bytes of body (0 when none) and route it.
// Otherwise answer `status` with {"error":{"code","message"}} and close the connection (`close` is
// true for every refusal: the bytes after a refused head cannot be trusted as a next request).
struct Framing {
  bool ok = true;
  std::uint64_t body_length = 0;
  int status = 200;
  std::string code;     // "conflicting_content_length", "length_required", ...
  std::string message;  // for the client
  bool close = false;
};

// The framing of one head: `head` as ScanRequestHead found it (request line, header lines and the
// blank line; CRLF or bare LF line ends). Refusals: a head past kMaxRequestHeadBytes 431
// header_too_large; a request line that is not `METHOD SP target SP HTTP/1.x` or a header line
// without a colon 400 bad_request; two Content-Length values that differ (as two headers or a list
// in one) 400 conflicting_content_length; a Content-Length that is not a decimal number of at most
// 18 digits 400 bad_request; any Transfer-Encoding 411 length_required; POST, PUT or PATCH with no
// Content-Length 411 length_required. Equal repeated lengths are one length (RFC 9110 8.6).
Framing CheckRequestFraming(std::string_view head);

// The request line's method ("" when the head has none).
std::string_view RequestMethod(std::string_view head);

}  // namespace vendly

#endif  // VENDLY_HTTP_FRAMING_H_
