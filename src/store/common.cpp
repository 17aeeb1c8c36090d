#include "store/common.hpp"

#include <fmt/chrono.h>
#include <fmt/ranges.h>

#include <ctime>
#include <stdexcept>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "store/store.hpp"

namespace symptomdb::store {

std::string utc_now() {
  return fmt::format("{:%FT%TZ}", fmt::gmtime(std::time(nullptr)));
}

void check_article(const Article& article) {
  if (auto problem = validate(article); !problem.empty())
    throw StoreError("article '" + article.slug + "': " + problem);
}

void expect_state(const std::string& slug, const std::optional<DraftHead>& head, DraftState from,
                  std::int64_t ordinal) {
  if (!head) throw StateConflict("there is no draft of '" + slug + "'");
  if (head->state != from)
    throw StateConflict("the article is " + std::string(state_label(head->state)) + ", not " +
                        std::string(state_label(from)));
  if (head->latest != ordinal)
    throw StateConflict("revision " + std::to_string(head->latest) +
                        " is the latest now; look at it first");
}

std::string joined_contributors(const Article& article) {
  return fmt::format("{}", fmt::join(article.contributors, "\n"));
}

std::string joined_semantic_types(const Article& article) {
  return fmt::format("{}", fmt::join(article.condition.semantic_types, " "));
}

RevisionPlan plan_revision(const std::string& slug, const std::optional<DraftHead>& head,
                           bool allow_in_review, std::optional<std::int64_t> base) {
  if (!head) throw StateConflict("there is no draft of '" + slug + "'");
  RevisionPlan plan{head->latest + 1, head->state, false};
  if (base && *base != head->latest)
    throw StateConflict("revision " + std::to_string(head->latest) +
                        " was saved after the one this text is based on (" + std::to_string(*base) +
                        "); look at the history and merge the changes");
  if (head->state == DraftState::in_review && !allow_in_review)
    throw StateConflict(
        "the article is in review; it can be changed again once an editor returns it");
  // The live copy is untouched until the new round is approved.
  if (head->state == DraftState::published) {
    plan.state = DraftState::draft;
    plan.new_round = true;
  }
  return plan;
}

namespace {

std::string_view file_name(std::string_view path) {
  return path.substr(path.rfind('/') + 1);
}

// Migrations are named NNN_what.sql with NNN their version: 001, 002, ...
std::vector<std::string_view> numbered(std::string_view folder) {
  auto files = embedded_files_in(folder);
  std::erase_if(files, [](std::string_view p) { return !p.ends_with(".sql"); });
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto name = file_name(files[i]);
    if (name.size() < 4 || name.substr(0, 3) != fmt::format("{:03}", i + 1) || name[3] != '_')
      throw std::logic_error("migration " + std::string(files[i]) + " is not number " +
                             std::to_string(i + 1) + " of " + std::string(folder));
  }
  return files;
}

}  // namespace

std::vector<std::string_view> migration_files(SqlDialect dialect) {
  // Checked each time rather than cached: it runs once per store opened.
  const auto sqlite = numbered("src/store/migrations");
  const auto postgresql = numbered("src/store/migrations/postgresql");
  bool alike = sqlite.size() == postgresql.size();
  for (std::size_t i = 0; alike && i < sqlite.size(); ++i)
    alike = file_name(sqlite[i]) == file_name(postgresql[i]);
  if (!alike)
    throw std::logic_error(
        "the SQLite and PostgreSQL migrations differ; each must be written for both");
  return dialect == SqlDialect::sqlite ? sqlite : postgresql;
}

std::vector<Migration> migrations_after(SqlDialect dialect, int current) {
  const auto files = migration_files(dialect);
  const int known = static_cast<int>(files.size());
  if (current > known)
    throw StoreError("database schema version " + std::to_string(current) +
                     " is newer than this symptomdb (" + std::to_string(known) + ")");
  std::vector<Migration> out;
  for (int v = current + 1; v <= known; ++v) {
    const auto name = files[static_cast<std::size_t>(v - 1)];
    const auto sql = embedded_file(name);
    if (!sql) throw StoreError("migration " + std::string(name) + " is not built in");
    out.push_back({v, name, *sql});
  }
  return out;
}

}  // namespace symptomdb::store
