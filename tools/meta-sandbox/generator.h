// Synthetic posts for large accounts (benchmarks, paging tests): captions composed from East
// African seller templates (items x prices x sizes x colours x phrasing), a mix of images,
// carousels, reels and posts without a caption. Deterministic for a given seed.
#ifndef VENDLY_SERVER_SANDBOX_GENERATOR_H_
#define VENDLY_SERVER_SANDBOX_GENERATOR_H_

#include <cstdint>
#include <string>

#include "store.h"

namespace vendly::sandbox {

// Adds `count` posts to account `account_id` (which must exist), the newest at `newest` (unix
// seconds) and each older one a few hours before the previous. Returns the number added. Requires
// store.mu (or a private store).
int GeneratePostsLocked(Store& store, const std::string& account_id, int count, uint64_t seed,
                        int64_t newest);

// One caption in the style of the generator, for a freshly published post.
std::string GenerateCaption(uint64_t seed);

}  // namespace vendly::sandbox

#endif  // VENDLY_SERVER_SANDBOX_GENERATOR_H_
