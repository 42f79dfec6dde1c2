// Is-product: tells posts that offer something for sale from the rest of a seller's feed:
// greetings, giveaways, announcements (moved, closed, holidays, price notices, scam alerts),
// testimonials, job adverts, teasers ("new stock dropping Friday"), memes. The cues are word
// lexicons; the decision also weighs what segmentation found (a written price on an item line is
// strong evidence of a product).
#ifndef VENDLY_SRC_CLASSIFY_H_
#define VENDLY_SRC_CLASSIFY_H_

#include <string_view>

#include "segment.h"
#include "text.h"

namespace vendly::internal {

struct PostCues {
  std::string_view non_product;  // the strongest non-product reason found, or ""
  bool hard = false;             // giveaway, job advert, closure, notice: even a price rarely sells
  bool order_cue = false;        // "order", "DM to order", "available", "back on the menu"
  bool sold_out = false;         // "SOLD OUT", "sold"
  // A job advert or a house to let: not an item for sale whatever price it shows (a salary, a
  // rent).
  bool never_product = false;
  // The post offers a service (a salon, a repair, tuition, hire, tickets): drafted, but LABELING.md
  // does not settle whether a service is a product, so the draft is fragile.
  bool service = false;
};

// Reads the non-product and order cues of a caption.
PostCues ReadPostCues(const Text& text);

// True when the post is a bare listing title, as sellers cross-post from marketplaces: one short
// line naming an item with its qualities ("Ladies Block Heels Brand New", "HP EliteBook 840 G5
// Core i5 8GB 256GB SSD", "3 Seater Sofa Grey Fabric"), maybe with a line or two of qualities,
// contacts and hashtags, and no sentence. Such a post offers the item (with no price); a line
// that talks ("Happy new month fam", "Love this dress", "Our new shop is open") is no title.
// `name_line` is the line the item is named from.
bool IsListingTitle(const Text& text, const Segmentation& seg, uint32_t name_line);

}  // namespace vendly::internal

#endif  // VENDLY_SRC_CLASSIFY_H_
