#include "core/article.hpp"

#include <map>

#include "core/slug.hpp"
#include "core/spelling.hpp"

namespace symptomdb {

std::string Section::display_heading() const {
  return heading.empty() ? std::string(default_heading(type)) : heading;
}

std::string Author::slug() const {
  return slugify(name);
}

std::string Condition::slug() const {
  return condition_key(name);
}

const Section* Article::find_section(SectionType type) const {
  for (const auto& s : sections)
    if (s.type == type) return &s;
  return nullptr;
}

std::string Article::conclusion_text() const {
  const Section* s = find_section(SectionType::conclusion);
  if (!s) return {};
  std::string out = s->intro;
  for (const auto& item : s->items) {
    if (!out.empty()) out += "\n\n";
    out += item.text;
  }
  return out;
}

ArticleAnchors anchors_of(const Article& a) {
  ArticleAnchors out;
  std::map<std::string, int> used;
  auto anchor = [&](const std::string& text) {
    std::string base = slugify(text);
    if (base.empty()) base = "part";
    if (base.size() > 60) base.resize(60);
    while (!base.empty() && base.back() == '-') base.pop_back();
    const int n = used[base]++;
    return n == 0 ? base : base + "-" + std::to_string(n + 1);
  };
  for (const auto& s : a.sections) {
    out.sections.push_back(anchor(s.display_heading()));
    auto& items = out.items.emplace_back();
    for (const auto& item : s.items)
      items.push_back(item.heading.empty() ? "" : anchor(item.heading));
  }
  return out;
}

void keep_source_metadata(const Article& live, Article& edited) {
  edited.collection = live.collection;
  edited.document_id = live.document_id;
  edited.url = live.url;
  edited.open_questions = live.open_questions;
  if (edited.condition.slug() == live.condition.slug()) {
    edited.condition.kind = live.condition.kind;
    edited.condition.cuis = live.condition.cuis;
    edited.condition.semantic_types = live.condition.semantic_types;
    edited.condition.semantic_group = live.condition.semantic_group;
  }
  std::vector<bool> used(live.sections.size(), false);
  for (auto& s : edited.sections) {
    for (std::size_t i = 0; i < live.sections.size(); ++i) {
      const Section& old = live.sections[i];
      if (used[i] || old.type != s.type || old.display_heading() != s.display_heading()) continue;
      s.source = old.source;
      s.original_type = old.original_type;
      used[i] = true;
      break;
    }
  }
}

bool is_iso_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i = 0; i < d.size(); ++i)
    if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9')) return false;
  const int month = (d[5] - '0') * 10 + (d[6] - '0');
  const int day = (d[8] - '0') * 10 + (d[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string validate(const Article& a) {
  if (a.title.empty()) return "article has no title";
  if (a.condition.name.empty()) return "article names no condition";
  if (!is_valid_slug(a.slug)) return "article slug '" + a.slug + "' is not a valid slug";
  if (a.introduction.empty() && a.sections.empty() && a.open_questions.empty())
    return "article has no text";
  for (const auto& s : a.sections) {
    if (s.intro.empty() && s.items.empty())
      return "section '" + s.display_heading() + "' has no text";
    for (const auto& item : s.items)
      if (item.text.empty())
        return "item '" + item.heading + "' in section '" + s.display_heading() + "' has no text";
  }
  if (!a.reviewed_on.empty() && !is_iso_date(a.reviewed_on))
    return "reviewed date '" + a.reviewed_on + "' is not YYYY-MM-DD";
  // A review claim without a date, or a credential without a name, would
  // show readers a statement nobody can check.
  if (!a.reviewed_by.empty() && a.reviewed_on.empty())
    return "a reviewer is named but there is no reviewed date";
  if (a.reviewed_by.empty() && !a.reviewed_by.credential.empty())
    return "a reviewer credential is given without the reviewer's name";
  return {};
}

}  // namespace symptomdb
