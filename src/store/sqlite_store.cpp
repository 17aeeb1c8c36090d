#include "store/sqlite_store.hpp"

#include <fmt/chrono.h>
#include <fmt/ranges.h>
#include <sqlite3.h>

#include <ctime>
#include <map>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/user_text.hpp"

namespace symptomdb::store {
namespace {

// Migrations in order; each runs once, in its own transaction, and is
// recorded in schema_migrations. Add new files at the end, never edit old ones.
constexpr std::string_view kMigrations[] = {
    "src/store/migrations/001_initial.sql",  "src/store/migrations/002_medquad.sql",
    "src/store/migrations/003_accounts.sql", "src/store/migrations/004_comments.sql",
    "src/store/migrations/005_hpo.sql",      "src/store/migrations/006_editorial.sql",
    "src/store/migrations/007_security.sql",
};

std::string utc_now() {
  return fmt::format("{:%FT%TZ}", fmt::gmtime(std::time(nullptr)));
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path) : db_(path) {
  db_.exec("PRAGMA foreign_keys = ON");
  {
    auto st = db_.prepare("PRAGMA journal_mode = WAL");
    st.step();
  }
  db_.exec("PRAGMA synchronous = NORMAL");
  migrate();
  // Accounts made before display names had a key get one; of two look-alike
  // names the older keeps it (OR IGNORE), the newer stays unkeyed.
  auto unkeyed = db_.prepare("SELECT id, display_name FROM users WHERE name_key IS NULL");
  std::vector<std::pair<std::int64_t, std::string>> rows;
  while (unkeyed.step()) rows.emplace_back(unkeyed.integer(0), unkeyed.text(1));
  if (!rows.empty()) {
    Transaction tx(db_);
    auto set = db_.prepare("UPDATE OR IGNORE users SET name_key = ? WHERE id = ?");
    for (const auto& [id, name] : rows) set.bind(1, display_name_key(name)).bind(2, id).run();
    tx.commit();
  }
}

void SqliteStore::migrate() {
  db_.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  const int current = schema_version();
  const int known = static_cast<int>(std::size(kMigrations));
  if (current > known)
    throw StoreError("database schema version " + std::to_string(current) +
                     " is newer than this symptomdb (" + std::to_string(known) + ")");
  if (current == known) return;
  // Table rebuilds inside migrations need foreign keys off (a no-op inside
  // a transaction, so it is set here); they are checked before going on.
  db_.exec("PRAGMA foreign_keys = OFF");
  for (int v = current + 1; v <= known; ++v) {
    const auto name = kMigrations[v - 1];
    const auto sql = embedded_file(name);
    if (!sql) throw StoreError("migration " + std::string(name) + " is not built in");
    Transaction tx(db_);
    db_.exec(std::string(*sql));
    db_.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
        .bind(1, v)
        .bind(2, name)
        .bind(3, utc_now())
        .run();
    auto check = db_.prepare("PRAGMA foreign_key_check");
    if (check.step())
      throw StoreError("migration " + std::string(name) + " left a broken reference in table " +
                       check.text(0));
    tx.commit();
  }
  db_.exec("PRAGMA foreign_keys = ON");
}

int SqliteStore::schema_version() {
  auto st = db_.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  st.step();
  return static_cast<int>(st.integer(0));
}

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
    if (auto problem = validate(a); !problem.empty())
      throw StoreError("article '" + a.slug + "': " + problem);

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

std::vector<Article> SqliteStore::load_where(std::string_view where, std::string_view param) {
  std::string sql =
      "SELECT a.id, a.slug, a.title, c.name, c.id, COALESCE(au.name, ''), "
      "COALESCE(au.credential, ''), COALESCE(au.affiliation, ''), a.site, a.introduction, "
      "a.reviewed_on, a.license, a.is_sample, a.format, a.source_file, a.imported_at, "
      "c.kind, a.collection, a.document_id, a.url, a.reviewed_by, a.reviewer_credential, "
      "a.contributors "
      "FROM articles a JOIN conditions c ON c.id = a.condition_id "
      "LEFT JOIN authors au ON au.id = a.author_id ";
  sql += where;
  sql += " ORDER BY a.slug";
  auto st = db_.prepare(sql);
  if (!param.empty()) st.bind(1, param);

  std::vector<Article> out;
  std::map<std::int64_t, std::size_t> by_id;
  while (st.step()) {
    Article a;
    a.slug = st.text(1);
    a.title = st.text(2);
    a.condition.name = st.text(3);
    a.author = {st.text(5), st.text(6), st.text(7)};
    a.site = st.text(8);
    a.introduction = st.text(9);
    a.reviewed_on = st.text(10);
    a.license = st.text(11);
    a.sample = st.integer(12) != 0;
    a.provenance = {st.text(13), st.text(14), st.text(15)};
    a.condition.kind = st.text(16);
    a.collection = st.text(17);
    a.document_id = st.text(18);
    a.url = st.text(19);
    a.reviewed_by = {st.text(20), st.text(21)};
    const std::string contributors = st.text(22);
    for (std::string_view rest = contributors; !rest.empty();) {
      const auto nl = rest.find('\n');
      a.contributors.emplace_back(rest.substr(0, nl));
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    }
    by_id[st.integer(0)] = out.size();
    out.push_back(std::move(a));
  }
  if (out.empty()) return out;

  // Children are loaded in one pass per table and attached by id, rather
  // than one query per article, so a full load stays fast for large imports.
  auto syn =
      db_.prepare("SELECT article_id, synonym FROM article_synonyms ORDER BY article_id, position");
  while (syn.step()) {
    auto it = by_id.find(syn.integer(0));
    if (it != by_id.end()) out[it->second].condition.synonyms.push_back(syn.text(1));
  }
  auto cuis = db_.prepare("SELECT article_id, cui FROM article_cuis ORDER BY article_id, cui");
  while (cuis.step()) {
    auto it = by_id.find(cuis.integer(0));
    if (it != by_id.end()) out[it->second].condition.cuis.push_back(cuis.text(1));
  }
  auto questions = db_.prepare(
      "SELECT article_id, pair, qtype, question FROM open_questions ORDER BY article_id, position");
  while (questions.step()) {
    auto it = by_id.find(questions.integer(0));
    if (it != by_id.end())
      out[it->second].open_questions.push_back(
          {questions.text(1), questions.text(2), questions.text(3)});
  }
  std::map<std::int64_t, std::pair<std::size_t, std::size_t>> section_at;
  auto sec = db_.prepare(
      "SELECT id, article_id, type, heading, intro, original_type, source_collection, "
      "source_document, source_pair, source_url FROM sections ORDER BY article_id, position");
  while (sec.step()) {
    auto it = by_id.find(sec.integer(1));
    if (it == by_id.end()) continue;
    Article& a = out[it->second];
    Section s;
    s.type = section_type_from_string(sec.text(2)).value_or(SectionType::other);
    s.heading = sec.text(3);
    s.intro = sec.text(4);
    s.original_type = sec.text(5);
    s.source = {sec.text(6), sec.text(7), sec.text(8), sec.text(9)};
    section_at[sec.integer(0)] = {it->second, a.sections.size()};
    a.sections.push_back(std::move(s));
  }
  auto items =
      db_.prepare("SELECT section_id, heading, body FROM items ORDER BY section_id, position");
  while (items.step()) {
    auto it = section_at.find(items.integer(0));
    if (it == section_at.end()) continue;
    out[it->second.first].sections[it->second.second].items.push_back(
        {items.text(1), items.text(2)});
  }
  auto src = db_.prepare(
      "SELECT article_id, title, url FROM article_sources ORDER BY article_id, position");
  while (src.step()) {
    auto it = by_id.find(src.integer(0));
    if (it == by_id.end()) continue;
    out[it->second].sources.push_back({src.text(1), src.text(2)});
  }
  return out;
}

std::vector<Article> SqliteStore::load_articles() {
  std::lock_guard lock(mutex_);
  return load_where("", "");
}

std::optional<Article> SqliteStore::find_article(std::string_view slug) {
  std::lock_guard lock(mutex_);
  if (slug.empty()) return std::nullopt;
  auto found = load_where("WHERE a.slug = ?", slug);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::size_t SqliteStore::count_articles() {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare("SELECT COUNT(*) FROM articles");
  st.step();
  return static_cast<std::size_t>(st.integer(0));
}

std::uint64_t SqliteStore::change_counter() {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare("PRAGMA data_version");
  st.step();
  return static_cast<std::uint64_t>(st.integer(0));
}

namespace {

constexpr const char* kUserColumns =
    "id, username, display_name, role, disabled, author_id, created_at, password_hash";

User user_from(const Statement& st) {
  User u;
  u.id = st.integer(0);
  u.username = st.text(1);
  u.display_name = st.text(2);
  u.role = role_from_string(st.text(3)).value_or(Role::reader);
  u.disabled = st.integer(4) != 0;
  if (!st.is_null(5)) u.author_id = st.integer(5);
  u.created_at = st.text(6);
  return u;
}

}  // namespace

std::int64_t SqliteStore::create_user(const User& u, const std::string& password_hash) {
  std::lock_guard lock(mutex_);
  auto exists = db_.prepare("SELECT 1 FROM users WHERE username = ?");
  exists.bind(1, u.username);
  if (exists.step()) throw AccountExists("the username '" + u.username + "' is taken");
  const std::string key = display_name_key(u.display_name);
  auto same_name = db_.prepare("SELECT 1 FROM users WHERE name_key = ?");
  same_name.bind(1, key);
  if (same_name.step())
    throw NameTaken("the name '" + u.display_name + "' is taken or looks like one that is");
  const std::string now = utc_now();
  auto st = db_.prepare(
      "INSERT INTO users (username, display_name, password_hash, role, disabled, created_at, "
      "password_changed_at, name_key) VALUES (?, ?, ?, ?, 0, ?, ?, ?)");
  st.bind(1, u.username).bind(2, u.display_name).bind(3, password_hash).bind(4, to_string(u.role));
  st.bind(5, now).bind(6, now).bind(7, key).run();
  return db_.last_insert_id();
}

std::optional<std::pair<User, std::string>> SqliteStore::find_user(std::string_view username) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?");
  st.bind(1, username);
  if (!st.step()) return std::nullopt;
  return std::pair{user_from(st), st.text(7)};
}

bool SqliteStore::set_role(std::string_view username, Role role) {
  std::lock_guard lock(mutex_);
  db_.prepare("UPDATE users SET role = ? WHERE username = ?")
      .bind(1, to_string(role))
      .bind(2, username)
      .run();
  return sqlite3_changes(db_.handle()) > 0;
}

bool SqliteStore::set_disabled(std::string_view username, bool disabled) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  db_.prepare("UPDATE users SET disabled = ? WHERE username = ?")
      .bind(1, disabled ? 1 : 0)
      .bind(2, username)
      .run();
  const bool changed = sqlite3_changes(db_.handle()) > 0;
  // A disabled account is signed out everywhere at once.
  if (disabled)
    db_.prepare("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)")
        .bind(1, username)
        .run();
  tx.commit();
  return changed;
}

void SqliteStore::set_password_hash(std::int64_t user_id, const std::string& hash) {
  std::lock_guard lock(mutex_);
  db_.prepare("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?")
      .bind(1, hash)
      .bind(2, utc_now())
      .bind(3, user_id)
      .run();
}

bool SqliteStore::link_author(std::string_view username, std::string_view author_slug) {
  std::lock_guard lock(mutex_);
  db_.prepare(
         "UPDATE users SET author_id = (SELECT id FROM authors WHERE slug = ?) WHERE username = ? "
         "AND EXISTS (SELECT 1 FROM authors WHERE slug = ?)")
      .bind(1, author_slug)
      .bind(2, username)
      .bind(3, author_slug)
      .run();
  return sqlite3_changes(db_.handle()) > 0;
}

void SqliteStore::create_session(const std::string& id_hash, std::int64_t user_id,
                                 const std::string& csrf_token, std::int64_t expires_at,
                                 std::string_view address, std::string_view user_agent) {
  std::lock_guard lock(mutex_);
  db_.prepare(
         "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at, address, "
         "user_agent) VALUES (?, ?, ?, strftime('%s', 'now'), ?, ?, ?)")
      .bind(1, id_hash)
      .bind(2, user_id)
      .bind(3, csrf_token)
      .bind(4, expires_at)
      .bind(5, address)
      .bind(6, user_agent.substr(0, 300))
      .run();
}

std::optional<Session> SqliteStore::find_session(const std::string& id_hash, std::int64_t now) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare(
      "SELECT u.id, u.username, u.display_name, u.role, u.disabled, u.author_id, u.created_at, "
      "s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id "
      "WHERE s.id_hash = ? AND s.expires_at > ? AND u.disabled = 0");
  st.bind(1, id_hash).bind(2, now);
  if (!st.step()) return std::nullopt;
  Session s;
  s.user = user_from(st);
  s.csrf_token = st.text(7);
  s.expires_at = st.integer(8);
  return s;
}

