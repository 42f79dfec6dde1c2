#include "generator.h"

#include <array>
#include <vector>

namespace vendly::sandbox {
namespace {

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed ^ 0x5DEECE66DULL) {}
  uint64_t Next() {  // splitmix64
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return items[Below(N)];
  }

 private:
  uint64_t state_;
};

struct Item {
  const char* name;
  int low;   // KES
  int high;  // KES
  bool sized;
};

constexpr std::array<Item, 16> kItems{{
    {"Oversized hoodie", 1800, 2800, true},
    {"Mom jeans", 1500, 2500, true},
    {"Ankara wrap dress", 2200, 4500, true},
    {"Linen co-ord set", 2800, 4200, true},
    {"Air Force 1", 3200, 4500, true},
    {"Leather sandals", 1200, 2200, true},
    {"Kitenge shirt", 1500, 2600, true},
    {"Bodycon dress", 1300, 2000, true},
    {"Denim jacket", 2500, 3800, true},
    {"Crossbody bag", 1500, 3000, false},
    {"Maasai beaded necklace", 600, 1500, false},
    {"Cargo pants", 1800, 2700, true},
    {"Satin slip dress", 1800, 2600, true},
    {"Vintage tee", 800, 1400, true},
    {"Bucket hat", 700, 1200, false},
    {"Palazzo pants", 1400, 2200, true},
}};
constexpr std::array<const char*, 10> kColours{
    {"black", "white", "maroon", "olive", "beige", "navy", "mustard", "pink", "grey", "brown"}};
constexpr std::array<const char*, 4> kSizeRuns{{"S, M, L, XL", "M, L, XL, XXL", "37-44", "8-16"}};
constexpr std::array<const char*, 6> kOpeners{{"New arrivals 🔥", "Fresh stock ziko sasa!",
                                               "Restocked 🙌🏾", "Weekend deals 💃🏾",
                                               "Hii ni ya kwenda! 😍", "Back by demand"}};
constexpr std::array<const char*, 5> kClosers{
    {"DM to order 📩", "WhatsApp 0712 345 678 to order", "Call/WhatsApp 0722 111 222",
     "Order via DM, pay on delivery", "Till no. 5512873 | Delivery CBD free"}};
constexpr std::array<const char*, 6> kNonProduct{{
    "Thank you for 20k fam! 🙏🏾 Giveaway loading... #nairobi",
    "Closed today for stock taking. Tutaonana kesho ✨",
    "Happy customer alert 😍 thanks for shopping with us!",
    "Monday motivation: hustle mpaka uchoke 💪🏾",
    "Where should we do the next pop-up? Comment below 👇🏾",
    "Behind the scenes at the shop 📸",
}};

std::string FormatKes(int amount, Random& random) {
  switch (random.Below(4)) {
    case 0: {
      std::string digits = std::to_string(amount);
      if (digits.size() > 3) digits.insert(digits.size() - 3, ",");
      return "Ksh " + digits;
    }
    case 1: {
      std::string k =
          std::to_string(amount / 1000) + "." + std::to_string((amount % 1000) / 100) + "k";
      return k;
    }
    case 2:
      return "KES " + std::to_string(amount);
    default:
      return std::to_string(amount) + "/=";
  }
}

std::string ProductCaption(Random& random, int items) {
  std::string caption = std::string(random.Pick(kOpeners)) + "\n";
  for (int i = 0; i < items; ++i) {
    const Item& item = random.Pick(kItems);
    int price =
        item.low + static_cast<int>(random.Below(static_cast<size_t>(item.high - item.low + 1)));
    price = price / 50 * 50;
    if (items > 1) caption += std::to_string(i + 1) + ". ";
    caption += std::string(item.name) + " - " + FormatKes(price, random);
    if (random.Below(5) == 0) caption += " (was " + FormatKes(price + 500, random) + ")";
    caption += "\n";
    if (item.sized && items == 1) caption += "Sizes: " + std::string(random.Pick(kSizeRuns)) + "\n";
    if (items == 1 && random.Below(2) == 0) {
      caption +=
          "Colours: " + std::string(random.Pick(kColours)) + ", " + random.Pick(kColours) + "\n";
    }
  }
  caption += std::string(random.Pick(kClosers)) + "\n#nairobifashion #kenyanseller #shopkenya";
  return caption;
}

}  // namespace

std::string GenerateCaption(uint64_t seed) {
  Random random(seed);
  return ProductCaption(random, 1 + static_cast<int>(random.Below(2)));
}

int GeneratePostsLocked(Store& store, const std::string& account_id, int count, uint64_t seed,
                        int64_t newest) {
  if (!store.world.accounts.count(account_id) || count <= 0) return 0;
  Random random(seed);
  int64_t timestamp = newest;
  for (int i = 0; i < count; ++i) {
    Media media;
    media.id = store.NewMediaIdLocked();
    media.owner = account_id;
    media.timestamp = timestamp;
    media.shortcode = ShortcodeFor(media.id);
    media.like_count = static_cast<int64_t>(random.Below(400));
    media.comments_count = static_cast<int64_t>(random.Below(40));
    const size_t kind = random.Below(20);
    if (kind < 5) {
      media.media_type = "CAROUSEL_ALBUM";
      media.media_product_type = "FEED";
      const int children = 2 + static_cast<int>(random.Below(4));
      for (int c = 0; c < children; ++c) {
        std::string child_id = store.NewMediaIdLocked();
        // Reserve the id before the album lands in the world.
        store.world.child_parent[child_id] = media.id;
        media.children.push_back(Child{child_id, random.Below(6) == 0 ? "VIDEO" : "IMAGE"});
      }
      media.caption = ProductCaption(random, children > 2 ? 3 : 1);
    } else if (kind < 8) {
      media.media_type = "VIDEO";
      media.media_product_type = "REELS";
      media.caption = ProductCaption(random, 1);
    } else {
      media.media_type = "IMAGE";
      media.media_product_type = "FEED";
      media.caption = ProductCaption(random, 1);
    }
    const size_t extra = random.Below(20);
    if (extra == 0) {
      media.caption.reset();
    } else if (extra == 1) {
      media.caption = random.Pick(kNonProduct);
    }
    store.AddMediaLocked(std::move(media));
    timestamp -= 3600 * (3 + static_cast<int64_t>(random.Below(30)));
  }
  store.SortFeedLocked(store.world.accounts[account_id]);
  return count;
}

}  // namespace vendly::sandbox
