#include "article_format/markdown_article.hpp"

#include <yaml-cpp/yaml.h>

#include <set>

#include <filesystem>

#include "core/error.hpp"
#include "core/slug.hpp"
#include "text/lines.hpp"

namespace symptomdb::article_format {

using text::SourceFile;
using text::split_lines;
using text::trim;
namespace {

// Front matter starts on line 2 of the file (line 1 is "---"); yaml-cpp
// counts lines from 0 within the block.
constexpr int kFrontMatterFirstLine = 2;

int file_line(const YAML::Mark& m) {
  return m.line < 0 ? 1 : m.line + kFrontMatterFirstLine;
}

class FrontMatter {
 public:
  FrontMatter(const SourceFile& file, const std::string& yaml) : file_(file) {
    try {
      root_ = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
      throw ParseError(file_.name, file_line(e.mark), "front matter: " + e.msg);
    }
    if (!root_.IsMap())
      throw ParseError(file_.name, kFrontMatterFirstLine,
                       "front matter must be a set of 'key: value' lines");
    static const std::set<std::string> kKnown = {
        "title",       "condition",          "synonyms", "slug",   "author",  "credential",
        "affiliation", "reviewed",           "license",  "sample", "sources", "site",
        "reviewed_by", "reviewer_credential"};
    for (const auto& kv : root_) {
      if (!kv.first.IsScalar())
        throw ParseError(file_.name, file_line(kv.first.Mark()),
                         "front-matter keys must be plain words");
      const auto key = kv.first.as<std::string>();
      if (!kKnown.count(key))
        throw ParseError(file_.name, file_line(kv.first.Mark()),
                         "unknown front-matter key '" + key + "'");
    }
  }

  std::string string(const char* key, bool required = false) const {
    const YAML::Node n = root_[key];
    if (!n || n.IsNull()) {
      if (required)
        throw ParseError(file_.name, kFrontMatterFirstLine,
                         std::string("front matter has no '") + key + "'");
      return {};
    }
    if (!n.IsScalar()) fail(n, std::string("'") + key + "' must be a single value");
    return n.as<std::string>();
  }

  std::vector<std::string> strings(const char* key) const {
    const YAML::Node n = root_[key];
    std::vector<std::string> out;
    if (!n || n.IsNull()) return out;
    if (n.IsScalar()) return {n.as<std::string>()};
    if (!n.IsSequence()) fail(n, std::string("'") + key + "' must be a list");
    for (const auto& v : n) {
      if (!v.IsScalar()) fail(v, std::string("'") + key + "' entries must be plain values");
      out.push_back(v.as<std::string>());
    }
    return out;
  }

  bool boolean(const char* key) const {
    const YAML::Node n = root_[key];
    if (!n || n.IsNull()) return false;
    try {
      return n.as<bool>();
    } catch (const YAML::Exception&) {
      fail(n, std::string("'") + key + "' must be true or false");
    }
  }

  std::vector<SourceRef> sources() const {
    const YAML::Node n = root_["sources"];
    std::vector<SourceRef> out;
    if (!n || n.IsNull()) return out;
    if (!n.IsSequence()) fail(n, "'sources' must be a list");
    for (const auto& v : n) {
      SourceRef ref;
      if (v.IsScalar()) {
        ref.url = v.as<std::string>();
      } else if (v.IsMap()) {
        for (const char* field : {"title", "url"})
          if (v[field] && !v[field].IsScalar())
            fail(v[field], std::string("a source's '") + field + "' must be a single value");
        if (v["title"]) ref.title = v["title"].as<std::string>();
        if (v["url"]) ref.url = v["url"].as<std::string>();
      } else {
        fail(v, "each source is a URL or has 'title' and 'url'");
      }
      if (!ref.url.empty() && !ref.url.starts_with("https://") && !ref.url.starts_with("http://"))
        fail(v, "source URL must start with http:// or https://");
      if (ref.title.empty() && ref.url.empty()) fail(v, "source has neither title nor url");
      out.push_back(std::move(ref));
    }
    return out;
  }

  int line_of(const char* key) const {
    const YAML::Node n = root_[key];
    return n ? file_line(n.Mark()) : kFrontMatterFirstLine;
  }

 private:
  [[noreturn]] void fail(const YAML::Node& n, const std::string& msg) const {
    throw ParseError(file_.name, file_line(n.Mark()), msg);
  }
  const SourceFile& file_;
  YAML::Node root_;
};

// Level of an ATX heading ("## Causes" -> 2), 0 when the line is not one.
int heading_level(std::string_view line, std::string_view& text) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == '#') ++n;
  if (n == 0 || n > 6) return 0;
  if (n < line.size() && line[n] != ' ' && line[n] != '\t') return 0;
  text = trim(line.substr(n));
  // Closing sequence: "## Causes ##".
  while (!text.empty() && text.back() == '#') text.remove_suffix(1);
  text = trim(text);
  return static_cast<int>(n);
}

// Collects the Markdown lines of one intro or item, trimming blank lines at
// both ends and folding runs of blank lines into one.
class TextBuffer {
 public:
  void add(std::string_view line) {
    if (trim(line).empty()) {
      pending_blank_ = !text_.empty();
      return;
    }
    if (!text_.empty()) text_ += pending_blank_ ? "\n\n" : "\n";
    pending_blank_ = false;
    text_.append(line);
  }
  std::string take() {
    pending_blank_ = false;
    return std::exchange(text_, {});
  }
  bool empty() const { return text_.empty(); }