void SqliteStore::delete_session(const std::string& id_hash) {
  std::lock_guard lock(mutex_);
  db_.prepare("DELETE FROM sessions WHERE id_hash = ?").bind(1, id_hash).run();
}

void SqliteStore::delete_sessions_of(std::int64_t user_id, const std::string& keep) {
  std::lock_guard lock(mutex_);
  db_.prepare("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?")
      .bind(1, user_id)
      .bind(2, keep)
      .run();
}

int SqliteStore::failures(const std::string& key, std::int64_t now, std::int64_t window) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare("SELECT count FROM login_failures WHERE key = ? AND first_at > ?");
  st.bind(1, key).bind(2, now - window);
  return st.step() ? static_cast<int>(st.integer(0)) : 0;
}

void SqliteStore::record_failure(const std::string& key, std::int64_t now, std::int64_t window) {
  std::lock_guard lock(mutex_);
  // Windows that have passed count for nothing: drop them, so guessing many
  // usernames cannot grow the table without bound.
  db_.prepare("DELETE FROM login_failures WHERE first_at <= ?").bind(1, now - window).run();
  // A failure after the window has passed starts a new window.
  db_.prepare(
         "INSERT INTO login_failures (key, count, first_at) VALUES (?, 1, ?) "
         "ON CONFLICT(key) DO UPDATE SET "
         "count = CASE WHEN first_at > ? THEN count + 1 ELSE 1 END, "
         "first_at = CASE WHEN first_at > ? THEN first_at ELSE excluded.first_at END")
      .bind(1, key)
      .bind(2, now)
      .bind(3, now - window)
      .bind(4, now - window)
      .run();
}

