// How the plain-text layout is read
// ---------------------------------
// Paragraphs are blocks of lines separated by blank lines. A block is a
// *heading* when it is one short line that does not end like a sentence.
// Headings that start with a section word ("Causes of...", "Treatment
// options for...") open a typed section; any other heading inside a section
// names an item (a cause, a treatment).
//
// The page this layout comes from drops some headings but leaves their blank
// line behind, so a paragraph preceded by two or more blank lines starts a new
// item without a heading instead of continuing the one before. A section's
// introduction ends at a paragraph ending in ':' ("Here are some common
// causes:"). The last headless paragraph of the body, when it speaks of the
// condition again or opens with "In conclusion", is the conclusion.
//
// The byline is the final block: "Name, CREDENTIAL" and an affiliation line,
// mixed with the page's widget labels ("Rate author", "Add a comment"), which
// are dropped.
#include "ingest/seed_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

#include <filesystem>

#include "core/error.hpp"
#include "core/slug.hpp"
#include "text/lines.hpp"
#include "text/normalize.hpp"

namespace symptomdb::ingest {

using text::split_lines;
using text::trim;
namespace {

struct Block {
  std::vector<std::string_view> lines;
  int first_line = 0;    // 1-based line number in the file
  int blank_before = 0;  // blank lines between this block and the previous one

