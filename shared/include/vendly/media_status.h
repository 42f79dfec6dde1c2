// What a draft says about its post's images (the API's imagesStatus), from the post's copies in the
// media store (server/media: one media_asset row per image, stored, pending or failed) and whether
// its copy job is still queued or running. Pure.
//   copying  the copy job is queued or running (imageUrls holds the images copied so far)
//   copied   every image of the post is in the media store
//   refused  an image's host is not an allowed media host (vendly/media_hosts.h): never copied
//   failed   an image could not be copied (not an image, too large, gone), or the copy job ended
//            with images still missing
//   none     the post has no image to copy (or its copy never started)
#ifndef VENDLY_MEDIA_STATUS_H_
#define VENDLY_MEDIA_STATUS_H_

#include <string>

namespace vendly {

struct PostImageFacts {
  int stored = 0;
  int pending = 0;
  int failed = 0;   // failed for any reason, refused ones included
  int refused = 0;  // failed because the host was refused
  bool copying = false;
};

std::string ImagesStatus(const PostImageFacts& facts);

}  // namespace vendly

#endif  // VENDLY_MEDIA_STATUS_H_
