#include "ingest/hpoa.hpp"

#include <algorithm>
#include <array>

#include "core/error.hpp"
#include "ingest/hpo_json.hpp"

namespace symptomdb::ingest {

namespace {

constexpr std::size_t kColumns = 12;
constexpr std::array<std::string_view, kColumns> kHeader = {
    "database_id", "disease_name", "qualifier", "hpo_id",   "reference", "evidence",
    "onset",       "frequency",    "sex",       "modifier", "aspect",    "biocuration"};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// "OMIM:619340", "ORPHA:558", "DECIPHER:1": a prefix, a colon, a local id.
bool is_curie(std::string_view s) {
  auto colon = s.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon + 1 == s.size()) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    char c = s[i];
    if (!(is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-'))
      return false;
  }
  return std::none_of(s.begin() + static_cast<long>(colon) + 1, s.end(),
                      [](char c) { return c == ' ' || c == '\t'; });
}

bool is_hpo_id(std::string_view s) {
  return s.size() == 10 && s.starts_with("HP:") && std::all_of(s.begin() + 3, s.end(), is_digit);
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

// Splits at tabs into `cols`; returns how many fields the line has (which may
// exceed kColumns; only the first kColumns are stored).
std::size_t split_tabs(std::string_view line, std::array<std::string_view, kColumns>& cols) {
  std::size_t n = 0, start = 0;
  while (true) {
    auto tab = line.find('\t', start);
    auto field =
        line.substr(start, tab == std::string_view::npos ? line.size() - start : tab - start);
    if (n < kColumns) cols[n] = field;
    ++n;
    if (tab == std::string_view::npos) return n;
    start = tab + 1;
  }
}

}  // namespace

ontology::AnnotationRecords parse_hpoa(std::string_view text, const std::string& file) {
  ontology::AnnotationRecords out;
  out.source = file;
  out.rows.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));

  bool header_seen = false;
  int line_no = 0;
  std::array<std::string_view, kColumns> c;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto fail = [&](const std::string& message) { throw ParseError(file, line_no, message); };

    if (line.starts_with("#")) {
      // "#version: 2025-05-06"; other "#" lines are description and tracker.
      auto colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      auto key = line.substr(1, colon - 1);
      auto value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      if (key == "version")
        out.version = std::string(value);
      else if (key == "hpo-version")
        out.hpo_version = release_version(value);
      continue;
    }
    if (line.empty()) continue;
    const auto n = split_tabs(line, c);
    if (!header_seen) {
      if (n != kColumns || !std::equal(kHeader.begin(), kHeader.end(), c.begin()))
        fail("expected the column header row \"database_id\\tdisease_name\\t...\\tbiocuration\"");
      header_seen = true;
      continue;
    }
    if (n != kColumns)
      fail("expected " + std::to_string(kColumns) + " tab-separated columns, found " +
           std::to_string(n));

    ontology::Annotation a;
    if (!is_curie(c[0])) fail("database_id \"" + std::string(c[0]) + "\" is not PREFIX:ID");
    if (c[2] == "NOT")
      a.negated = true;
    else if (!c[2].empty())
      fail("unknown qualifier \"" + std::string(c[2]) + "\" (NOT or empty)");
    if (!is_hpo_id(c[3])) fail("hpo_id \"" + std::string(c[3]) + "\" is not HP:nnnnnnn");
    if (!c[7].empty() && !ontology::frequency_value(c[7]))
      fail("frequency \"" + std::string(c[7]) +
           "\" is not an HPO frequency term, n/m or a percentage");
    if (!c[8].empty() && !iequals(c[8], "MALE") && !iequals(c[8], "FEMALE"))
      fail("sex \"" + std::string(c[8]) + "\" is not MALE, FEMALE or empty");
    if (c[10].size() != 1 || std::string_view("PICMH").find(c[10][0]) == std::string_view::npos)
      fail("unknown aspect \"" + std::string(c[10]) + "\" (P, I, C, M or H)");
    a.disease_id = c[0];
    a.disease_name = c[1];
    a.term_id = c[3];
    a.reference = c[4];
    a.evidence = c[5];
    a.onset = c[6];
    a.frequency = c[7];
    a.sex = c[8];
    a.modifier = c[9];
    a.aspect = c[10][0];
    a.biocuration = c[11];
    out.rows.push_back(std::move(a));
  }
  if (!header_seen) throw ParseError(file, line_no, "no column header row (and no annotations)");
  return out;
}

}  // namespace symptomdb::ingest