  std::string joined() const {
    std::string out;
    for (auto l : lines) {
      if (!out.empty()) out.push_back(' ');
      out.append(trim(l));
    }
    return out;
  }
};

std::vector<Block> split_blocks(std::string_view text) {
  std::vector<Block> blocks;
  int line_no = 0, blanks = 0;
  Block cur;
  for (auto line : split_lines(text)) {
    ++line_no;
    if (trim(line).empty()) {
      if (!cur.lines.empty()) {
        blocks.push_back(std::move(cur));
        cur = {};
      }
      ++blanks;
      continue;
    }
    if (cur.lines.empty()) {
      cur.first_line = line_no;
      cur.blank_before = blanks;
      blanks = 0;
    }
    cur.lines.push_back(line);
  }
  if (!cur.lines.empty()) blocks.push_back(std::move(cur));
  return blocks;
}

std::string lower(std::string_view s) {
  return text::fold(s);
}

// Labels of page widgets that a copied page carries along with its text.
bool is_page_chrome(std::string_view line) {
  static constexpr std::array<std::string_view, 10> kChrome = {
      "rate author", "rate this author",  "add a comment", "leave a comment", "comments", "share",
      "print",       "rate this article", "reply",         "read more"};
  const std::string l = lower(trim(line));
  return std::find(kChrome.begin(), kChrome.end(), l) != kChrome.end();
}

bool is_heading(const Block& b) {
  if (b.lines.size() != 1) return false;
  const auto t = trim(b.lines.front());
  if (t.empty() || t.size() > 90) return false;
  const char last = t.back();
  if (last == '.' || last == ':' || last == ';' || last == ',' || last == '!') return false;
  if (std::islower(static_cast<unsigned char>(t.front()))) return false;
  // A heading is a handful of words, not a sentence that lost its full stop.
  return std::count(t.begin(), t.end(), ' ') < 12;
}

// Post-nominal letters a byline may carry after the name.
bool is_credential(std::string_view token) {
  static constexpr std::array<std::string_view, 30> kCreds = {
      "md",     "do",    "mbbs", "mbchb", "phd",  "rn",    "np",  "pa",  "pa-c", "dnp",
      "pharmd", "rd",    "rdn",  "mph",   "msc",  "ms",    "ma",  "bsn", "msn",  "aprn",
      "facp",   "faafp", "frcp", "frcs",  "mrcp", "mrcgp", "dpt", "pt",  "od",   "dds"};
  std::string t = lower(trim(token));
  std::erase(t, '.');
  return std::find(kCreds.begin(), kCreds.end(), t) != kCreds.end();
}

// "Haroon Rashid, MD" -> {name, credential}; credentials may repeat
// ("Jane Roe, MD, PhD"). Returns false when the line is not a name line.
bool parse_name_line(std::string_view line, Author& author) {
  std::string_view t = trim(line);
  if (lower(t).starts_with("by ")) t.remove_prefix(3);
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    auto comma = t.find(',', start);
    parts.push_back(trim(t.substr(start, comma == std::string_view::npos ? comma : comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  std::size_t creds_from = parts.size();
  while (creds_from > 1 && is_credential(parts[creds_from - 1])) --creds_from;
  if (creds_from == parts.size() || creds_from != 1) return false;  // no credential, or "a, b"
  author.name = std::string(parts[0]);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (!author.credential.empty()) author.credential += ", ";
    author.credential += parts[i];
  }
  return !author.name.empty();
}

bool looks_like_byline(const Block& b) {
  Author scratch;
  for (auto l : b.lines)
    if (is_page_chrome(l) || parse_name_line(l, scratch)) return true;
  return false;
}

Author parse_byline(const Block& b) {
  Author author;
  bool have_name = false;
  for (auto l : b.lines) {
    if (is_page_chrome(l)) continue;
    if (!have_name) {
      if (parse_name_line(l, author)) {
        have_name = true;
      } else {
        author.name = std::string(trim(l));  // a name without credentials
        have_name = !author.name.empty();
      }
    } else if (author.affiliation.empty()) {
      author.affiliation = std::string(trim(l));
    }
  }
  return author;
}

// "Muscle atrophy, also known as muscle wasting or muscle loss, refers to..."
bool condition_from_intro(std::string_view intro, Condition& c) {
  static const std::regex re(
      R"(^(?:The |An? )?([A-Z][^,.;]{1,60}?) *(?:\(([^)]{1,40})\))?, *(?:also|sometimes|often|commonly) +(?:known +as|called|referred +to +as) +([^,.;]{1,120}?)(?:,|\.|;| is | are | refers))");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_search(intro.begin(), intro.end(), m, re)) return false;
  c.name = m[1].str();
  if (m[2].matched) c.synonyms.push_back(m[2].str());
  std::string rest = m[3].str();
  // Split "a, b or c" / "a and b" into synonyms.
  static const std::regex sep(R"(\s*,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+)");
  for (std::sregex_token_iterator it(rest.begin(), rest.end(), sep, -1), end; it != end; ++it) {
    std::string s = std::string(trim(it->str()));
    if (!s.empty()) c.synonyms.push_back(s);
  }
  return true;
}

// "What are the causes and treatment options for muscle atrophy?" -> "Muscle atrophy"
std::string condition_from_title(std::string_view title) {
  std::string t(trim(title));
  while (!t.empty() && (t.back() == '?' || t.back() == '.')) t.pop_back();
  const std::string l = lower(t);
  std::size_t best = std::string::npos;
  for (std::string_view marker : {" for ", " of ", " about ", " with ", " is ", " are "}) {
    auto p = l.rfind(marker);
    if (p != std::string::npos && (best == std::string::npos || p + marker.size() > best))
      best = p + marker.size();
  }
  std::string name = best == std::string::npos ? t : t.substr(best);
  if (lower(name).starts_with("the ")) name.erase(0, 4);
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

bool mentions(std::string_view text, const Condition& c) {
  const std::string t = lower(text);
  if (!c.name.empty() && t.find(lower(c.name)) != std::string::npos) return true;
  for (const auto& s : c.synonyms)
    if (t.find(lower(s)) != std::string::npos) return true;
  return false;
}

bool opens_conclusion(std::string_view text) {
  const std::string t = lower(text);
  for (std::string_view m : {"in conclusion", "in summary", "to sum up", "overall,", "to conclude"})
    if (t.starts_with(m)) return true;
  return false;
}

void append_paragraph(std::string& to, const std::string& para) {
  if (!to.empty()) to += "\n\n";
  to += para;
}

}  // namespace

Article parse_seed_text(const text::SourceFile& file) {
  auto blocks = split_blocks(file.text);
  if (blocks.empty()) throw ParseError(file.name, 1, "file is empty");

  Article a;
  a.provenance.format = "seed-text";
  // Only the file name: the server's paths are nobody else's business.
  a.provenance.source_file = std::filesystem::path(file.name).filename().string();

  // Title: the first line, a question or a heading.
  Block& first = blocks.front();
  a.title = std::string(trim(first.lines.front()));
  const int title_line = first.first_line;
  if (a.title.size() > 300)
    throw ParseError(file.name, title_line, "first line is too long to be a title");
  first.lines.erase(first.lines.begin());
  if (first.lines.empty()) blocks.erase(blocks.begin());

  // Byline: the last block, when it looks like one.
  if (!blocks.empty() && looks_like_byline(blocks.back())) {
    a.author = parse_byline(blocks.back());
    blocks.pop_back();
  }

  // Site line: a short heading-like line right after the title, followed by
  // a paragraph rather than a section (the seed's "Symptom Database").
  if (blocks.size() >= 2 && is_heading(blocks[0]) && !is_heading(blocks[1]) &&
      !classify_heading(blocks[0].joined())) {
    a.site = blocks[0].joined();
    blocks.erase(blocks.begin());
  }
  if (blocks.empty()) throw ParseError(file.name, title_line, "article has a title but no text");

  Section* section = nullptr;
  Item* open_item = nullptr;  // an item heading still waiting for its text
  int open_item_line = 0;
  for (const Block& b : blocks) {
    const std::string text = b.joined();
    if (is_heading(b)) {
      if (open_item)
        throw ParseError(file.name, open_item_line,
                         "heading '" + open_item->heading + "' has no text under it");
      if (auto type = classify_heading(text); type || !section) {
        a.sections.push_back({.type = type.value_or(SectionType::other), .heading = text});
        section = &a.sections.back();
      } else {
        section->items.push_back({text, {}});
        open_item = &section->items.back();
        open_item_line = b.first_line;
      }
      continue;
    }
    if (!section) {
      append_paragraph(a.introduction, text);
    } else if (open_item) {
      open_item->text = text;
      open_item = nullptr;
    } else if (!section->items.empty()) {
      if (b.blank_before >= 2)
        section->items.push_back({"", text});  // its heading was dropped
      else
        append_paragraph(section->items.back().text, text);
    } else if (!section->intro.empty() && (section->intro.back() == ':' || b.blank_before >= 2)) {
      section->items.push_back({"", text});
    } else {
      append_paragraph(section->intro, text);
    }
  }
  if (open_item)
    throw ParseError(file.name, open_item_line,
                     "heading '" + open_item->heading + "' has no text under it");

  // Condition and synonyms: stated in the introduction, else named by the title.
  if (!condition_from_intro(a.introduction, a.condition))
    a.condition.name = condition_from_title(a.title);
  if (a.condition.name.empty())
    throw ParseError(file.name, title_line, "cannot tell which condition the article is about");

  // Conclusion: the last headless paragraph, if it sums up.
  if (!a.sections.empty() && a.sections.back().type != SectionType::conclusion) {
    Section& last = a.sections.back();
    if (last.items.size() >= 2 && last.items.back().heading.empty() &&
        (mentions(last.items.back().text, a.condition) ||
         opens_conclusion(last.items.back().text))) {
      Section conclusion{.type = SectionType::conclusion, .intro = last.items.back().text};
      last.items.pop_back();
      a.sections.push_back(std::move(conclusion));
    } else if (!last.items.empty()) {
      // "In conclusion, ..." glued to the last item by a single blank line.
      std::string& t = last.items.back().text;
      auto p = t.rfind("\n\n");
      if (p != std::string::npos && opens_conclusion(t.substr(p + 2))) {
        Section conclusion{.type = SectionType::conclusion, .intro = t.substr(p + 2)};
        t.erase(p);
        a.sections.push_back(std::move(conclusion));
      }
    }
  }

  a.slug = a.condition.slug();
  if (a.slug.empty()) a.slug = slugify(a.title);
  if (auto problem = validate(a); !problem.empty())
    throw ParseError(file.name, title_line, problem);
  return a;
}

}  // namespace symptomdb::ingest
