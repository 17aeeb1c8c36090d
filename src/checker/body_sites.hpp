// Words that say where on the body ("left", "upper", "hand", "knees"), as
// people write them in a description. Language only. The description reader
// reports them back as a finding's site; the interpreter knows a piece that
// names only a place ("my hands" in "my hands and feet are tingling") says
// no finding of its own.
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

namespace symptomdb::checker {

inline constexpr std::array<std::string_view, 64> kBodySites = {
    "left",      "right",     "upper",   "lower",   "both",  "middle", "central", "side",
    "head",      "forehead",  "face",    "eye",     "eyes",  "ear",    "ears",    "nose",
    "mouth",     "throat",    "tongue",  "jaw",     "teeth", "tooth",  "neck",    "shoulder",
    "shoulders", "arm",       "arms",    "elbow",   "wrist", "hand",   "hands",   "finger",
    "fingers",   "thumb",     "chest",   "breast",  "back",  "spine",  "rib",     "ribs",
    "abdomen",   "abdominal", "stomach", "belly",   "tummy", "flank",  "groin",   "pelvis",
    "pelvic",    "hip",       "hips",    "buttock", "leg",   "legs",   "thigh",   "knee",
    "knees",     "calf",      "ankle",   "foot",    "feet",  "toe",    "heel",    "skin"};

// `word` folded (lower case).
inline bool is_body_site(std::string_view word) {
  return std::find(kBodySites.begin(), kBodySites.end(), word) != kBodySites.end();
}

}  // namespace symptomdb::checker