void SqliteStore::clear_failures(const std::string& key) {
  std::lock_guard lock(mutex_);
  db_.prepare("DELETE FROM login_failures WHERE key = ?").bind(1, key).run();
}

std::optional<AuthorProfile> SqliteStore::author(std::string_view slug) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare(
      "SELECT a.id, a.slug, a.name, a.credential, a.affiliation, a.bio, "
      "(SELECT AVG(stars) FROM author_ratings r WHERE r.author_id = a.id), "
      "(SELECT COUNT(*) FROM author_ratings r WHERE r.author_id = a.id), "
      "(SELECT id FROM users u WHERE u.author_id = a.id LIMIT 1) FROM authors a WHERE a.slug = ?");
  st.bind(1, slug);
  if (!st.step()) return std::nullopt;
  AuthorProfile p;
  p.id = st.integer(0);
  p.slug = st.text(1);
  p.name = st.text(2);
  p.credential = st.text(3);
  p.affiliation = st.text(4);
  p.bio = st.text(5);
  p.rating.count = st.integer(7);
  if (p.rating.count > 0) p.rating.average = std::stod(st.text(6));
  if (!st.is_null(8)) p.user_id = st.integer(8);
  return p;
}

void SqliteStore::rate_author(std::int64_t author_id, std::int64_t user_id, int stars) {
  std::lock_guard lock(mutex_);
  db_.prepare(
         "INSERT INTO author_ratings (author_id, user_id, stars, rated_at) VALUES (?, ?, ?, ?) "
         "ON CONFLICT(author_id, user_id) DO UPDATE SET stars = excluded.stars, rated_at = "
         "excluded.rated_at")
      .bind(1, author_id)
      .bind(2, user_id)
      .bind(3, stars)
      .bind(4, utc_now())
      .run();
}

std::optional<int> SqliteStore::rating_by(std::int64_t author_id, std::int64_t user_id) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare("SELECT stars FROM author_ratings WHERE author_id = ? AND user_id = ?");
  st.bind(1, author_id).bind(2, user_id);
  if (!st.step()) return std::nullopt;
  return static_cast<int>(st.integer(0));
}

