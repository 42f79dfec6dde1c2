#include "vendly/media_status.h"

namespace vendly {

std::string ImagesStatus(const PostImageFacts& facts) {
  if (facts.copying) return "copying";
  if (facts.stored + facts.pending + facts.failed == 0) return "none";
  if (facts.refused > 0) return "refused";
  if (facts.failed > 0 || facts.pending > 0) return "failed";
  return "copied";
}

}  // namespace vendly
