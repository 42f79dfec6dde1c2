// Is-product: tells posts that offer something for sale from the rest of a seller's feed:
// greetings, giveaways, announcements (moved, closed, holidays, price notices, scam alerts),
// testimonials, job adverts, teasers ("new stock dropping Friday"), memes. The cues are word
// lexicons; the decision also weighs what segmentation found (a written price on an item line is
// strong evidence of a product).
#ifndef VENDLY_SRC_CLASSIFY_H_
#define VENDLY_SRC_CLASSIFY_H_

#include <string_view>

#include "text.h"

namespace vendly::internal {

struct PostCues {
  std::string_view non_product;  // the strongest non-product reason found, or ""
  bool hard = false;             // giveaway, job advert, closure, notice: even a price rarely sells
  bool order_cue = false;        // "order", "DM to order", "available", "back on the menu"
  bool sold_out = false;         // "SOLD OUT", "sold"
};

// Reads the non-product and order cues of a caption.
PostCues ReadPostCues(const Text& text);

}  // namespace vendly::internal

#endif  // VENDLY_SRC_CLASSIFY_H_