std::array<std::int64_t, 5> SqliteStore::rating_counts(std::int64_t author_id) {
  std::lock_guard lock(mutex_);
  auto st =
      db_.prepare("SELECT stars, COUNT(*) FROM author_ratings WHERE author_id = ? GROUP BY stars");
  st.bind(1, author_id);
  std::array<std::int64_t, 5> counts{};
  while (st.step())
    if (const auto stars = st.integer(0); stars >= 1 && stars <= 5)
      counts[stars - 1] = st.integer(1);
  return counts;
}

namespace {

constexpr const char* kCommentSelect =
    "SELECT c.id, c.article_slug, c.user_id, u.display_name, c.parent_id, c.body, c.status, "
    "c.held_reason, c.created_at, c.edited_at, "
    "(SELECT COUNT(*) FROM comment_reports r WHERE r.comment_id = c.id), u.role, "
    "c.deleted_at IS NOT NULL "
    "FROM comments c JOIN users u ON u.id = c.user_id ";

Comment comment_from(const Statement& st) {
  Comment c;
  c.id = st.integer(0);
  c.article_slug = st.text(1);
  c.user_id = st.integer(2);
  c.author_name = st.text(3);
  if (!st.is_null(4)) c.parent_id = st.integer(4);
  c.body = st.text(5);
  c.status = comment_status_from_string(st.text(6)).value_or(CommentStatus::pending);
  c.held_reason = st.text(7);
  c.created_at = st.integer(8);
  if (!st.is_null(9)) c.edited_at = st.integer(9);
  c.reports = st.integer(10);
  c.author_role = role_from_string(st.text(11)).value_or(Role::reader);
  c.deleted = st.integer(12) != 0;
  if (c.deleted) {
    // What was deleted is not handed out, whatever the caller does with it.
    c.author_name.clear();
    c.author_role = Role::reader;
    c.body.clear();
  }
  return c;
}

}  // namespace

std::int64_t SqliteStore::add_comment(const Comment& c) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare(
      "INSERT INTO comments (article_slug, user_id, parent_id, body, status, held_reason, "
      "created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, c.article_slug).bind(2, c.user_id);
  if (c.parent_id)
    st.bind(3, *c.parent_id);
  else
    st.bind_null(3);
  st.bind(4, c.body)
      .bind(5, to_string(c.status))
      .bind(6, c.held_reason)
      .bind(7, c.created_at)
      .run();
  return db_.last_insert_id();
}

std::optional<Comment> SqliteStore::comment(std::int64_t id) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare(std::string(kCommentSelect) + "WHERE c.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return comment_from(st);
}

std::vector<Comment> SqliteStore::comments(std::string_view slug, bool newest_first,
                                           std::size_t offset, std::size_t limit) {
  std::lock_guard lock(mutex_);
  auto st =
      db_.prepare(std::string(kCommentSelect) +
                  "WHERE c.article_slug = ? AND c.parent_id IS NULL AND c.status = 'published' "
                  "ORDER BY c.created_at " +
                  (newest_first ? "DESC" : "ASC") + ", c.id " + (newest_first ? "DESC" : "ASC") +
                  " LIMIT ? OFFSET ?");
  st.bind(1, slug)
      .bind(2, static_cast<std::int64_t>(limit))
      .bind(3, static_cast<std::int64_t>(offset));
  std::vector<Comment> out;
  while (st.step()) out.push_back(comment_from(st));
  return out;
}

std::size_t SqliteStore::count_comments(std::string_view slug, bool with_replies) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare(
      with_replies
          ? "SELECT COUNT(*) FROM comments WHERE article_slug = ? AND status = 'published' AND "
            "deleted_at IS NULL"
          : "SELECT COUNT(*) FROM comments WHERE article_slug = ? AND parent_id IS NULL AND "
            "status = 'published'");
  st.bind(1, slug);
  st.step();
  return static_cast<std::size_t>(st.integer(0));
}

std::vector<Comment> SqliteStore::replies(std::int64_t parent_id) {
  std::lock_guard lock(mutex_);
  auto st =
      db_.prepare(std::string(kCommentSelect) +
                  "WHERE c.parent_id = ? AND c.status = 'published' ORDER BY c.created_at, c.id");
  st.bind(1, parent_id);
  std::vector<Comment> out;
  while (st.step()) out.push_back(comment_from(st));
  return out;
}

std::vector<Comment> SqliteStore::moderation_queue() {
  std::lock_guard lock(mutex_);
  auto st =
      db_.prepare(std::string(kCommentSelect) +
                  "WHERE c.status IN ('pending', 'hidden') ORDER BY c.created_at, c.id LIMIT 200");
  std::vector<Comment> out;
  while (st.step()) out.push_back(comment_from(st));
  return out;
}

void SqliteStore::set_comment_status(std::int64_t id, CommentStatus status,
                                     std::string_view reason) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  db_.prepare("UPDATE comments SET status = ?, held_reason = ? WHERE id = ?")
      .bind(1, to_string(status))
      .bind(2, reason)
      .bind(3, id)
      .run();
  // Reviewed: earlier reports no longer count towards hiding it again.
  if (status == CommentStatus::published)
    db_.prepare("DELETE FROM comment_reports WHERE comment_id = ?").bind(1, id).run();
  tx.commit();
}

void SqliteStore::edit_comment(std::int64_t id, const std::string& body, std::int64_t now) {
  std::lock_guard lock(mutex_);
  db_.prepare("UPDATE comments SET body = ?, edited_at = ? WHERE id = ?")
      .bind(1, body)
      .bind(2, now)
      .bind(3, id)
      .run();
}

