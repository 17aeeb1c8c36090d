#include "ingest/hpo_obo.hpp"

#include <cctype>
#include <optional>

#include "core/error.hpp"
#include "ingest/hpo_json.hpp"

namespace symptomdb::ingest {

namespace {

using ontology::SynonymScope;

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim_ws(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view prefix_of(std::string_view id) {
  return id.substr(0, id.find(':'));
}

class OboReader {
 public:
  OboReader(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  ontology::OntologyRecords read() {
    out_.source = file_;
    std::size_t start = 0;
    while (start < text_.size()) {
      auto end = text_.find('\n', start);
      if (end == std::string_view::npos) end = text_.size();
      ++line_;
      line(text_.substr(start, end - start));
      start = end + 1;
    }
    finish_stanza();
    return std::move(out_);
  }

 private:
  enum class Section { header, term, other };

  [[noreturn]] void fail(const std::string& message) const {
    throw ParseError(file_, line_, message);
  }

  void line(std::string_view l) {
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    l = trim_ws(l);
    if (l.empty() || l.front() == '!') return;
    if (l.front() == '[') {
      if (l.back() != ']') fail("malformed stanza header \"" + std::string(l) + "\"");
      finish_stanza();
      section_ = l == "[Term]" ? Section::term : Section::other;
      if (section_ == Section::term) {
        term_.emplace();
        stanza_line_ = line_;
      }
      return;
    }
    auto colon = l.find(':');
    if (colon == std::string_view::npos || colon == 0)
      fail("expected \"tag: value\", got \"" + std::string(l) + "\"");
    auto tag = l.substr(0, colon);
    auto value = trim_ws(l.substr(colon + 1));
    if (section_ == Section::header)
      header_tag(tag, value);
    else if (section_ == Section::term)
      term_tag(tag, value);
  }

  void header_tag(std::string_view tag, std::string_view value) {
    if (tag == "data-version") {
      out_.version = release_version(unquoted(value));
    } else if (tag == "ontology") {
      own_prefix_.clear();
      for (char c : unquoted(value))
        own_prefix_ += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }

  void term_tag(std::string_view tag, std::string_view value) {
    auto& t = *term_;
    if (tag == "id") {
      if (!t.id.empty()) fail("stanza has a second id");
      t.id = single_token(value);
    } else if (tag == "name") {
      t.label = unquoted(value);
    } else if (tag == "def") {
      std::size_t pos = 0;
      t.definition = quoted(value, pos);
    } else if (tag == "comment") {
      if (!t.comment.empty()) t.comment += '\n';
      t.comment += unquoted(value);
    } else if (tag == "synonym") {
      t.synonyms.push_back(synonym(value));
    } else if (tag == "alt_id") {
      t.alt_ids.push_back(single_token(value));
    } else if (tag == "xref") {
      t.xrefs.push_back(single_token(value));
    } else if (tag == "is_a") {
      t.parents.push_back(single_token(value));
    } else if (tag == "is_obsolete") {
      auto v = unquoted(value);
      if (v != "true" && v != "false") fail("is_obsolete must be true or false, not \"" + v + "\"");
      t.obsolete = v == "true";
    } else if (tag == "replaced_by") {
      t.replaced_by = single_token(value);
    }
    // Other tags (subset, created_by, property_value, relationship, ...) say
    // nothing the records hold.
  }

  void finish_stanza() {
    if (!term_) return;
    auto t = std::move(*term_);
    term_.reset();
    if (t.id.empty()) throw ParseError(file_, stanza_line_, "[Term] stanza has no id");
    // The file's own terms only, as parse_obographs_json keeps them.
    if (!own_prefix_.empty() && prefix_of(t.id) != own_prefix_) return;
    out_.terms.push_back(std::move(t));
  }

  // A value's text up to an unescaped "!" comment or "{...}" trailing
  // modifier, with OBO escapes resolved.
  std::string unquoted(std::string_view v) const {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
      char c = v[i];
      if (c == '\\' && i + 1 < v.size()) {
        out += unescape(v[++i]);
      } else if (c == '!' || (c == '{' && v.back() == '}')) {
        break;
      } else {
        out += c;
      }
    }
    return std::string(trim_ws(out));
  }

  // Ids: the first word of the value ("HP:0000001 ! All" -> "HP:0000001").
  std::string single_token(std::string_view v) const {
    auto s = unquoted(v);
    auto end = s.find_first_of(" \t");
    if (end != std::string::npos) s.resize(end);
    if (s.empty()) fail("missing value");
    return s;
  }

  static char unescape(char c) {
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'W':
        return ' ';
      default:
        return c;  // \" \\ \! \: \{ ... stand for themselves
    }
  }

  // A "..." string starting at v[pos]; leaves pos just past the closing quote.
  std::string quoted(std::string_view v, std::size_t& pos) const {
    if (pos >= v.size() || v[pos] != '"') fail("expected a quoted string");
    std::string out;
    for (++pos; pos < v.size(); ++pos) {
      char c = v[pos];
      if (c == '\\' && pos + 1 < v.size()) {
        out += unescape(v[++pos]);
      } else if (c == '"') {
        ++pos;
        return out;
      } else {
        out += c;
      }
    }
    fail("unterminated quoted string");
  }

  // synonym: "text" SCOPE [TYPE] [xrefs] {modifiers}
  ontology::Synonym synonym(std::string_view v) const {
    ontology::Synonym s;
    std::size_t pos = 0;
    s.text = quoted(v, pos);
    auto rest = trim_ws(v.substr(pos));
    auto word = [&rest]() {
      std::size_t end = 0;
      while (end < rest.size() && !is_space(rest[end])) ++end;
      auto w = rest.substr(0, end);
      rest = trim_ws(rest.substr(end));
      return w;
    };
    auto scope = word();
    if (scope == "EXACT")
      s.scope = SynonymScope::exact;
    else if (scope == "RELATED")
      s.scope = SynonymScope::related;
    else if (scope == "BROAD")
      s.scope = SynonymScope::broad;
    else if (scope == "NARROW")
      s.scope = SynonymScope::narrow;
    else
      fail("unknown synonym scope \"" + std::string(scope) + "\"");
    if (!rest.empty() && rest.front() != '[' && rest.front() != '{' && rest.front() != '!')
      s.layperson = word() == "layperson";
    return s;
  }

  std::string_view text_;
  const std::string& file_;
  int line_ = 0;
  int stanza_line_ = 0;
  Section section_ = Section::header;
  std::string own_prefix_;
  std::optional<ontology::TermRecord> term_;
  ontology::OntologyRecords out_;
};

}  // namespace

ontology::OntologyRecords parse_obo(std::string_view text, const std::string& file) {
  return OboReader(text, file).read();
}

}  // namespace symptomdb::ingest
