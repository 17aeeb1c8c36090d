// The two baselines bench/qa compares symptomdb against, over exactly the
// same answer units: SQLite FTS5 with its bm25() ranking, and Xapian with
// BM25. Both are given the question as a bag of words, as a search box
// would; neither knows about foci or intents.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace symptomdb::bench {

struct PeerDoc {
  std::string heading;
  std::string text;
};

class Peer {
 public:
  virtual ~Peer() = default;
  virtual std::string name() const = 0;
  // Positions in the docs given at construction, best first, at most k.
  virtual std::vector<std::size_t> rank(std::string_view question, std::size_t k) = 0;
};

std::unique_ptr<Peer> make_fts5_peer(const std::vector<PeerDoc>& docs);
std::unique_ptr<Peer> make_xapian_peer(const std::vector<PeerDoc>& docs);

}  // namespace symptomdb::bench