void SqliteStore::delete_comment(std::int64_t id) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  auto parent = db_.prepare("SELECT parent_id FROM comments WHERE id = ?");
  parent.bind(1, id);
  std::optional<std::int64_t> parent_id;
  if (parent.step() && !parent.is_null(0)) parent_id = parent.integer(0);
  // Replies are other people's words: a comment that has any becomes a
  // tombstone instead of taking them with it (ON DELETE CASCADE would).
  auto replies = db_.prepare("SELECT COUNT(*) FROM comments WHERE parent_id = ?");
  replies.bind(1, id);
  replies.step();
  if (replies.integer(0) > 0) {
    db_.prepare(
           "UPDATE comments SET body = '', deleted_at = CAST(strftime('%s', 'now') AS INTEGER) "
           "WHERE id = ?")
        .bind(1, id)
        .run();
    db_.prepare("DELETE FROM comment_reports WHERE comment_id = ?").bind(1, id).run();
  } else {
    db_.prepare("DELETE FROM comments WHERE id = ?").bind(1, id).run();
    // The last reply under a tombstone takes the tombstone with it.
    if (parent_id)
      db_.prepare(
             "DELETE FROM comments WHERE id = ? AND deleted_at IS NOT NULL AND NOT EXISTS "
             "(SELECT 1 FROM comments r WHERE r.parent_id = ?)")
          .bind(1, *parent_id)
          .bind(2, *parent_id)
          .run();
  }
  tx.commit();
}

std::int64_t SqliteStore::report_comment(std::int64_t id, std::int64_t user_id, std::int64_t now) {
  std::lock_guard lock(mutex_);
  db_.prepare(
         "INSERT OR IGNORE INTO comment_reports (comment_id, user_id, reported_at) VALUES (?, ?, "
         "?)")
      .bind(1, id)
      .bind(2, user_id)
      .bind(3, now)
      .run();
  auto st = db_.prepare("SELECT COUNT(*) FROM comment_reports WHERE comment_id = ?");
  st.bind(1, id);
  st.step();
  return st.integer(0);
}

std::size_t SqliteStore::comments_since(std::int64_t user_id, std::int64_t since) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare("SELECT COUNT(*) FROM comments WHERE user_id = ? AND created_at >= ?");
  st.bind(1, user_id).bind(2, since);
  st.step();
  return static_cast<std::size_t>(st.integer(0));
}

std::int64_t SqliteStore::user_created_at(std::int64_t user_id) {
  std::lock_guard lock(mutex_);
  auto st =
      db_.prepare("SELECT CAST(strftime('%s', created_at) AS INTEGER) FROM users WHERE id = ?");
  st.bind(1, user_id);
  return st.step() ? st.integer(0) : 0;
}

