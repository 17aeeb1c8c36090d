#pragma once

#include <mutex>

#include "store/sqlite.hpp"
#include "store/store.hpp"

namespace symptomdb::store {

// The embedded store: one SQLite file in WAL mode with foreign keys on.
// Methods are serialised by a mutex; the web reads from snapshots, so the
// store is touched only by imports and snapshot rebuilds.
class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path);

  WriteSummary put_articles(std::span<const Article> articles) override;
  std::vector<Article> load_articles() override;
  std::optional<Article> find_article(std::string_view slug) override;
  std::size_t count_articles() override;
  std::uint64_t change_counter() override;
  int schema_version() override;

 private:
  void migrate();
  std::vector<Article> load_where(std::string_view where, std::string_view param);

  std::mutex mutex_;
  Database db_;
};

}  // namespace symptomdb::store
