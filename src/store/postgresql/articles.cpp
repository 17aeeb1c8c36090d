// Articles, conditions and author profiles on PostgreSQL.
#include <fmt/ranges.h>

#include <map>

#include "store/postgresql/postgresql_store.hpp"
#include "store/postgresql/util.hpp"

namespace symptomdb::store {

WriteSummary PostgresStore::put_articles(std::span<const Article> articles) {
  return write([&](pg::Connection& c) { return write_articles(c, articles); });
}

WriteSummary PostgresStore::write_articles(pg::Connection& c, std::span<const Article> articles) {
  WriteSummary summary;
  const std::string now = pg::utc_now();
  for (const Article& a : articles) {
    if (auto problem = validate(a); !problem.empty())
      throw StoreError("article '" + a.slug + "': " + problem);

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

std::vector<Article> PostgresStore::load_where(pg::Connection& c, std::string_view where,
                                               std::string_view param) {
  // Slugs are ordered byte-wise (COLLATE "C"), as SQLite orders them,
  // whatever the database's own collation.
  std::string sql =
      "SELECT a.id, a.slug, a.title, c.name, c.id, COALESCE(au.name, ''), "
      "COALESCE(au.credential, ''), COALESCE(au.affiliation, ''), a.site, a.introduction, "
      "a.reviewed_on, a.license, a.is_sample, a.format, a.source_file, a.imported_at, "
      "c.kind, a.collection, a.document_id, a.url, a.reviewed_by, a.reviewer_credential, "
      "a.contributors "
      "FROM articles a JOIN conditions c ON c.id = a.condition_id "
      "LEFT JOIN authors au ON au.id = a.author_id ";
  sql += where;
  sql += " ORDER BY a.slug COLLATE \"C\"";
  const auto st = param.empty() ? c.run(sql) : c.run(sql, {param});

  std::vector<Article> out;
  std::map<std::int64_t, std::size_t> by_id;
  for (int r = 0; r < st.rows(); ++r) {
    Article a;
    a.slug = st.text(r, 1);
    a.title = st.text(r, 2);
    a.condition.name = st.text(r, 3);
    a.author = {st.text(r, 5), st.text(r, 6), st.text(r, 7)};
    a.site = st.text(r, 8);
    a.introduction = st.text(r, 9);
    a.reviewed_on = st.text(r, 10);
    a.license = st.text(r, 11);
    a.sample = st.integer(r, 12) != 0;
    a.provenance = {st.text(r, 13), st.text(r, 14), st.text(r, 15)};
    a.condition.kind = st.text(r, 16);
    a.collection = st.text(r, 17);
    a.document_id = st.text(r, 18);
    a.url = st.text(r, 19);
    a.reviewed_by = {st.text(r, 20), st.text(r, 21)};
    // One name per line, as the SQLite store keeps them.
    const std::string contributors = st.text(r, 22);
    for (std::string_view rest = contributors; !rest.empty();) {
      const auto nl = rest.find('\n');
      a.contributors.emplace_back(rest.substr(0, nl));
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    }
    by_id[st.integer(r, 0)] = out.size();
    out.push_back(std::move(a));
  }
  if (out.empty()) return out;

  // Children in one query per table, attached by id; for a single article
  // only its own rows are read.
  const bool one = !param.empty();
  const std::string only =
      one ? " WHERE article_id = (SELECT id FROM articles WHERE slug = $1)" : "";
  auto query = [&](const std::string& q) { return one ? c.run(q, {param}) : c.run(q); };

  const auto syn = query("SELECT article_id, synonym FROM article_synonyms" + only +
                         " ORDER BY article_id, position");
  for (int r = 0; r < syn.rows(); ++r)
    if (auto it = by_id.find(syn.integer(r, 0)); it != by_id.end())
      out[it->second].condition.synonyms.push_back(syn.text(r, 1));
  const auto cuis = query("SELECT article_id, cui FROM article_cuis" + only +
                          " ORDER BY article_id, cui COLLATE \"C\"");
  for (int r = 0; r < cuis.rows(); ++r)
    if (auto it = by_id.find(cuis.integer(r, 0)); it != by_id.end())
      out[it->second].condition.cuis.push_back(cuis.text(r, 1));
  const auto questions = query("SELECT article_id, pair, qtype, question FROM open_questions" +
                               only + " ORDER BY article_id, position");
  for (int r = 0; r < questions.rows(); ++r)
    if (auto it = by_id.find(questions.integer(r, 0)); it != by_id.end())
      out[it->second].open_questions.push_back(
          {questions.text(r, 1), questions.text(r, 2), questions.text(r, 3)});

  std::map<std::int64_t, std::pair<std::size_t, std::size_t>> section_at;
  const auto sec = query(
      "SELECT id, article_id, type, heading, intro, original_type, source_collection, "
      "source_document, source_pair, source_url FROM sections" +
      only + " ORDER BY article_id, position");
  for (int r = 0; r < sec.rows(); ++r) {
    auto it = by_id.find(sec.integer(r, 1));
    if (it == by_id.end()) continue;
    Article& a = out[it->second];
    Section s;
    s.type = section_type_from_string(sec.text(r, 2)).value_or(SectionType::other);
    s.heading = sec.text(r, 3);
    s.intro = sec.text(r, 4);
    s.original_type = sec.text(r, 5);
    s.source = {sec.text(r, 6), sec.text(r, 7), sec.text(r, 8), sec.text(r, 9)};
    section_at[sec.integer(r, 0)] = {it->second, a.sections.size()};
    a.sections.push_back(std::move(s));
  }
  const auto items =
      query(one ? "SELECT i.section_id, i.heading, i.body FROM items i JOIN sections s ON s.id = "
                  "i.section_id JOIN articles a ON a.id = s.article_id WHERE a.slug = $1 "
                  "ORDER BY i.section_id, i.position"
                : "SELECT section_id, heading, body FROM items ORDER BY section_id, position");
  for (int r = 0; r < items.rows(); ++r) {
    auto it = section_at.find(items.integer(r, 0));
    if (it == section_at.end()) continue;
    out[it->second.first].sections[it->second.second].items.push_back(
        {items.text(r, 1), items.text(r, 2)});
  }
  const auto src = query("SELECT article_id, title, url FROM article_sources" + only +
                         " ORDER BY article_id, position");
  for (int r = 0; r < src.rows(); ++r)
    if (auto it = by_id.find(src.integer(r, 0)); it != by_id.end())
      out[it->second].sources.push_back({src.text(r, 1), src.text(r, 2)});
  return out;
}

std::vector<Article> PostgresStore::load_articles() {
  return with([](pg::Connection& c) {
    // One snapshot for all the queries: a concurrent import cannot leave
    // children of articles this load did not see, or the other way round.
    pg::Transaction tx(c);
    c.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    auto out = load_where(c, "", "");
    tx.commit();
    return out;
  });
}

std::optional<Article> PostgresStore::find_article(std::string_view slug) {
  if (slug.empty()) return std::nullopt;
  return with([&](pg::Connection& c) -> std::optional<Article> {
    pg::Transaction tx(c);
    c.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    auto found = load_where(c, "WHERE a.slug = $1", slug);
    tx.commit();
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  });
}

std::size_t PostgresStore::count_articles() {
  return with([](pg::Connection& c) {
    return static_cast<std::size_t>(c.run("SELECT COUNT(*) FROM articles").integer(0, 0));
  });
}

std::optional<AuthorProfile> PostgresStore::author_on(pg::Connection& c, const std::string& where,
                                                      pg::Param key) {
  const auto st = c.run(
      "SELECT a.id, a.slug, a.name, a.credential, a.affiliation, a.bio, "
      "(SELECT AVG(stars) FROM author_ratings r WHERE r.author_id = a.id), "
      "(SELECT COUNT(*) FROM author_ratings r WHERE r.author_id = a.id), "
      "(SELECT id FROM users u WHERE u.author_id = a.id ORDER BY id LIMIT 1) FROM authors a " +
          where,
      {std::move(key)});
  if (st.empty()) return std::nullopt;
  AuthorProfile p;
  p.id = st.integer(0, 0);
  p.slug = st.text(0, 1);
  p.name = st.text(0, 2);
  p.credential = st.text(0, 3);
  p.affiliation = st.text(0, 4);
  p.bio = st.text(0, 5);
  p.rating.count = st.integer(0, 7);
  if (p.rating.count > 0) p.rating.average = std::stod(st.text(0, 6));
  if (!st.is_null(0, 8)) p.user_id = st.integer(0, 8);
  return p;
}

std::optional<AuthorProfile> PostgresStore::author(std::string_view slug) {
  return with([&](pg::Connection& c) { return author_on(c, "WHERE a.slug = $1", slug); });
}

std::optional<AuthorProfile> PostgresStore::author_by_id(std::int64_t id) {
  return with([&](pg::Connection& c) { return author_on(c, "WHERE a.id = $1", id); });
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
