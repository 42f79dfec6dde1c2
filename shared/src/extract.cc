#include "vendly/extract.h"

namespace vendly {

Extraction Extract(const Post& post) {
  Extraction x;
  x.id = post.id;
  return x;
}

}  // namespace vendly
