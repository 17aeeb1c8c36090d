// The system of record, behind one interface so that SQLite (the embedded
// default) and PostgreSQL (for several nodes, later) are interchangeable.
// Engines never read the store directly: they read a snapshot built from it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/article.hpp"

namespace symptomdb::store {

struct WriteSummary {
  std::size_t added = 0;
  std::size_t replaced = 0;  // an article with the same slug existed
};

class Store {
 public:
  virtual ~Store() = default;

  // Writes every article in one transaction: all are stored, or none (the
  // error is thrown as StoreError). An article replaces any with its slug,
  // so importing the same files twice changes nothing but imported_at.
  virtual WriteSummary put_articles(std::span<const Article> articles) = 0;

  // Every article, ordered by slug.
  virtual std::vector<Article> load_articles() = 0;
  virtual std::optional<Article> find_article(std::string_view slug) = 0;
  virtual std::size_t count_articles() = 0;

  // Changes whenever another connection commits: the server polls it to know
  // when to rebuild its snapshot after an import from the command line.
  virtual std::uint64_t change_counter() = 0;
  virtual int schema_version() = 0;
};

// Opens (creating if needed) the store at `location` and brings its schema up
// to date. Today: a SQLite file path.
std::unique_ptr<Store> open_store(const std::string& location);

}  // namespace symptomdb::store
