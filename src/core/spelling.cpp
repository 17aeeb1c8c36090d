#include "core/spelling.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <utility>

#include "core/fold.hpp"

namespace symptomdb {
namespace {

// Substring rewrites, tried in order. Each is specific enough not to touch
// ordinary words ("exercise" keeps its "ise"; only "-isation" changes).
constexpr std::array<std::pair<std::string_view, std::string_view>, 27> kVariants = {{
    {"aemia", "emia"},   {"aemic", "emic"},     {"haem", "hem"},           {"oesoph", "esoph"},
    {"oedem", "edem"},   {"oestr", "estr"},     {"diarrhoe", "diarrhe"},   {"rrhoea", "rrhea"},
    {"pnoea", "pnea"},   {"paed", "ped"},       {"coeliac", "celiac"},     {"foetal", "fetal"},
    {"foetus", "fetus"}, {"aetiol", "etiol"},   {"gynaec", "gynec"},       {"anaesth", "anesth"},
    {"caesar", "cesar"}, {"tumour", "tumor"},   {"behaviour", "behavior"}, {"colour", "color"},
    {"fibre", "fiber"},  {"centre", "center"},  {"ageing", "aging"},       {"isation", "ization"},
    {"sulph", "sulf"},   {"leukaem", "leukem"}, {"ischaem", "ischem"},
}};

}  // namespace

std::string american_spelling(std::string_view word) {
  std::string w(word);
  for (const auto& [from, to] : kVariants) {
    for (auto pos = w.find(from); pos != std::string::npos; pos = w.find(from, pos + to.size()))
      w.replace(pos, from.size(), to);
  }
  return w;
}

std::string condition_key(std::string_view name) {
  const std::string folded = fold_text(name);
  std::string key, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!key.empty()) key.push_back('-');
    key += american_spelling(word);
    word.clear();
  };
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const auto c = static_cast<unsigned char>(folded[i]);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word.push_back(static_cast<char>(c));
    } else if (c == '\'') {
      // "parkinson's" -> "parkinson"; "alzheimer's" -> "alzheimer".
      if (i + 1 < folded.size() && folded[i + 1] == 's' &&
          (i + 2 >= folded.size() || !std::isalnum(static_cast<unsigned char>(folded[i + 2]))))
        ++i;
    } else {
      flush();
    }
  }
  flush();
  return key;
}

}  // namespace symptomdb

namespace symptomdb {

EnglishWords EnglishWords::from_file(const std::string& path) {
  EnglishWords out;
  std::ifstream in(path);
  if (!in) return out;
  out.path_ = path;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Lower-case words only: capitalised entries are names, and "'s" forms
    // add nothing a question's folded words could use.
    const bool plain = !line.empty() && std::all_of(line.begin(), line.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || c == '-';
    });
    if (plain) {
      out.words_.insert(line);
      continue;
    }
    // "Mongolia", "Atkins": a capital first, then lower-case letters.
    const bool name = line.size() > 1 && line.front() >= 'A' && line.front() <= 'Z' &&
                      std::all_of(line.begin() + 1, line.end(),
                                  [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
    if (name) {
      line.front() = static_cast<char>(line.front() - 'A' + 'a');
      out.names_.insert(line);
    }
  }
  return out;
}

EnglishWords EnglishWords::installed() {
  for (const char* path : {"/usr/share/dict/american-english", "/usr/share/dict/words"}) {
    auto words = from_file(path);
    if (words.size() > 0) return words;
  }
  return {};
}

bool EnglishWords::contains(std::string_view folded_word) const {
  return words_.count(std::string(folded_word)) > 0;
}

bool EnglishWords::contains_name(std::string_view folded_word) const {
  return names_.count(std::string(folded_word)) > 0;
}

}  // namespace symptomdb