std::optional<AuthorProfile> SqliteStore::author_by_id(std::int64_t id) {
  std::string slug;
  {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare("SELECT slug FROM authors WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    slug = st.text(0);
  }
  return author(slug);
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

namespace {

constexpr const char* kDraftSelect =
    "SELECT d.slug, d.state, d.owner_id, u.display_name, d.created_at, d.updated_at, "
    "(SELECT MAX(ordinal) FROM revisions r WHERE r.slug = d.slug), "
    "(SELECT title FROM revisions r WHERE r.slug = d.slug ORDER BY ordinal DESC LIMIT 1), "
    "(SELECT note FROM review_events e WHERE e.slug = d.slug AND e.action <> 'submitted' "
    "ORDER BY e.id DESC LIMIT 1), u.author_id "
    "FROM drafts d JOIN users u ON u.id = d.owner_id ";

Draft draft_from(const Statement& st) {
  Draft d;
  d.slug = st.text(0);
  d.state = draft_state_from_string(st.text(1)).value_or(DraftState::draft);
  d.owner_id = st.integer(2);
  d.owner_name = st.text(3);
  d.created_at = st.text(4);
  d.updated_at = st.text(5);
  d.latest = st.integer(6);
  d.title = st.text(7);
  d.last_note = st.text(8);
  if (!st.is_null(9)) d.owner_author_id = st.integer(9);
  return d;
}

constexpr const char* kRevisionSelect =
    "SELECT r.id, r.slug, r.ordinal, r.markdown, r.author_id, u.display_name, r.created_at, "
    "r.note, r.state FROM revisions r JOIN users u ON u.id = r.author_id ";

Revision revision_from(const Statement& st) {
  Revision r;
  r.id = st.integer(0);
  r.slug = st.text(1);
  r.ordinal = st.integer(2);
  r.markdown = st.text(3);
  r.author_id = st.integer(4);
  r.author_name = st.text(5);
  r.created_at = st.text(6);
  r.note = st.text(7);
  r.state = draft_state_from_string(st.text(8)).value_or(DraftState::draft);
  return r;
}

}  // namespace

void SqliteStore::insert_revision(const std::string& slug, std::int64_t ordinal,
                                  const NewRevision& r, DraftState state, const std::string& now) {
  db_.prepare(
         "INSERT INTO revisions (slug, ordinal, title, markdown, author_id, created_at, note, "
         "state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, slug)
      .bind(2, ordinal)
      .bind(3, r.title)
      .bind(4, r.markdown)
      .bind(5, r.author_id)
      .bind(6, now)
      .bind(7, r.note)
      .bind(8, to_string(state))
      .run();
}

void SqliteStore::create_draft(const std::string& slug, std::int64_t owner_id,
                               std::span<const NewRevision> revisions) {
  std::lock_guard lock(mutex_);
  if (revisions.empty()) throw StoreError("a draft starts with at least one revision");
  const std::string now = utc_now();
  Transaction tx(db_);
  auto exists = db_.prepare("SELECT 1 FROM drafts WHERE slug = ?");
  exists.bind(1, slug);
  if (exists.step())
    throw StateConflict("an article with the address '" + slug + "' is being written already");
  db_.prepare(
         "INSERT INTO drafts (slug, state, owner_id, created_at, updated_at) VALUES (?, 'draft', "
         "?, ?, ?)")
      .bind(1, slug)
      .bind(2, owner_id)
      .bind(3, now)
      .bind(4, now)
      .run();
  for (std::size_t i = 0; i < revisions.size(); ++i)
    insert_revision(slug, static_cast<std::int64_t>(i + 1), revisions[i], DraftState::draft, now);
  tx.commit();
}

std::int64_t SqliteStore::add_revision(const std::string& slug, const NewRevision& r,
                                       bool allow_in_review, std::optional<std::int64_t> base) {
  std::lock_guard lock(mutex_);
  const std::string now = utc_now();
  Transaction tx(db_);
  auto st = db_.prepare(
      "SELECT d.state, (SELECT MAX(ordinal) FROM revisions r WHERE r.slug = d.slug) FROM drafts d "
      "WHERE d.slug = ?");
  st.bind(1, slug);
  if (!st.step()) throw StateConflict("there is no draft of '" + slug + "'");
  auto state = draft_state_from_string(st.text(0)).value_or(DraftState::draft);
  const std::int64_t ordinal = st.integer(1) + 1;
  st.reset();
  if (base && *base != ordinal - 1)
    throw StateConflict("revision " + std::to_string(ordinal - 1) +
                        " was saved after the one this text is based on (" + std::to_string(*base) +
                        "); look at the history and merge the changes");
  if (state == DraftState::in_review && !allow_in_review)
    throw StateConflict(
        "the article is in review; it can be changed again once an editor returns it");
  // Revising a published article starts a new round of review, owned by
  // whoever started it; the live copy is untouched until it is approved.
  const bool new_round = state == DraftState::published;
  if (new_round) state = DraftState::draft;
  insert_revision(slug, ordinal, r, state, now);
  db_.prepare(
         "UPDATE drafts SET state = ?, updated_at = ?, owner_id = CASE WHEN ? THEN ? ELSE "
         "owner_id END WHERE slug = ?")
      .bind(1, to_string(state))
      .bind(2, now)
      .bind(3, new_round ? 1 : 0)
      .bind(4, r.author_id)
      .bind(5, slug)
      .run();
  tx.commit();
  return ordinal;
}

std::optional<Draft> SqliteStore::draft(std::string_view slug) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare(std::string(kDraftSelect) + "WHERE d.slug = ?");
  st.bind(1, slug);
  if (!st.step()) return std::nullopt;
  return draft_from(st);
}

std::vector<Draft> SqliteStore::drafts(std::optional<std::int64_t> owner_id,
                                       std::optional<DraftState> state) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare(std::string(kDraftSelect) +
                        "WHERE (?1 IS NULL OR d.owner_id = ?1) AND (?2 IS NULL OR d.state = ?2) "
                        "ORDER BY d.updated_at DESC, d.slug LIMIT 500");
  if (owner_id)
    st.bind(1, *owner_id);
  else
    st.bind_null(1);
  if (state)
    st.bind(2, to_string(*state));
  else
    st.bind_null(2);
  std::vector<Draft> out;
  while (st.step()) out.push_back(draft_from(st));
  return out;
}

std::vector<Revision> SqliteStore::revisions(std::string_view slug) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare(std::string(kRevisionSelect) + "WHERE r.slug = ? ORDER BY r.ordinal");
  st.bind(1, slug);
  std::vector<Revision> out;
  while (st.step()) out.push_back(revision_from(st));
  return out;
}

std::optional<Revision> SqliteStore::revision(std::string_view slug, std::int64_t ordinal) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare(std::string(kRevisionSelect) + "WHERE r.slug = ? AND r.ordinal = ?");
  st.bind(1, slug).bind(2, ordinal);
  if (!st.step()) return std::nullopt;
  return revision_from(st);
}

std::vector<ReviewEvent> SqliteStore::review_events(std::string_view slug) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare(
      "SELECT e.id, e.slug, e.ordinal, e.action, e.user_id, u.display_name, e.note, e.created_at "
      "FROM review_events e JOIN users u ON u.id = e.user_id WHERE e.slug = ? ORDER BY e.id");
  st.bind(1, slug);
  std::vector<ReviewEvent> out;
  while (st.step()) {
    ReviewEvent e;
    e.id = st.integer(0);
    e.slug = st.text(1);
    e.ordinal = st.integer(2);
    const auto action = st.text(3);
    e.action = action == "approved"   ? ReviewAction::approved
               : action == "returned" ? ReviewAction::returned
                                      : ReviewAction::submitted;
    e.user_id = st.integer(4);
    e.user_name = st.text(5);
    e.note = st.text(6);
    e.created_at = st.text(7);
    out.push_back(std::move(e));
  }
  return out;
}

