// Deterministic pictures for the sandbox's CDN: a PNG per media id (solid colour, one shape, a few
// stripes, all chosen from a hash of the id), and a minimal MP4 container standing in for video
// files.
#ifndef VENDLY_SERVER_SANDBOX_IMAGES_H_
#define VENDLY_SERVER_SANDBOX_IMAGES_H_

#include <string>
#include <string_view>

namespace vendly::sandbox {

// An RGB PNG of `size` x `size` pixels (1..1024) drawn from `seed`. Same seed, same bytes.
std::string RenderPng(std::string_view seed, int size);

// A tiny ISO-BMFF file (ftyp + free box carrying the seed): enough for a client to store and sniff
// as video.
std::string RenderMp4(std::string_view seed);

}  // namespace vendly::sandbox

#endif  // VENDLY_SERVER_SANDBOX_IMAGES_H_
