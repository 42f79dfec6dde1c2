#include "images.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace vendly::sandbox {
namespace {

uint64_t Hash(std::string_view text) {
  uint64_t value = 1469598103934665603ULL;
  for (char c : text) value = (value ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return value;
}

void AppendBigEndian(std::string* out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out->push_back(static_cast<char>((value >> shift) & 0xFF));
}

void AppendChunk(std::string* png, const char type[5], const std::string& data) {
  AppendBigEndian(png, static_cast<uint32_t>(data.size()));
  std::string typed = std::string(type, 4) + data;
  png->append(typed);
  uLong crc =
      crc32(0L, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size()));
  AppendBigEndian(png, static_cast<uint32_t>(crc));
}

struct Rgb {
  uint8_t r, g, b;
};

Rgb ColourFrom(uint64_t bits) {
  return Rgb{static_cast<uint8_t>(40 + (bits & 0xFF) % 200),
             static_cast<uint8_t>(40 + ((bits >> 8) & 0xFF) % 200),
             static_cast<uint8_t>(40 + ((bits >> 16) & 0xFF) % 200)};
}

}  // namespace

std::string RenderPng(std::string_view seed, int size) {
  size = std::clamp(size, 1, 1024);
  const uint64_t h = Hash(seed);
  const Rgb background = ColourFrom(h);
  const Rgb foreground{static_cast<uint8_t>(255 - background.r),
                       static_cast<uint8_t>(255 - background.g),
                       static_cast<uint8_t>(255 - background.b)};
  const Rgb stripe = ColourFrom(h >> 24);
  const int shape = static_cast<int>((h >> 40) % 4);  // circle, square, diamond, ring
  const int stripes = 1 + static_cast<int>((h >> 44) % 4);
  const int centre = size / 2;
  const int radius = size / 4 + static_cast<int>((h >> 48) % static_cast<uint64_t>(size / 8 + 1));

  std::string raw;
  raw.reserve(static_cast<size_t>(size) * (static_cast<size_t>(size) * 3 + 1));
  for (int y = 0; y < size; ++y) {
    raw.push_back('\0');  // filter: none
    for (int x = 0; x < size; ++x) {
      const int dx = x - centre;
      const int dy = y - centre;
      bool inside = false;
      switch (shape) {
        case 0:
          inside = dx * dx + dy * dy <= radius * radius;
          break;
        case 1:
          inside = std::abs(dx) <= radius && std::abs(dy) <= radius;
          break;
        case 2:
          inside = std::abs(dx) + std::abs(dy) <= radius;
          break;
        default: {
          const int d2 = dx * dx + dy * dy;
          inside = d2 <= radius * radius && d2 >= (radius * 2 / 3) * (radius * 2 / 3);
        }
      }
      const bool on_stripe = y >= size - size / 10 && (x * stripes / std::max(size, 1)) % 2 == 0;
      const Rgb& c = inside ? foreground : (on_stripe ? stripe : background);
      raw.push_back(static_cast<char>(c.r));
      raw.push_back(static_cast<char>(c.g));
      raw.push_back(static_cast<char>(c.b));
    }
  }

  uLongf compressed_size = compressBound(static_cast<uLong>(raw.size()));
  std::string compressed(compressed_size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(compressed.data()), &compressed_size,
                reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()),
                6) != Z_OK) {
    throw std::runtime_error("zlib compress2 failed");
  }
  compressed.resize(compressed_size);

  std::string png("\x89PNG\r\n\x1a\n", 8);
  std::string header;
  AppendBigEndian(&header, static_cast<uint32_t>(size));
  AppendBigEndian(&header, static_cast<uint32_t>(size));
  header += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, deflate, no filter, no interlace
  AppendChunk(&png, "IHDR", header);
  AppendChunk(&png, "IDAT", compressed);
  AppendChunk(&png, "IEND", "");
  return png;
}

std::string RenderMp4(std::string_view seed) {
  std::string mp4;
  AppendBigEndian(&mp4, 24);
  mp4 += "ftypisom";
  AppendBigEndian(&mp4, 0x200);
  mp4 += "isommp41";
  std::string payload = "meta-sandbox video " + std::string(seed);
  AppendBigEndian(&mp4, static_cast<uint32_t>(8 + payload.size()));
  mp4 += "free";
  mp4 += payload;
  return mp4;
}

}  // namespace vendly::sandbox