 private:
  std::string text_;
  bool pending_blank_ = false;
};

}  // namespace

Article parse_markdown_article(const SourceFile& file) {
  const auto lines = split_lines(file.text);
  if (lines.empty() || trim(lines[0]) != "---")
    throw ParseError(file.name, 1, "expected a front-matter block starting with '---'");
  std::size_t close = 1;
  while (close < lines.size() && trim(lines[close]) != "---") ++close;
  if (close == lines.size()) throw ParseError(file.name, 1, "front-matter block is not closed");
  std::string yaml;
  for (std::size_t i = 1; i < close; ++i) {
    yaml.append(lines[i]);
    yaml.push_back('\n');
  }

  Article a;
  a.provenance.format = "markdown";
  // Only the file name: the server's paths are nobody else's business.
  a.provenance.source_file = std::filesystem::path(file.name).filename().string();
  // yaml-cpp reports conversion problems as exceptions of its own; any that
  // a check below does not catch first still becomes a FILE:LINE error.
  try {
    FrontMatter fm(file, yaml);
    a.title = fm.string("title", true);
    a.condition.name = fm.string("condition", true);
    a.condition.synonyms = fm.strings("synonyms");
    a.slug = fm.string("slug");
    if (a.slug.empty()) a.slug = a.condition.slug();
    if (!is_valid_slug(a.slug))
      throw ParseError(file.name, fm.line_of("slug"),
                       "slug '" + a.slug + "' must be lower-case letters, digits and '-'");
    a.author.name = fm.string("author");
    a.author.credential = fm.string("credential");
    a.author.affiliation = fm.string("affiliation");
    a.reviewed_on = fm.string("reviewed");
    a.reviewed_by.name = fm.string("reviewed_by");
    a.reviewed_by.credential = fm.string("reviewer_credential");
    a.license = fm.string("license");
    a.sample = fm.boolean("sample");
    a.sources = fm.sources();
    a.site = fm.string("site");
    if (a.author.name.empty() && (!a.author.credential.empty() || !a.author.affiliation.empty()))
      throw ParseError(file.name, fm.line_of("credential"),
                       "'credential' and 'affiliation' need an 'author'");
    if (a.reviewed_by.empty() && !a.reviewed_by.credential.empty())
      throw ParseError(file.name, fm.line_of("reviewer_credential"),
                       "'reviewer_credential' needs a 'reviewed_by'");
    if (!a.reviewed_by.empty() && a.reviewed_on.empty())
      throw ParseError(file.name, fm.line_of("reviewed_by"),
                       "'reviewed_by' needs the 'reviewed' date");
    if (!a.reviewed_on.empty() && !is_iso_date(a.reviewed_on))
      throw ParseError(file.name, fm.line_of("reviewed"),
                       "reviewed date '" + a.reviewed_on + "' is not YYYY-MM-DD");
  } catch (const YAML::Exception& e) {
    throw ParseError(file.name, file_line(e.mark), "front matter: " + e.msg);
  }

  TextBuffer buf;
  Section* section = nullptr;
  Item* item = nullptr;
  int block_line = static_cast<int>(close) + 1;  // where the current intro/item began
  bool in_fence = false;
  auto flush = [&] {
    std::string t = buf.take();
    if (item) {
      if (t.empty())
        throw ParseError(file.name, block_line,
                         "item '" + item->heading + "' has no text under it");
      item->text = std::move(t);
    } else if (section) {
      section->intro = std::move(t);
    } else {
      a.introduction = std::move(t);
    }
  };
  auto check_section_done = [&] {
    if (section && section->intro.empty() && section->items.empty())
      throw ParseError(file.name, block_line,
                       "section '" + section->display_heading() + "' has no text");
  };

  for (std::size_t i = close + 1; i < lines.size(); ++i) {
    const int line_no = static_cast<int>(i) + 1;
    const auto line = lines[i];
    const auto t = trim(line);
    if (t.starts_with("```") || t.starts_with("~~~")) in_fence = !in_fence;
    std::string_view htext;
    const int level = in_fence ? 0 : heading_level(t, htext);
    if (level == 1)
      throw ParseError(file.name, line_no, "'#' heading: the title belongs in the front matter");
    if (level == 2) {
      flush();
      check_section_done();
      if (htext.empty()) throw ParseError(file.name, line_no, "'##' section heading is empty");
      const auto type = classify_heading(htext).value_or(SectionType::other);
      // A heading that is just the type's label adds nothing: store it as
      // absent so that export and re-import give back the same article.
      std::string heading = htext == default_heading(type) ? "" : std::string(htext);
      a.sections.push_back({.type = type, .heading = std::move(heading)});
      section = &a.sections.back();
      item = nullptr;
      block_line = line_no;
    } else if (level == 3) {
      flush();
      if (!section)
        throw ParseError(file.name, line_no, "'###' item heading before any '##' section");
      section->items.push_back({std::string(htext), {}});
      item = &section->items.back();
      block_line = line_no;
    } else {
      buf.add(line);
    }
  }
  if (in_fence)
    throw ParseError(file.name, static_cast<int>(lines.size()), "code fence is not closed");
  flush();
  check_section_done();
  if (auto problem = validate(a); !problem.empty())
    throw ParseError(file.name, static_cast<int>(close) + 1, problem);
  return a;
}

}  // namespace symptomdb::article_format