namespace {

// Inside a transaction: the draft must be in `from` with `ordinal` as its
// latest revision.
void expect_state(Database& db, const std::string& slug, DraftState from, std::int64_t ordinal) {
  auto st = db.prepare(
      "SELECT d.state, (SELECT MAX(ordinal) FROM revisions r WHERE r.slug = d.slug) FROM drafts d "
      "WHERE d.slug = ?");
  st.bind(1, slug);
  if (!st.step()) throw StateConflict("there is no draft of '" + slug + "'");
  if (st.text(0) != to_string(from))
    throw StateConflict(
        "the article is " +
        std::string(state_label(draft_state_from_string(st.text(0)).value_or(DraftState::draft))) +
        ", not " + std::string(state_label(from)));
  if (st.integer(1) != ordinal)
    throw StateConflict("revision " + std::to_string(st.integer(1)) +
                        " is the latest now; look at it first");
}

void record_event(Database& db, const std::string& slug, std::int64_t ordinal, ReviewAction action,
                  std::int64_t user_id, const std::string& note, const std::string& now) {
  db.prepare(
        "INSERT INTO review_events (slug, ordinal, action, user_id, note, created_at) VALUES (?, "
        "?, ?, ?, ?, ?)")
      .bind(1, slug)
      .bind(2, ordinal)
      .bind(3, to_string(action))
      .bind(4, user_id)
      .bind(5, note)
      .bind(6, now)
      .run();
}

}  // namespace

void SqliteStore::change_state(const std::string& slug, DraftState from, DraftState to,
                               ReviewAction action, std::int64_t user_id, const std::string& note,
                               std::int64_t ordinal) {
  std::lock_guard lock(mutex_);
  const std::string now = utc_now();
  Transaction tx(db_);
  expect_state(db_, slug, from, ordinal);
  db_.prepare("UPDATE drafts SET state = ?, updated_at = ? WHERE slug = ?")
      .bind(1, to_string(to))
      .bind(2, now)
      .bind(3, slug)
      .run();
  record_event(db_, slug, ordinal, action, user_id, note, now);
  tx.commit();
}

void SqliteStore::publish_draft(const std::string& slug, std::int64_t ordinal,
                                const Article& article, std::int64_t reviewer_id,
                                const std::string& note) {
  std::lock_guard lock(mutex_);
  const std::string now = utc_now();
  Transaction tx(db_);
  expect_state(db_, slug, DraftState::in_review, ordinal);
  if (article.slug != slug)
    throw StoreError("article '" + article.slug + "' is not the draft '" + slug + "'");
  const Article one[] = {article};
  write_articles(one);
  db_.prepare("UPDATE drafts SET state = 'published', updated_at = ? WHERE slug = ?")
      .bind(1, now)
      .bind(2, slug)
      .run();
  record_event(db_, slug, ordinal, ReviewAction::approved, reviewer_id, note, now);
  tx.commit();
}

// --- Phenotype ontology and annotations. ---

namespace {}  // namespace

void SqliteStore::put_ontology(const ontology::OntologyRecords& records) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  // Children first: deleting terms would otherwise cascade row by row.
  for (const char* table :
       {"hpo_synonyms", "hpo_alt_ids", "hpo_xrefs", "hpo_parents", "hpo_terms", "hpo_release"})
    db_.exec(std::string("DELETE FROM ") + table);
  db_.prepare("INSERT INTO hpo_release (id, version, source_file, imported_at) VALUES (1, ?, ?, ?)")
      .bind(1, records.version)
      .bind(2, records.source)
      .bind(3, utc_now())
      .run();
  auto add_term = db_.prepare(
      "INSERT INTO hpo_terms (ordinal, id, label, definition, comment, obsolete, replaced_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  auto add_synonym = db_.prepare(
      "INSERT INTO hpo_synonyms (term, ordinal, text, scope, layperson) VALUES (?, ?, ?, ?, ?)");
  auto add_alt = db_.prepare("INSERT INTO hpo_alt_ids (term, ordinal, alt_id) VALUES (?, ?, ?)");
  auto add_xref = db_.prepare("INSERT INTO hpo_xrefs (term, ordinal, xref) VALUES (?, ?, ?)");
  auto add_parent = db_.prepare("INSERT INTO hpo_parents (term, ordinal, parent) VALUES (?, ?, ?)");
  auto add_list = [](Statement& st, std::int64_t term, const std::vector<std::string>& values) {
    for (std::size_t i = 0; i < values.size(); ++i)
      st.bind(1, term).bind(2, static_cast<std::int64_t>(i)).bind(3, values[i]).run();
  };
  for (std::size_t ti = 0; ti < records.terms.size(); ++ti) {
    const auto& t = records.terms[ti];
    const auto term = static_cast<std::int64_t>(ti);
    add_term.bind(1, term)
        .bind(2, t.id)
        .bind(3, t.label)
        .bind(4, t.definition)
        .bind(5, t.comment)
        .bind(6, t.obsolete ? 1 : 0)
        .bind(7, t.replaced_by)
        .run();
    for (std::size_t i = 0; i < t.synonyms.size(); ++i)
      add_synonym.bind(1, term)
          .bind(2, static_cast<std::int64_t>(i))
          .bind(3, t.synonyms[i].text)
          .bind(4, ontology::to_string(t.synonyms[i].scope))
          .bind(5, t.synonyms[i].layperson ? 1 : 0)
          .run();
    add_list(add_alt, term, t.alt_ids);
    add_list(add_xref, term, t.xrefs);
    add_list(add_parent, term, t.parents);
  }
  tx.commit();
}

