#include "infobutton/code_system.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/embedded.hpp"

namespace symptomdb::infobutton {
namespace {

constexpr std::string_view kTable = "src/infobutton/data/code_systems.tsv";

std::optional<Lookup> lookup_of(std::string_view key) {
  if (key == "umls") return Lookup::umls;
  if (key == "snomed_ct") return Lookup::snomed_ct;
  if (key == "hpo") return Lookup::hpo;
  if (key == "omim") return Lookup::omim;
  if (key == "orphanet") return Lookup::orphanet;
  if (key == "-") return Lookup::none;
  return std::nullopt;
}

// Identifiers compare without case and without a trailing slash: clients
// write "http://snomed.info/sct/" and "SNOMEDCT" as readily as the canonical form.
std::string key_of(std::string_view id) {
  while (!id.empty() && id.back() == '/') id.remove_suffix(1);
  std::string out(id);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

// Strips a case-insensitive prefix ("HP:", "hp_", "Orphanet_") if present.
std::string_view strip_prefix(std::string_view code, std::initializer_list<std::string_view> ps) {
  for (auto p : ps) {
    if (code.size() > p.size() && std::equal(p.begin(), p.end(), code.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        }))
      return code.substr(p.size());
  }
  return code;
}

}  // namespace

std::optional<CodeSystem> identify(std::string_view cs) {
  if (cs.empty() || cs.size() > 200) return std::nullopt;
  if (std::any_of(cs.begin(), cs.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; }))
    return std::nullopt;
  std::string_view bare = cs;
  if (bare.size() > 8 && key_of(bare.substr(0, 8)) == "urn:oid:") bare.remove_prefix(8);
  const std::string wanted = key_of(bare);
  for (const auto& row : embedded_table(kTable)) {
    if (row.size() < 3) continue;
    bool match = key_of(row[2]) == wanted;
    if (!match && row.size() > 3) {
      std::string_view rest = row[3];
      while (!match && !rest.empty()) {
        const auto comma = rest.find(',');
        match = key_of(rest.substr(0, comma)) == wanted;
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      }
    }
    if (!match) continue;
    const auto lookup = lookup_of(row[0]);
    if (!lookup) continue;  // a malformed row cannot claim a system
    return CodeSystem{*lookup, std::string(row[1]), std::string(row[2]), true};
  }
  return CodeSystem{Lookup::none, std::string(cs), std::string(cs), false};
}

std::optional<std::string> normalise_code(Lookup system, std::string_view code) {
  while (!code.empty() && code.front() == ' ') code.remove_prefix(1);
  while (!code.empty() && code.back() == ' ') code.remove_suffix(1);
  if (code.empty() || code.size() > 40) return std::nullopt;
  switch (system) {
    case Lookup::umls: {
      code = strip_prefix(code, {"UMLS:"});
      if (code.size() != 8 || (code[0] != 'C' && code[0] != 'c') || !all_digits(code.substr(1)))
        return std::nullopt;
      std::string cui(code);
      cui[0] = 'C';
      return cui;
    }
    case Lookup::snomed_ct: {
      code = strip_prefix(code, {"SNOMEDCT_US:", "SNOMEDCT:", "SCTID:"});
      // SNOMED CT identifiers are 6 to 18 digits, never starting with 0.
      if (!all_digits(code) || code.size() < 6 || code.size() > 18 || code[0] == '0')
        return std::nullopt;
      return std::string(code);
    }
    case Lookup::hpo: {
      code = strip_prefix(code, {"HP:", "HP_"});
      if (code.size() != 7 || !all_digits(code)) return std::nullopt;
      return "HP:" + std::string(code);
    }
    case Lookup::omim: {
      code = strip_prefix(code, {"OMIM:", "MIM:"});
      if (code.size() != 6 || !all_digits(code)) return std::nullopt;
      return "OMIM:" + std::string(code);
    }
    case Lookup::orphanet: {
      code = strip_prefix(code, {"ORPHA:", "Orphanet_", "Orphanet:", "ORPHA"});
      if (!all_digits(code) || code.size() > 7 || code[0] == '0') return std::nullopt;
      return "ORPHA:" + std::string(code);
    }
    case Lookup::none:
      return std::string(code);
  }
  return std::nullopt;
}

std::string_view code_shape(Lookup system) {
  switch (system) {
    case Lookup::umls:
      return "a UMLS CUI is C followed by 7 digits, e.g. C0020538";
    case Lookup::snomed_ct:
      return "a SNOMED CT concept id is 6 to 18 digits, e.g. 38341003";
    case Lookup::hpo:
      return "an HPO term id is HP: and 7 digits, e.g. HP:0000822";
    case Lookup::omim:
      return "an OMIM number is 6 digits, e.g. 154700";
    case Lookup::orphanet:
      return "an ORPHAcode is a number of up to 7 digits, e.g. 558";
    case Lookup::none:
      break;
  }
  return "";
}

}  // namespace symptomdb::infobutton
