// A small in-memory full-text index with BM25F ranking over weighted fields.
// Built once per snapshot and then only read, so searches need no locks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace symptomdb::search {

struct Field {
  std::string text;
  double weight = 1.0;  // how much one occurrence here counts (title > body)
};

// What the index knows of one document: fields to rank on, and passages
// (paragraphs) from which a result snippet is chosen.
struct Document {
  std::string id;
  std::vector<Field> fields;
  std::vector<std::string> passages;
};

struct Hit {
  std::uint32_t doc = 0;  // position of the document as added
  double score = 0;
  std::string snippet;  // the passage that best matches, trimmed
};

class Index {
 public:
  // Adds a document; returns its position, used in Hit::doc.
  std::uint32_t add(Document doc);
  // Ranks documents for a free-text query; empty when nothing matches.
  std::vector<Hit> search(std::string_view query, std::size_t limit) const;
  std::size_t size() const { return docs_.size(); }
  const std::string& id(std::uint32_t doc) const { return docs_[doc].id; }

 private:
  struct Posting {
    std::uint32_t doc;
    float tf;  // field-weighted term frequency
  };
  struct Stored {
    std::string id;
    double length = 0;  // field-weighted length
    std::vector<std::string> passages;
  };
  std::string best_passage(const Stored& d, const std::vector<std::string>& stems) const;

  std::unordered_map<std::string, std::vector<Posting>> postings_;
  std::vector<Stored> docs_;
  double total_length_ = 0;
};

}  // namespace symptomdb::search