std::optional<ontology::OntologyRecords> SqliteStore::load_ontology() {
  std::lock_guard lock(mutex_);
  ontology::OntologyRecords out;
  {
    auto meta = db_.prepare("SELECT version, source_file FROM hpo_release WHERE id = 1");
    if (!meta.step()) return std::nullopt;
    out.version = meta.text(0);
    out.source = meta.text(1);
  }
  // Ordinals are 0..n-1 (put_ontology writes them so), hence direct
  // indexing; a gap would mean someone else wrote the table.
  auto terms = db_.prepare(
      "SELECT ordinal, id, label, definition, comment, obsolete, replaced_by FROM hpo_terms "
      "ORDER BY ordinal");
  while (terms.step()) {
    if (terms.integer(0) != static_cast<std::int64_t>(out.terms.size()))
      throw StoreError("hpo_terms: ordinals are not contiguous");
    ontology::TermRecord t;
    t.id = terms.text(1);
    t.label = terms.text(2);
    t.definition = terms.text(3);
    t.comment = terms.text(4);
    t.obsolete = terms.integer(5) != 0;
    t.replaced_by = terms.text(6);
    out.terms.push_back(std::move(t));
  }
  auto term_at = [&out](std::int64_t ordinal) -> ontology::TermRecord& {
    if (ordinal < 0 || ordinal >= static_cast<std::int64_t>(out.terms.size()))
      throw StoreError("HPO table row refers to missing term " + std::to_string(ordinal));
    return out.terms[static_cast<std::size_t>(ordinal)];
  };
  auto syn =
      db_.prepare("SELECT term, text, scope, layperson FROM hpo_synonyms ORDER BY term, ordinal");
  while (syn.step())
    term_at(syn.integer(0))
        .synonyms.push_back(
            {syn.text(1), ontology::synonym_scope_from(syn.text(2)), syn.integer(3) != 0});
  auto load_list = [&](const char* table, const char* column,
                       std::vector<std::string> ontology::TermRecord::*list) {
    auto st = db_.prepare(std::string("SELECT term, ") + column + " FROM " + table +
                          " ORDER BY term, ordinal");
    while (st.step()) (term_at(st.integer(0)).*list).push_back(st.text(1));
  };
  load_list("hpo_alt_ids", "alt_id", &ontology::TermRecord::alt_ids);
  load_list("hpo_xrefs", "xref", &ontology::TermRecord::xrefs);
  load_list("hpo_parents", "parent", &ontology::TermRecord::parents);
  return out;
}

void SqliteStore::put_annotations(const ontology::AnnotationRecords& records) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  db_.exec("DELETE FROM hpo_annotations");
  db_.exec("DELETE FROM hpo_annotation_release");
  db_.prepare(
         "INSERT INTO hpo_annotation_release (id, version, hpo_version, source_file, imported_at) "
         "VALUES (1, ?, ?, ?, ?)")
      .bind(1, records.version)
      .bind(2, records.hpo_version)
      .bind(3, records.source)
      .bind(4, utc_now())
      .run();
  auto add = db_.prepare(
      "INSERT INTO hpo_annotations (ordinal, disease_id, disease_name, negated, term_id, "
      "reference, evidence, onset, frequency, sex, modifier, aspect, biocuration) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < records.rows.size(); ++i) {
    const auto& a = records.rows[i];
    add.bind(1, static_cast<std::int64_t>(i))
        .bind(2, a.disease_id)
        .bind(3, a.disease_name)
        .bind(4, a.negated ? 1 : 0)
        .bind(5, a.term_id)
        .bind(6, a.reference)
        .bind(7, a.evidence)
        .bind(8, a.onset)
        .bind(9, a.frequency)
        .bind(10, a.sex)
        .bind(11, a.modifier)
        .bind(12, std::string_view(&a.aspect, 1))
        .bind(13, a.biocuration)
        .run();
  }
  tx.commit();
}

std::string SqliteStore::phenotype_stamp() {
  std::lock_guard lock(mutex_);
  // imported_at has one-second resolution; the row counts tell apart two
  // different files imported within the same second.
  auto st = db_.prepare(
      "SELECT COALESCE((SELECT version || '|' || source_file || '|' || imported_at"
      "                 FROM hpo_release WHERE id = 1), '') || '|' ||"
      " (SELECT COUNT(*) FROM hpo_terms) || '|' ||"
      " COALESCE((SELECT version || '|' || source_file || '|' || imported_at"
      "           FROM hpo_annotation_release WHERE id = 1), '') || '|' ||"
      " (SELECT COUNT(*) FROM hpo_annotations)");
  st.step();
  return st.text(0);
}

std::optional<ontology::AnnotationRecords> SqliteStore::load_annotations() {
  std::lock_guard lock(mutex_);
  ontology::AnnotationRecords out;
  {
    auto meta = db_.prepare(
        "SELECT version, hpo_version, source_file FROM hpo_annotation_release WHERE id = 1");
    if (!meta.step()) return std::nullopt;
    out.version = meta.text(0);
    out.hpo_version = meta.text(1);
    out.source = meta.text(2);
  }
  {
    auto count = db_.prepare("SELECT COUNT(*) FROM hpo_annotations");
    count.step();
    out.rows.reserve(static_cast<std::size_t>(count.integer(0)));
  }
  auto st = db_.prepare(
      "SELECT disease_id, disease_name, negated, term_id, reference, evidence, onset, frequency, "
      "sex, modifier, aspect, biocuration FROM hpo_annotations ORDER BY ordinal");
  while (st.step()) {
    ontology::Annotation a;
    a.disease_id = st.text(0);
    a.disease_name = st.text(1);
    a.negated = st.integer(2) != 0;
    a.term_id = st.text(3);
    a.reference = st.text(4);
    a.evidence = st.text(5);
    a.onset = st.text(6);
    a.frequency = st.text(7);
    a.sex = st.text(8);
    a.modifier = st.text(9);
    const auto aspect = st.text(10);
    a.aspect = aspect.empty() ? 'P' : aspect[0];
    a.biocuration = st.text(11);
    out.rows.push_back(std::move(a));
  }
  return out;
}

}  // namespace symptomdb::store
