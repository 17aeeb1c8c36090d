// What both stores decide alike, written once: their timestamps, the checks
// an article and an editorial step must pass before anything is written,
// and the list of migrations. Each store runs its own SQL; the rules the
// SQL's answers are held to are here. (Row -> value is in store/rows.hpp.)
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/article.hpp"
#include "core/editorial.hpp"
#include "store/rows.hpp"
#include "store/store.hpp"

namespace symptomdb::store {

// The stores' timestamps: ISO 8601 UTC text with one-second resolution.
std::string utc_now();

// Throws StoreError naming the article when it may not be stored.
void check_article(const Article& article);

// The contributors as stored: one name per line (read_articles splits them).
std::string joined_contributors(const Article& article);
// The focus's semantic types as stored: space-separated (read_articles
// splits them).
std::string joined_semantic_types(const Article& article);

// Writes `articles`, each replacing any with its slug, inside a transaction
// the caller holds. The SQL is the same on both stores (? for each
// parameter); `db` runs it:
//   db.value(sql, {values...})    a statement RETURNING one integer: that integer
//   db.changes(sql, {values...})  any other statement: how many rows it changed
// Children are written with their positions, so read_articles() gives them
// back in order.
template <class Db>
WriteSummary write_articles(Db& db, std::span<const Article> articles, const std::string& now) {
  WriteSummary summary;
  for (const Article& a : articles) {
    check_article(a);
    Value author_id = nullptr;
    if (!a.author.empty())
      author_id = db.value(
          "INSERT INTO authors (slug, name, credential, affiliation) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, credential = "
          "excluded.credential, affiliation = excluded.affiliation RETURNING id",
          {a.author.slug(), a.author.name, a.author.credential, a.author.affiliation});
    const auto condition_id = db.value(
        "INSERT INTO conditions (slug, name, kind) VALUES (?, ?, ?) "
        "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, kind = excluded.kind "
        "RETURNING id",
        {a.condition.slug(), a.condition.name, a.condition.kind});

    if (db.changes("DELETE FROM articles WHERE slug = ?", {a.slug}) > 0)
      ++summary.replaced;
    else
      ++summary.added;

    const auto article_id = db.value(
        "INSERT INTO articles (slug, title, condition_id, author_id, site, introduction, "
        "reviewed_on, license, is_sample, format, source_file, imported_at, collection, "
        "document_id, url, reviewed_by, reviewer_credential, contributors, semantic_types, "
        "semantic_group) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {a.slug,
         a.title,
         condition_id,
         author_id,
         a.site,
         a.introduction,
         a.reviewed_on,
         a.license,
         std::int64_t{a.sample},
         a.provenance.format,
         a.provenance.source_file,
         now,
         a.collection,
         a.document_id,
         a.url,
         a.reviewed_by.name,
         a.reviewed_by.credential,
         joined_contributors(a),
         joined_semantic_types(a),
         a.condition.semantic_group});
    auto position = [](std::size_t i) { return static_cast<std::int64_t>(i); };
    for (std::size_t i = 0; i < a.condition.synonyms.size(); ++i)
      db.changes("INSERT INTO article_synonyms (article_id, position, synonym) VALUES (?, ?, ?)",
                 {article_id, position(i), a.condition.synonyms[i]});
    for (const auto& cui : a.condition.cuis)
      db.changes("INSERT INTO article_cuis (article_id, cui) VALUES (?, ?) ON CONFLICT DO NOTHING",
                 {article_id, cui});
    for (std::size_t i = 0; i < a.open_questions.size(); ++i) {
      const auto& q = a.open_questions[i];
      db.changes(
          "INSERT INTO open_questions (article_id, position, pair, qtype, question) "
          "VALUES (?, ?, ?, ?, ?)",
          {article_id, position(i), q.pair, q.qtype, q.text});
    }
    for (std::size_t si = 0; si < a.sections.size(); ++si) {
      const Section& s = a.sections[si];
      const auto section_id = db.value(
          "INSERT INTO sections (article_id, position, type, heading, intro, original_type, "
          "source_collection, source_document, source_pair, source_url) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {article_id, position(si), to_string(s.type), s.heading, s.intro, s.original_type,
           s.source.collection, s.source.document, s.source.pair, s.source.url});
      for (std::size_t ii = 0; ii < s.items.size(); ++ii)
        db.changes("INSERT INTO items (section_id, position, heading, body) VALUES (?, ?, ?, ?)",
                   {section_id, position(ii), s.items[ii].heading, s.items[ii].text});
    }
    for (std::size_t i = 0; i < a.sources.size(); ++i)
      db.changes(
          "INSERT INTO article_sources (article_id, position, title, url) VALUES (?, ?, ?, ?)",
          {article_id, position(i), a.sources[i].title, a.sources[i].url});
  }
  return summary;
}

// A workflow step may go ahead only when the draft is in `from` with
// `ordinal` as its latest revision (`head` is nothing: there is no draft);
// StateConflict saying why otherwise.
void expect_state(const std::string& slug, const std::optional<DraftHead>& head, DraftState from,
                  std::int64_t ordinal);

// Where a new revision goes: its ordinal and the draft's state after it.
struct RevisionPlan {
  std::int64_t ordinal = 0;
  DraftState state = DraftState::draft;
  // Revising a published article starts a new round of review, owned by
  // whoever started it.
  bool new_round = false;
};
// StateConflict when there is no draft, it is in review and
// `allow_in_review` is false, or `base` is not the latest revision.
RevisionPlan plan_revision(const std::string& slug, const std::optional<DraftHead>& head,
                           bool allow_in_review, std::optional<std::int64_t> base);

enum class SqlDialect { sqlite, postgresql };

// The migrations built in for a dialect, in order (version n is element
// n-1): the embedded files under src/store/migrations/ (SQLite) or
// src/store/migrations/postgresql/, which CMakeLists.txt lists once for
// both. Both dialects have the same names, so a schema version means the
// same tables on either store; std::logic_error otherwise (a build mistake).
std::vector<std::string_view> migration_files(SqlDialect dialect);

struct Migration {
  int version = 0;
  std::string_view name;  // the embedded file's path
  std::string_view sql;
};
// The migrations a database at schema version `current` still needs, in
// order; StoreError when it is newer than this symptomdb.
std::vector<Migration> migrations_after(SqlDialect dialect, int current);

}  // namespace symptomdb::store
