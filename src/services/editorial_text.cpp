#include "services/editorial_text.hpp"

#include <fmt/format.h>

#include <optional>
#include <utility>

#include "article_format/markdown_article.hpp"
#include "article_format/markdown_export.hpp"
#include "core/error.hpp"
#include "core/slug.hpp"
#include "core/user_text.hpp"
#include "text/lines.hpp"
#include "text/source_file.hpp"

namespace symptomdb::services {
namespace {

constexpr std::size_t kMaxSlugChars = 80;

// Front-matter keys symptomdb fills in itself when an article is published:
// the byline comes from the writer's author profile and the review lines
// from the approving editor, so nobody can type a review that did not happen.
constexpr std::string_view kManagedKeys[] = {"author",   "credential",  "affiliation",
                                             "reviewed", "reviewed_by", "reviewer_credential"};

// The first managed key in the front matter and its line, if any.
std::optional<std::pair<int, std::string>> managed_key(std::string_view markdown) {
  const auto lines = text::split_lines(markdown);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto line = lines[i];
    if (text::trim(line) == "---") break;
    if (line.empty() || line[0] == ' ' || line[0] == '\t' || line[0] == '-' || line[0] == '#')
      continue;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key(text::trim(line.substr(0, colon)));
    for (auto k : kManagedKeys)
      if (key == k) return std::pair{static_cast<int>(i) + 1, key};
  }
  return std::nullopt;
}

// The line of a front-matter key, for messages (2, the first front-matter
// line, when it is absent).
int key_line(std::string_view markdown, std::string_view key) {
  const auto lines = text::split_lines(markdown);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (text::trim(lines[i]) == "---") break;
    if (lines[i].starts_with(key) && lines[i].substr(key.size()).find(':') != std::string::npos)
      return static_cast<int>(i) + 1;
  }
  return 2;
}

EditorialError invalid(std::string message) {
  return {EditorialRefusal::invalid_markdown, std::move(message)};
}

}  // namespace

bool has_control(std::string_view s) {
  return !check_user_text(s, TextShape::line).empty();
}

EditorialResult<CheckedArticle> check_article_markdown(std::string text, std::string_view slug,
                                                       const EditorialPolicy& policy) {
  if (text.size() > policy.max_markdown_bytes)
    return EditorialError{
        EditorialRefusal::article_too_large,
        fmt::format("An article has at most {} KiB of text.", policy.max_markdown_bytes / 1024)};
  const std::string name = std::string(slug) + ".md";
  if (auto problem = check_user_text(text, TextShape::paragraphs); !problem.empty())
    return invalid(name + ": " + problem);
  try {
    auto file = text::source_from_text(name, std::move(text), policy.max_markdown_bytes);
    Article a = article_format::parse_markdown_article(file);
    if (auto managed = managed_key(file.text))
      return invalid(fmt::format(
          "{}:{}: '{}' is filled in by symptomdb: the byline is the writer's author profile, and "
          "the review lines are set when an editor approves. Remove it.",
          name, managed->first, managed->second));
    if (a.slug != slug)
      return invalid(fmt::format("{}:{}: the article's address is fixed: 'slug' must be '{}'", name,
                                 key_line(file.text, "slug"), slug));
    if (a.title.size() > policy.max_title_chars)
      return invalid(fmt::format("{}:{}: a title has at most {} characters", name,
                                 key_line(file.text, "title"), policy.max_title_chars));
    return CheckedArticle{std::move(a), std::move(file.text)};
  } catch (const ParseError& e) {
    return invalid(e.what());
  }
}

std::string editable_markdown(const Article& live) {
  Article a = live;
  a.author = {};
  a.reviewed_on.clear();
  a.reviewed_by = {};
  return article_format::to_markdown(a);
}

std::string starter_markdown(const std::string& slug, const std::string& title,
                             const std::string& condition) {
  Article a;
  a.slug = slug;
  a.title = title;
  a.condition.name = condition;
  a.introduction =
      "Write the introduction here: what the condition is and who this article is for.";
  a.sections.push_back(
      {.type = SectionType::causes, .intro = "Each `###` heading below a section is one item."});
  a.sections.back().items.push_back({"A first cause", "Explain it in plain words."});
  a.sections.push_back(
      {.type = SectionType::when_to_see_a_doctor, .intro = "Say when to get help, and how fast."});
  return article_format::to_markdown(a);
}

std::string slug_for_title(std::string_view title) {
  std::string s = slugify(title);
  if (s.size() > kMaxSlugChars) {
    s.resize(kMaxSlugChars);
    if (auto dash = s.rfind('-'); dash != std::string::npos && dash > 20) s.resize(dash);
  }
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s;
}

}  // namespace symptomdb::services
