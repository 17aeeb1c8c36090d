// Articles, conditions and author profiles on PostgreSQL.
#include "store/common.hpp"
#include "store/postgresql/postgresql_store.hpp"
#include "store/postgresql/util.hpp"

namespace symptomdb::store {

WriteSummary PostgresStore::put_articles(std::span<const Article> articles) {
  return write([&](pg::Connection& c) { return write_articles(c, articles); });
}

WriteSummary PostgresStore::write_articles(pg::Connection& c, std::span<const Article> articles) {
  pg::Writer writer(c);
  return store::write_articles(writer, articles, utc_now());
}

std::vector<Article> PostgresStore::load(pg::Connection& c, std::optional<std::string_view> slug) {
  // One snapshot for all the queries: a concurrent import cannot leave
  // children of articles this load did not see, or the other way round.
  return pg::in_one_snapshot(c, [&] {
    return read_articles([&](const std::string& sql,
                             auto&& f) { (slug ? c.run(sql, {*slug}) : c.run(sql)).each(f); },
                         kPostgresDialect, slug.has_value());
  });
}

std::vector<Article> PostgresStore::load_articles() {
  return with([](pg::Connection& c) { return load(c, std::nullopt); });
}

std::optional<Article> PostgresStore::find_article(std::string_view slug) {
  if (slug.empty()) return std::nullopt;
  return with([&](pg::Connection& c) -> std::optional<Article> {
    auto found = load(c, slug);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  });
}

std::size_t PostgresStore::count_articles() {
  return with([](pg::Connection& c) {
    return static_cast<std::size_t>(c.run("SELECT COUNT(*) FROM articles").integer(0, 0));
  });
}

std::optional<AuthorProfile> PostgresStore::author(std::string_view slug) {
  return with([&](pg::Connection& c) {
    return first<AuthorProfile>(c.run(std::string(kAuthorSelect) + "WHERE a.slug = $1", {slug}),
                                author_from);
  });
}

std::optional<AuthorProfile> PostgresStore::author_by_id(std::int64_t id) {
  return with([&](pg::Connection& c) {
    return first<AuthorProfile>(c.run(std::string(kAuthorSelect) + "WHERE a.id = $1", {id}),
                                author_from);
  });
}

std::string PostgresStore::put_author(const Author& a) {
  const std::string slug = a.slug();
  if (slug.empty()) throw StoreError("an author needs a name with letters or digits");
  write([&](pg::Connection& c) {
    c.run(
        "INSERT INTO authors (slug, name, credential, affiliation) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, credential = "
        "excluded.credential, affiliation = excluded.affiliation",
        {slug, a.name, a.credential, a.affiliation});
  });
  return slug;
}

}  // namespace symptomdb::store
