// A short list of the most frequent Vietnamese syllables, used by
// encoding detection as a tie-breaker between decodings. Input: one
// lower-case NFC syllable; output: whether it is among the ~300 most common.
#ifndef VNPLAN_TEXT_COMMON_SYLLABLES_H_
#define VNPLAN_TEXT_COMMON_SYLLABLES_H_

#include <string>

namespace vnplan::text {

bool IsCommonSyllable(const std::string& lower);

}  // namespace vnplan::text

#endif  // VNPLAN_TEXT_COMMON_SYLLABLES_H_
