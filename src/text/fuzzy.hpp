// Typo tolerance: edit distance and a deletion index (the SymSpell idea:
// words within distance d share a string reachable by at most d deletions
// from each), so a misspelt word finds its candidates by hash lookups
// instead of a scan of the vocabulary.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace symptomdb::text {

// Optimal string alignment distance (Levenshtein plus adjacent swaps),
// computed only up to `limit`: anything further returns limit + 1.
int edit_distance(std::string_view a, std::string_view b, int limit);

// How many edits a word of this length may carry and still be corrected:
// none below 4 letters (too many short words are one edit apart), one up to
// 7, two beyond.
int allowed_edits(std::size_t length);

class FuzzyIndex {
 public:
  // Adds a vocabulary word with a weight (how common it is); ties among
  // corrections go to the heavier word.
  void add(std::string_view word, std::uint32_t weight);
  // Call once after the last add().
  void finish();

  struct Match {
    std::string word;
    int distance = 0;
    std::uint32_t weight = 0;
  };
  // The closest vocabulary words within allowed_edits(word.size()), nearest
  // first, then heaviest. Empty when the word is itself in the vocabulary
  // (nothing to correct) or nothing is close enough.
  std::vector<Match> lookup(std::string_view word, std::size_t limit = 3) const;
  // Like lookup(), but also for a word that is in the vocabulary (it is
  // then left out of the result): its neighbours, for context corrections.
  std::vector<Match> neighbours(std::string_view word, std::size_t limit = 3) const;
  bool contains(std::string_view word) const { return ids_.count(std::string(word)) > 0; }

 private:
  // The entries of deletes_ whose hash has these leading bits.
  std::pair<std::size_t, std::size_t> bucket(std::uint64_t hash) const;

  std::vector<std::string> words_;
  std::vector<std::uint32_t> weights_;  // by word id
  std::unordered_map<std::string, std::uint32_t> ids_;
  // (hash of a deletion, word id), sorted. Hashes keep this compact (about
  // 12 bytes per entry); a collision only adds a candidate that the edit
  // distance check then rejects.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> deletes_;
  // Where each run of deletes_ with the same top `bucket_bits_` bits of the
  // hash starts (one more entry than buckets): a lookup then searches a few
  // entries instead of the whole sorted vector, whose binary search was
  // most of the cost of a correction.
  std::vector<std::uint32_t> bucket_start_;
  int bucket_bits_ = 0;
};

}  // namespace symptomdb::text
