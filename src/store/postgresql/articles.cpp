// Articles, conditions and author profiles on PostgreSQL.
#include <fmt/ranges.h>

#include "store/common.hpp"
#include "store/postgresql/postgresql_store.hpp"
#include "store/postgresql/util.hpp"

namespace symptomdb::store {

WriteSummary PostgresStore::put_articles(std::span<const Article> articles) {
  return write([&](pg::Connection& c) { return write_articles(c, articles); });
}

WriteSummary PostgresStore::write_articles(pg::Connection& c, std::span<const Article> articles) {
  WriteSummary summary;
  const std::string now = utc_now();
  for (const Article& a : articles) {
    check_article(a);

    std::optional<std::int64_t> author_id;
    if (!a.author.empty())
      author_id = c.run(
                       "INSERT INTO authors (slug, name, credential, affiliation) "
                       "VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO UPDATE SET "
                       "name = excluded.name, credential = excluded.credential, "
                       "affiliation = excluded.affiliation RETURNING id",
                       {a.author.slug(), a.author.name, a.author.credential, a.author.affiliation})
                      .integer(0, 0);
    const auto condition_id =
        c.run(
             "INSERT INTO conditions (slug, name, kind) VALUES ($1, $2, $3) "
             "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, kind = excluded.kind "
             "RETURNING id",
             {a.condition.slug(), a.condition.name, a.condition.kind})
            .integer(0, 0);

    if (c.run("DELETE FROM articles WHERE slug = $1", {a.slug}).affected() > 0)
      ++summary.replaced;
    else
      ++summary.added;

    const auto article_id =
        c.run(
             "INSERT INTO articles (slug, title, condition_id, author_id, site, introduction, "
             "reviewed_on, license, is_sample, format, source_file, imported_at, collection, "
             "document_id, url, reviewed_by, reviewer_credential, contributors) VALUES ($1, $2, "
             "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) "
             "RETURNING id",
             {a.slug, a.title, condition_id, author_id, a.site, a.introduction, a.reviewed_on,
              a.license, a.sample ? 1 : 0, a.provenance.format, a.provenance.source_file, now,
              a.collection, a.document_id, a.url, a.reviewed_by.name, a.reviewed_by.credential,
              fmt::format("{}", fmt::join(a.contributors, "\n"))})
            .integer(0, 0);
    for (std::size_t i = 0; i < a.condition.synonyms.size(); ++i)
      c.run("INSERT INTO article_synonyms (article_id, position, synonym) VALUES ($1, $2, $3)",
            {article_id, i, a.condition.synonyms[i]});
    for (const auto& cui : a.condition.cuis)
      c.run("INSERT INTO article_cuis (article_id, cui) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            {article_id, cui});
    for (std::size_t i = 0; i < a.open_questions.size(); ++i) {
      const auto& q = a.open_questions[i];
      c.run(
          "INSERT INTO open_questions (article_id, position, pair, qtype, question) "
          "VALUES ($1, $2, $3, $4, $5)",
          {article_id, i, q.pair, q.qtype, q.text});
    }
    for (std::size_t si = 0; si < a.sections.size(); ++si) {
      const Section& s = a.sections[si];
      const auto section_id =
          c.run(
               "INSERT INTO sections (article_id, position, type, heading, intro, "
               "original_type, source_collection, source_document, source_pair, source_url) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
               {article_id, si, to_string(s.type), s.heading, s.intro, s.original_type,
                s.source.collection, s.source.document, s.source.pair, s.source.url})
              .integer(0, 0);
      for (std::size_t ii = 0; ii < s.items.size(); ++ii)
        c.run("INSERT INTO items (section_id, position, heading, body) VALUES ($1, $2, $3, $4)",
              {section_id, ii, s.items[ii].heading, s.items[ii].text});
    }
    for (std::size_t i = 0; i < a.sources.size(); ++i)
      c.run(
          "INSERT INTO article_sources (article_id, position, title, url) VALUES ($1, $2, $3, $4)",
          {article_id, i, a.sources[i].title, a.sources[i].url});
  }
  return summary;
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
