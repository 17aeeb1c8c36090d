// Articles, conditions and author profiles on SQLite: the import's
// all-or-nothing write and the snapshot's full load.
#include "core/error.hpp"

#include "store/common.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/writer.hpp"

namespace symptomdb::store {

WriteSummary SqliteStore::put_articles(std::span<const Article> articles) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  const auto summary = write_articles(articles);
  tx.commit();
  return summary;
}

WriteSummary SqliteStore::write_articles(std::span<const Article> articles) {
  SqliteWriter writer(db_);
  return store::write_articles(writer, articles, utc_now());
}

std::vector<Article> SqliteStore::load(std::optional<std::string_view> slug) {
  return read_articles(
      [&](const std::string& sql, auto&& f) {
        auto st = db_.prepare(sql);
        if (slug) st.bind(1, *slug);
        st.each(f);
      },
      kSqliteDialect, slug.has_value());
}

std::vector<Article> SqliteStore::load_articles() {
  std::lock_guard lock(mutex_);
  return load(std::nullopt);
}

std::optional<Article> SqliteStore::find_article(std::string_view slug) {
  std::lock_guard lock(mutex_);
  if (slug.empty()) return std::nullopt;
  auto found = load(slug);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::size_t SqliteStore::count_articles() {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare("SELECT COUNT(*) FROM articles");
  st.step();
  return static_cast<std::size_t>(st.integer(0));
}

std::optional<AuthorProfile> SqliteStore::author(std::string_view slug) {
  std::lock_guard lock(mutex_);
  return first<AuthorProfile>(
      db_.prepare(std::string(kAuthorSelect) + "WHERE a.slug = ?").bind(1, slug), author_from);
}

std::optional<AuthorProfile> SqliteStore::author_by_id(std::int64_t id) {
  std::lock_guard lock(mutex_);
  return first<AuthorProfile>(
      db_.prepare(std::string(kAuthorSelect) + "WHERE a.id = ?").bind(1, id), author_from);
}

std::string SqliteStore::put_author(const Author& a) {
  std::lock_guard lock(mutex_);
  const std::string slug = a.slug();
  if (slug.empty()) throw StoreError("an author needs a name with letters or digits");
  db_.prepare(
         "INSERT INTO authors (slug, name, credential, affiliation) VALUES (?, ?, ?, ?) "
         "ON CONFLICT(slug) DO UPDATE SET name = excluded.name, credential = excluded.credential, "
         "affiliation = excluded.affiliation")
      .bind(1, slug)
      .bind(2, a.name)
      .bind(3, a.credential)
      .bind(4, a.affiliation)
      .run();
  return slug;
}

}  // namespace symptomdb::store
