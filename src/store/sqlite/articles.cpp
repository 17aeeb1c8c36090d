// Articles, conditions and author profiles on SQLite: the import's
// all-or-nothing write and the snapshot's full load.
#include <fmt/ranges.h>
#include <sqlite3.h>

#include "core/error.hpp"

#include "store/common.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace symptomdb::store {

WriteSummary SqliteStore::put_articles(std::span<const Article> articles) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  const auto summary = write_articles(articles);
  tx.commit();
  return summary;
}

WriteSummary SqliteStore::write_articles(std::span<const Article> articles) {
  WriteSummary summary;
  const std::string now = utc_now();
  auto upsert_author = db_.prepare(
      "INSERT INTO authors (slug, name, credential, affiliation) VALUES (?, ?, ?, ?) "
      "ON CONFLICT(slug) DO UPDATE SET name = excluded.name, credential = excluded.credential, "
      "affiliation = excluded.affiliation RETURNING id");
  auto upsert_condition = db_.prepare(
      "INSERT INTO conditions (slug, name, kind) VALUES (?, ?, ?) "
      "ON CONFLICT(slug) DO UPDATE SET name = excluded.name, kind = excluded.kind RETURNING id");
  auto add_synonym =
      db_.prepare("INSERT INTO article_synonyms (article_id, position, synonym) VALUES (?, ?, ?)");
  auto add_cui = db_.prepare("INSERT OR IGNORE INTO article_cuis (article_id, cui) VALUES (?, ?)");
  auto add_question = db_.prepare(
      "INSERT INTO open_questions (article_id, position, pair, qtype, question) "
      "VALUES (?, ?, ?, ?, ?)");
  auto delete_article = db_.prepare("DELETE FROM articles WHERE slug = ?");
  auto add_article = db_.prepare(
      "INSERT INTO articles (slug, title, condition_id, author_id, site, introduction, "
      "reviewed_on, license, is_sample, format, source_file, imported_at, collection, "
      "document_id, url, reviewed_by, reviewer_credential, contributors) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  auto add_section = db_.prepare(
      "INSERT INTO sections (article_id, position, type, heading, intro, original_type, "
      "source_collection, source_document, source_pair, source_url) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  auto add_item =
      db_.prepare("INSERT INTO items (section_id, position, heading, body) VALUES (?, ?, ?, ?)");
  auto add_source = db_.prepare(
      "INSERT INTO article_sources (article_id, position, title, url) VALUES (?, ?, ?, ?)");

  for (const Article& a : articles) {
    check_article(a);

    std::optional<std::int64_t> author_id;
    if (!a.author.empty()) {
      upsert_author.bind(1, a.author.slug())
          .bind(2, a.author.name)
          .bind(3, a.author.credential)
          .bind(4, a.author.affiliation);
      upsert_author.step();
      author_id = upsert_author.integer(0);
      upsert_author.reset();
    }
    upsert_condition.bind(1, a.condition.slug())
        .bind(2, a.condition.name)
        .bind(3, a.condition.kind);
    upsert_condition.step();
    const auto condition_id = upsert_condition.integer(0);
    upsert_condition.reset();

    delete_article.bind(1, a.slug).run();
    if (sqlite3_changes(db_.handle()) > 0)
      ++summary.replaced;
    else
      ++summary.added;

    add_article.bind(1, a.slug).bind(2, a.title).bind(3, condition_id);
    if (author_id)
      add_article.bind(4, *author_id);
    else
      add_article.bind_null(4);
    add_article.bind(5, a.site)
        .bind(6, a.introduction)
        .bind(7, a.reviewed_on)
        .bind(8, a.license)
        .bind(9, a.sample ? 1 : 0)
        .bind(10, a.provenance.format)
        .bind(11, a.provenance.source_file)
        .bind(12, now)
        .bind(13, a.collection)
        .bind(14, a.document_id)
        .bind(15, a.url)
        .bind(16, a.reviewed_by.name)
        .bind(17, a.reviewed_by.credential)
        .bind(18, fmt::format("{}", fmt::join(a.contributors, "\n")))
        .run();
    const auto article_id = db_.last_insert_id();
    for (std::size_t i = 0; i < a.condition.synonyms.size(); ++i)
      add_synonym.bind(1, article_id)
          .bind(2, static_cast<std::int64_t>(i))
          .bind(3, a.condition.synonyms[i])
          .run();
    for (const auto& cui : a.condition.cuis) add_cui.bind(1, article_id).bind(2, cui).run();
    for (std::size_t i = 0; i < a.open_questions.size(); ++i) {
      const auto& q = a.open_questions[i];
      add_question.bind(1, article_id)
          .bind(2, static_cast<std::int64_t>(i))
          .bind(3, q.pair)
          .bind(4, q.qtype)
          .bind(5, q.text)
          .run();
    }
    for (std::size_t si = 0; si < a.sections.size(); ++si) {
      const Section& s = a.sections[si];
      add_section.bind(1, article_id)
          .bind(2, static_cast<std::int64_t>(si))
          .bind(3, to_string(s.type))
          .bind(4, s.heading)
          .bind(5, s.intro)
          .bind(6, s.original_type)
          .bind(7, s.source.collection)
          .bind(8, s.source.document)
          .bind(9, s.source.pair)
          .bind(10, s.source.url)
          .run();
      const auto section_id = db_.last_insert_id();
      for (std::size_t ii = 0; ii < s.items.size(); ++ii)
        add_item.bind(1, section_id)
            .bind(2, static_cast<std::int64_t>(ii))
            .bind(3, s.items[ii].heading)
            .bind(4, s.items[ii].text)
            .run();
    }
    for (std::size_t i = 0; i < a.sources.size(); ++i)
      add_source.bind(1, article_id)
          .bind(2, static_cast<std::int64_t>(i))
          .bind(3, a.sources[i].title)
          .bind(4, a.sources[i].url)
          .run();
  }
  return summary;
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
