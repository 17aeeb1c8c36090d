#include "qa/message.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <initializer_list>
#include <iterator>
#include <string>

#include "text/normalize.hpp"

namespace symptomdb::qa {
namespace {

bool letter(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

// Words that open a question when they open a sentence ("can it spread",
// "is there a cure"), and phrases that ask anywhere in it.
constexpr std::string_view kQuestionOpeners[] = {
    "what",  "whats",  "how",     "why",   "when",  "where", "which",  "who",    "whom",
    "whose", "is",     "are",     "can",   "could", "does",  "do",     "did",    "should",
    "will",  "would",  "may",     "might", "has",   "have",  "was",    "were",   "shall",
    "tell",  "please", "explain", "any",   "need",  "help",  "advise", "kindly", "looking"};
constexpr std::string_view kAskingPhrases[] = {
    "want to know",    "like to know",     "wish to know",      "need to know",   "wanted to know",
    "wondering",       "wonder if",        "wonder what",       "wonder whether", "i wonder",
    "want to ask",     "like to ask",      "wanted to ask",     "let me know",    "tell me",
    "tell us",         "inform me",        "advise me",         "advice on",      "advice about",
    "advise on",       "information on",   "information about", "info on",        "info about",
    "any information", "please help",      "can you help",      "could you help", "looking for",
    "need help",       "need information", "questions about",   "question about", "my question",
    "suggest me",      "what to do",       "what can",          "how can",        "how do",
    "how to",          "please send",      "please provide",    "provide me",     "know if",
    "know whether",    "know what",        "know how",          "know why",       "answer to",
    "curious",         "trying to find"};
// Requests that ask without a question mark ("please suggest on this",
// "I would appreciate your expert information").
constexpr std::string_view kRequests[] = {
    "please suggest", "suggestions",      "suggestion",     "would appreciate", "appreciate any",
    "appreciated if", "interested in",    "can u",          "could u",          "hope you can",
    "kindly help",    "please clarify",   "please explain", "any advice",       "need advice",
    "advice me",      "more information", "more info",      "would like",       "my concern",
    "is it okay",     "is it ok",         "is it safe",     "is it true"};
// Sentences that only greet, thank or sign.
constexpr std::string_view kFormalities[] = {
    "hello",          "hi",           "dear",         "thank",   "thanks",    "thanking",
    "regards",        "sincerely",    "best",         "yours",   "greetings", "good morning",
    "good afternoon", "good evening", "respectfully", "cheers",  "god bless", "kind regards",
    "many thanks",    "appreciate",   "name",         "contact", "email",     "phone",
    "location",       "sir",          "madam",        "to whom"};

bool starts_with_word(std::string_view s, std::string_view w) {
  return s.starts_with(w) && (s.size() == w.size() || !letter(s[w.size()]));
}

// A comma at `i` followed by a space and a capitalised question word (a wh-
// word or an auxiliary that opens a question: "Is", "What", "Can"), in the
// message as written; `folded` is the same text folded to lower case.
bool comma_opens_question(std::string_view question, std::string_view folded, std::size_t i) {
  constexpr std::string_view kOpeners[] = {
      "what", "how", "why", "when",   "where", "which", "who", "is",  "are",  "can", "could",
      "does", "do",  "did", "should", "will",  "would", "may", "has", "have", "was", "were"};
  if (folded.size() != question.size() || i + 2 >= question.size() || folded[i + 1] != ' ' ||
      !std::isupper(static_cast<unsigned char>(question[i + 2])))
    return false;
  const std::string_view rest = folded.substr(i + 2);
  for (auto w : kOpeners)
    if (starts_with_word(rest, w)) return true;
  return false;
}

// "Is there a cure", "are there any trials" ask; "the shaking is there & no
// one else has it", "phantom feelings are there." tell: the phrase asks
// only when something follows it in the sentence that is not a new clause.
bool asks_whether_there_is(std::string_view s) {
  constexpr std::string_view kClauseWords[] = {"and",  "but",   "or",    "so",      "every",
                                               "all",  "since", "still", "weather", "now",
                                               "when", "at",    "in",    "too",     "always"};
  for (std::string_view p : {"is there", "are there"})
    for (auto pos = s.find(p); pos != std::string_view::npos; pos = s.find(p, pos + 1)) {
      if (pos > 0 && letter(s[pos - 1])) continue;
      std::size_t i = pos + p.size();
      if (i < s.size() && letter(s[i])) continue;  // "is therefore"
      while (i < s.size() && s[i] == ' ') ++i;
      if (i == s.size() || !letter(s[i])) continue;  // "... is there." / "is there &"
      std::size_t j = i;
      while (j < s.size() && letter(s[j])) ++j;
      const std::string_view next = s.substr(i, j - i);
      if (std::find(std::begin(kClauseWords), std::end(kClauseWords), next) ==
          std::end(kClauseWords))
        return true;
    }
  return false;
}

bool contains_phrase(std::string_view s, std::string_view p) {
  for (auto pos = s.find(p); pos != std::string_view::npos; pos = s.find(p, pos + 1)) {
    const bool left = pos == 0 || !letter(s[pos - 1]);
    const bool right = pos + p.size() == s.size() || !letter(s[pos + p.size()]);
    if (left && right) return true;
  }
  return false;
}

// Strips a web form's field label from the start of a sentence; says
// whether there was one.
bool strip_form_label(std::string_view& text) {
  for (std::string_view label : {"message:", "subject:", "question:", "comments:", "comment:"})
    if (text.starts_with(label)) {
      std::string_view rest = text.substr(label.size());
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      if (rest.empty()) return false;  // the label alone: a line of its own
      text = rest;
      return true;
    }
  return false;
}

// Is the text at `at` (just after a dot) a web domain's ending ("gov",
// "com", "org", "net", "edu") followed by no letter?
bool domain_ending_at(std::string_view text, std::size_t at) {
  for (std::string_view d : {"gov", "com", "org", "net", "edu"})
    if (text.substr(at).starts_with(d) &&
        (at + d.size() == text.size() || !letter(text[at + d.size()])))
      return true;
  return false;
}

// Does the text open with a web address: a word, a dot and a domain ending
// ("clinicaltrials.gov", "www.example.com")?
bool opens_with_web_address(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (letter(text[i]) || text[i] == '.' || text[i] == '-' ||
                             std::isdigit(static_cast<unsigned char>(text[i]))))
    ++i;
  const std::string_view word = text.substr(0, i);
  const auto dot = word.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  return domain_ending_at(word, dot + 1);
}

}  // namespace

bool opens_formality(std::string_view folded_word) {
  return std::find(std::begin(kFormalities), std::end(kFormalities), folded_word) !=
         std::end(kFormalities);
}

double role_weight(SentenceRole role) {
  switch (role) {
    case SentenceRole::ask:
      return 1.0;
    case SentenceRole::subject:
      return 0.9;
    case SentenceRole::context:
      return 0.4;
    case SentenceRole::formality:
      return 0.2;
  }
  return 0.55;
}

void read_short_names_in_full(std::vector<FocusMatch>& matches,
                              const std::vector<text::Term>& terms,
                              const std::vector<double>& token_weight,
                              const std::function<bool(std::size_t)>& has_answers) {
  auto content = [&](const FocusMatch& m) {
    std::vector<std::string_view> stems;
    for (std::size_t k = m.begin; k < m.end && k < terms.size(); ++k)
      if (!text::is_stopword(terms[k].surface)) stems.push_back(terms[k].stem);
    std::sort(stems.begin(), stems.end());
    stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
    return stems;
  };
  auto place = [&](const FocusMatch& m) {
    double w = 0;
    for (std::size_t k = m.begin; k < m.end && k < token_weight.size(); ++k)
      w = std::max(w, token_weight[k]);
    return w;
  };
  auto last_content = [&](const FocusMatch& m) {
    for (std::size_t k = std::min(m.end, terms.size()); k-- > m.begin;)
      if (!text::is_stopword(terms[k].surface)) return std::string_view(terms[k].stem);
    return std::string_view();
  };
  std::vector<std::vector<std::string_view>> words;
  words.reserve(matches.size());
  for (const auto& m : matches) words.push_back(content(m));
  const std::vector<FocusMatch> before = matches;
  for (std::size_t i = 0; i < before.size(); ++i) {
    const auto& short_name = before[i];
    if (!short_name.asked || words[i].empty()) continue;
    for (std::size_t j = 0; j < before.size(); ++j) {
      const auto& full = before[j];
      if (full.condition == short_name.condition || (full.asked && full.score >= short_name.score))
        continue;
      if (has_answers && !has_answers(full.condition) && has_answers(short_name.condition))
        continue;
      // The same head word, more closely said ("shoulder pain" for "pain"),
      // not another thing the word is part of ("pain killers").
      if (last_content(full) != last_content(short_name)) continue;
      if (full.begin < short_name.end && short_name.begin < full.end) continue;  // same place
      if (words[j].size() <= words[i].size() ||
          !std::includes(words[j].begin(), words[j].end(), words[i].begin(), words[i].end()))
        continue;
      const double from = place(full), to = place(short_name);
      if (from <= 0 || to < from) continue;
      auto& m = matches[j];
      // It also stands for each place the short name is read, so it is worth
      // at least as much.
      m.score = std::max({m.score, full.score * to / from, std::nextafter(short_name.score, 1e9)});
      m.asked = true;
    }
  }
}

namespace {

// The words of the message a match was read from, stop words left out.
std::size_t content_words(const FocusMatch& m, const std::vector<text::Term>& terms) {
  std::size_t n = 0;
  for (std::size_t k = m.begin; k < m.end && k < terms.size(); ++k)
    n += text::is_stopword(terms[k].surface) ? 0 : 1;
  return n;
}

}  // namespace

bool is_lay_word(const FocusMatch& m, const std::vector<text::Term>& terms) {
  return content_words(m, terms) <= 1 &&
         (m.kind == NameKind::synonym || m.kind == NameKind::alias ||
          m.kind == NameKind::phenotype);
}

void prefer_subject_names(std::vector<FocusMatch>& matches, const std::vector<text::Term>& terms,
                          const std::vector<SentenceRole>& role) {
  auto lay_word = [&](const FocusMatch& m) { return is_lay_word(m, terms); };
  auto in_subject = [&](const FocusMatch& m) {
    if (m.begin >= m.end) return false;
    for (std::size_t k = m.begin; k < m.end; ++k)
      if (k >= role.size() || role[k] != SentenceRole::subject) return false;
    return true;
  };
  // The lay word may be the subject line's own word too ("Lipids" as a
  // title, "lipids" in the question): then it names what is asked.
  auto word_in_subject = [&](const FocusMatch& m) {
    for (std::size_t j = m.begin; j < m.end && j < terms.size(); ++j) {
      if (text::is_stopword(terms[j].surface)) continue;
      for (std::size_t k = 0; k < terms.size() && k < role.size(); ++k)
        if (role[k] == SentenceRole::subject && terms[k].stem == terms[j].stem) return true;
    }
    return false;
  };
  // A name more specific than one lay word: one of several words, or an
  // abbreviation ("Absence seizures", "SCA3"), not one ordinary word.
  auto specific = [&](const FocusMatch& m) {
    return m.kind == NameKind::abbreviation || content_words(m, terms) >= 2;
  };
  // The matches as they will be ranked: asked first, then by score.
  std::vector<std::size_t> order(matches.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (matches[a].asked != matches[b].asked) return matches[a].asked;
    return matches[a].score > matches[b].score;
  });
  // Walk down from the top past lay readings of the body; the first other
  // reading decides: a subject-line name is raised above them.
  std::size_t lay = 0;
  for (std::size_t i : order) {
    const auto& m = matches[i];
    if (!in_subject(m) && lay_word(m) && !word_in_subject(m)) {
      ++lay;
      continue;
    }
    if (lay > 0 && in_subject(m) && specific(m)) {
      matches[i].score = std::nextafter(matches[order.front()].score, 1e9);
      matches[i].asked = true;
    }
    return;
  }
}

bool named_as_topic(const FocusMatch& m, const std::vector<FocusMatch>& matches,
                    const std::vector<text::Term>& terms) {
  std::size_t k = m.begin;
  if (k >= terms.size()) return false;
  // The whole of what follows "about", not its first word: not a word that
  // goes on into another name ("about esophageal candidiasis", "about
  // drinking wine", "about the rare disease, Ochoa syndrome"), nor the
  // first of two named together ("about arrhythmia and fibromyalgia").
  if (m.end < terms.size() && (terms[m.end].surface == "and" || terms[m.end].surface == "or"))
    return false;
  if (std::any_of(matches.begin(), matches.end(),
                  [&](const FocusMatch& x) { return x.begin == m.end; }))
    return false;
  // "about the MMR vaccine", "about my CMT": one word that points between.
  static constexpr std::string_view kPointers[] = {"the",   "a",   "an",   "my",   "his",  "her",
                                                   "their", "our", "your", "this", "these"};
  if (k > 0 && std::find(std::begin(kPointers), std::end(kPointers), terms[k - 1].surface) !=
                   std::end(kPointers))
    --k;
  if (k < 2 || terms[k - 1].surface != "about") return false;
  // The words that make what follows "about" the topic asked about.
  static constexpr std::string_view kTopicWords[] = {
      "question", "questions", "ask",       "asking",  "inquire", "inquiring",
      "inquiry",  "enquire",   "enquiring", "enquiry", "know",    "information",
      "info",     "learn",     "wondering", "curious"};
  return std::find(std::begin(kTopicWords), std::end(kTopicWords), terms[k - 2].surface) !=
         std::end(kTopicWords);
}

void prefer_named_topics(std::vector<FocusMatch>& matches, const std::vector<text::Term>& terms) {
  if (matches.size() < 2 || named_as_topic(matches.front(), matches, terms)) return;
  for (std::size_t i = 1; i < matches.size(); ++i) {
    if (matches[i].asked != matches.front().asked) break;
    if (named_as_topic(matches[i], matches, terms)) {
      std::rotate(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(i),
                  matches.begin() + static_cast<std::ptrdiff_t>(i + 1));
      return;
    }
  }
}

bool named_as_a_guessed_cause(const FocusMatch& m, const std::vector<text::Term>& terms) {
  auto word = [&](std::size_t k) -> std::string_view {
    return k < terms.size() ? std::string_view(terms[k].surface) : std::string_view();
  };
  auto one_of = [](std::string_view w, std::initializer_list<std::string_view> words) {
    return std::find(words.begin(), words.end(), w) != words.end();
  };
  std::size_t k = m.begin;
  if (k == 0 || k > terms.size()) return false;
  // "could this be an infection", "is it from my medicine": one word that
  // points may come between.
  if (one_of(word(k - 1), {"a", "an", "the", "my", "his", "her", "their", "your", "our"})) --k;
  // "due to", "caused by", "because of", "from", "a sign of", "a symptom of".
  if (k >= 2 && ((word(k - 2) == "due" && word(k - 1) == "to") ||
                 (word(k - 2) == "caused" && word(k - 1) == "by") ||
                 (word(k - 2) == "because" && word(k - 1) == "of"))) {
    k -= 2;
  } else if (k >= 1 && word(k - 1) == "from") {
    k -= 1;
  } else if (k >= 2 && word(k - 1) == "of" &&
             one_of(word(k - 2), {"sign", "signs", "symptom", "symptoms"})) {
    k -= 2;
    if (k >= 1 && word(k - 1) == "a") --k;
  }
  if (k < 2) return false;
  // The pronoun points back to what the message tells: "this", "it",
  // "these", "they" (not "that", which also opens a clause: "is that
  // foreign objects ...").
  const auto pronoun = [&](std::size_t at) {
    return one_of(word(at), {"this", "it", "these", "they"});
  };
  // "could this be", "can it be", "might these be" ...
  if (k >= 3 && word(k - 1) == "be" && pronoun(k - 2) &&
      one_of(word(k - 3), {"could", "can", "might", "may", "would"}))
    return true;
  // ... or "is this", "is it", "are these", "was it".
  return pronoun(k - 1) && one_of(word(k - 2), {"is", "are", "was", "were"});
}

void put_guessed_causes_after(std::vector<FocusMatch>& matches,
                              const std::vector<text::Term>& terms) {
  if (matches.size() < 2 || !named_as_a_guessed_cause(matches.front(), terms)) return;
  const FocusMatch& guess = matches.front();
  for (std::size_t i = 1; i < matches.size(); ++i) {
    const FocusMatch& told = matches[i];
    if (told.asked != guess.asked) break;
    if (told.condition == guess.condition || told.begin >= guess.begin) continue;
    std::rotate(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(i),
                matches.begin() + static_cast<std::ptrdiff_t>(i + 1));
    return;
  }
}

bool describes_the_people_asked_about(const FocusMatch& m, const std::vector<text::Term>& terms) {
  if (m.end != m.begin + 1 || m.end >= terms.size()) return false;
  // An adjective ("postmenopausal", "diabetic", "pregnant", "nervous"), not
  // a noun ("cancer patients" are people with cancer, asked about as such).
  const std::string_view w = terms[m.begin].surface;
  const bool adjective = w.size() > 5 && (w.ends_with("al") || w.ends_with("ic") ||
                                          w.ends_with("ant") || w.ends_with("ous"));
  if (!adjective) return false;
  static constexpr std::string_view kPeople[] = {
      "women",   "woman",  "men",      "man",     "patients", "patient",    "people",
      "persons", "person", "children", "child",   "kids",     "adults",     "adult",
      "girls",   "boys",   "mothers",  "females", "males",    "individuals"};
  return std::find(std::begin(kPeople), std::end(kPeople), terms[m.end].surface) !=
         std::end(kPeople);
}

void put_descriptions_of_people_after(std::vector<FocusMatch>& matches,
                                      const std::vector<text::Term>& terms) {
  if (matches.size() < 2 || !describes_the_people_asked_about(matches.front(), terms)) return;
  const FocusMatch& who = matches.front();
  for (std::size_t i = 1; i < matches.size(); ++i) {
    if (matches[i].asked != who.asked) break;
    if (matches[i].condition == who.condition ||
        describes_the_people_asked_about(matches[i], terms))
      continue;
    std::rotate(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(i),
                matches.begin() + static_cast<std::ptrdiff_t>(i + 1));
    return;
  }
}

void put_the_kind_named_before_its_head_first(
    std::vector<FocusMatch>& matches, const std::vector<text::Term>& terms,
    const std::function<std::string(std::size_t)>& last_name_stem) {
  if (matches.size() < 2) return;
  const FocusMatch& head = matches.front();
  if (head.end != head.begin + 1 || head.end > terms.size() || head.begin == 0) return;
  const std::string& stem = terms[head.begin].stem;
  // The general name is the head word itself ("Poisoning").
  if (last_name_stem(head.condition) != stem) return;
  for (std::size_t i = 1; i < matches.size(); ++i) {
    const FocusMatch& kind = matches[i];
    if (kind.asked != head.asked) break;
    if (kind.end != head.begin || kind.condition == head.condition ||
        last_name_stem(kind.condition) != stem)
      continue;
    std::rotate(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(i),
                matches.begin() + static_cast<std::ptrdiff_t>(i + 1));
    return;
  }
}

std::optional<std::size_t> asks_about_an_unknown_product(
    const std::vector<text::Term>& terms, const std::vector<SentenceRole>& role,
    const std::vector<FocusMatch>& matches, const std::function<bool(std::size_t)>& unknown) {
  if (matches.empty() || role.size() < terms.size()) return std::nullopt;
  auto where_asked = [&](std::size_t k) {
    return role[k] == SentenceRole::ask || role[k] == SentenceRole::subject;
  };
  auto one_of = [](std::string_view w, std::initializer_list<std::string_view> words) {
    return std::find(words.begin(), words.end(), w) != words.end();
  };
  // A dose: a unit after a number ("20 mg") or glued to it ("20mg", "20meq").
  auto unit = [&](std::string_view w) { return one_of(w, {"mg", "mcg", "ml", "meq", "iu"}); };
  auto dose = [&](std::size_t k) {
    const std::string_view w = terms[k].surface;
    if (unit(w))
      return k > 0 && !terms[k - 1].surface.empty() &&
             std::isdigit(static_cast<unsigned char>(terms[k - 1].surface[0]));
    std::size_t i = 0;
    while (i < w.size() && std::isdigit(static_cast<unsigned char>(w[i]))) ++i;
    return i > 0 && unit(w.substr(i));
  };
  auto form = [&](std::string_view w) {
    return one_of(w,
                  {"tab",     "tabs",     "tablet",      "tablets",      "pill",       "pills",
                   "capsule", "capsules", "caplet",      "caplets",      "cream",      "ointment",
                   "gel",     "patch",    "patches",     "injection",    "injections", "inhaler",
                   "syrup",   "lotion",   "suppository", "suppositories"});
  };
  auto taking = [&](std::string_view w) {
    return one_of(w,
                  {"take", "taking", "took", "taken", "prescribe", "prescribed", "use", "using"});
  };
  // What a product does to the one who takes it: "the side effects of X",
  // "sideeffects from X". A reading of these words asks what the product
  // does; it is not what the message is about.
  auto effect = [&](std::string_view w) {
    return one_of(w,
                  {"side", "effect", "effects", "affect", "affects", "sideeffect", "sideeffects"});
  };
  std::vector<bool> read(terms.size(), false);
  for (const auto& m : matches)
    for (std::size_t k = m.begin; k < m.end && k < terms.size(); ++k) read[k] = true;
  std::optional<std::size_t> product;
  for (std::size_t k = 0; k < terms.size() && !product; ++k) {
    if (read[k] || !where_asked(k) || !unknown(k)) continue;
    // The words around it, in the same part of the message: three before
    // it ("the side effects of X"), three after it ("Klor-Con M20 Tabs").
    const std::size_t from = k >= 3 ? k - 3 : 0, to = std::min(terms.size(), k + 4);
    for (std::size_t j = from; j < to && !product; ++j) {
      if (j == k || role[j] != role[k]) continue;
      const std::string_view w = terms[j].surface;
      if (dose(j) || form(w) || (j + 2 >= k && j <= k + 2 && taking(w)) || (j < k && effect(w)))
        product = k;
    }
  }
  if (!product) return std::nullopt;
  // Every reading is of the story, or of the words that ask what a
  // product does.
  const bool of_the_story = std::all_of(matches.begin(), matches.end(), [&](const FocusMatch& m) {
    if (!m.asked) return true;
    for (std::size_t k = m.begin; k < m.end && k < terms.size(); ++k)
      if (!text::is_stopword(terms[k].surface) && !effect(terms[k].surface)) return false;
    return true;
  });
  return of_the_story ? product : std::nullopt;
}

std::optional<std::size_t> asks_about_an_unknown_condition(
    const std::vector<text::Term>& terms, const std::vector<SentenceRole>& role,
    const std::vector<FocusMatch>& matches, const std::function<bool(std::size_t)>& unknown) {
  if (matches.empty() || role.size() < terms.size()) return std::nullopt;
  // Every reading is of the story.
  if (std::any_of(matches.begin(), matches.end(), [](const FocusMatch& m) { return m.asked; }))
    return std::nullopt;
  auto head = [](std::string_view w) {
    static constexpr std::string_view kHeads[] = {
        "syndrome",  "syndromes", "disease", "diseases",    "deficiency", "deficiencies",
        "disorder",  "disorders", "gene",    "genes",       "mutation",   "mutations",
        "dystrophy", "tumor",     "tumour",  "degeneration"};
    return std::find(std::begin(kHeads), std::end(kHeads), w) != std::end(kHeads);
  };
  std::vector<bool> read(terms.size(), false);
  for (const auto& m : matches)
    for (std::size_t k = m.begin; k < m.end && k < terms.size(); ++k) read[k] = true;
  for (std::size_t k = 0; k + 1 < terms.size(); ++k) {
    if (role[k] != SentenceRole::ask && role[k] != SentenceRole::subject) continue;
    if (read[k] || role[k + 1] != role[k] || read[k + 1] || !head(terms[k + 1].surface)) continue;
    if (unknown(k)) return k;
  }
  return std::nullopt;
}

void prefer_names_that_list(std::vector<FocusMatch>& matches,
                            const std::function<std::string_view(std::size_t)>& name_of) {
  // A name's words, folded, one space between.
  auto words_of = [](std::string_view name) {
    std::string out;
    for (unsigned char ch : text::fold(name)) {
      const char c = std::isalnum(ch) ? static_cast<char>(ch) : ' ';
      if (c != ' ' || (!out.empty() && out.back() != ' ')) out += c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  };
  auto items_of = [&](std::string_view name) {
    std::vector<std::string> items;
    const std::string folded = text::fold(name);
    std::string cur;
    for (std::size_t k = 0; k <= folded.size(); ++k) {
      const bool end = k == folded.size();
      const bool sep = !end && (folded[k] == '(' || folded[k] == ')' || folded[k] == ',');
      const bool conj = !end && folded.compare(k, 5, " and ") == 0;
      if (end || sep || conj) {
        if (auto w = words_of(cur); !w.empty()) items.push_back(w);
        cur.clear();
        if (conj) k += 4;
        continue;
      }
      cur += folded[k];
    }
    return items;
  };
  for (std::size_t i = 2; i < matches.size(); ++i) {
    const auto items = items_of(name_of(matches[i].condition));
    if (items.size() < 3) continue;
    std::size_t covered = 0, first = i;
    for (std::size_t j = 0; j < i; ++j) {
      const std::string part = words_of(name_of(matches[j].condition));
      if (std::find(items.begin(), items.end(), part) != items.end()) {
        ++covered;
        first = std::min(first, j);
      }
    }
    if (covered >= 2) {
      std::rotate(matches.begin() + static_cast<std::ptrdiff_t>(first),
                  matches.begin() + static_cast<std::ptrdiff_t>(i),
                  matches.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      return;
    }
  }
}

std::vector<Sentence> read_message(std::string_view question, const std::vector<text::Term>& terms,
                                   std::size_t subject_end) {
  const std::string folded = text::fold(question);
  // Sentence ends: ". " "? " "! ", line breaks, and a full stop glued to the
  // next sentence ("regularly.I have"), but not inside "e.g." or "2.5".
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  // A subject given apart is one sentence, however it is punctuated.
  subject_end = std::min(subject_end, folded.size());
  if (subject_end > 0) spans.emplace_back(0, subject_end);
  std::size_t start = subject_end;
  for (std::size_t i = subject_end; i < folded.size(); ++i) {
    const char c = folded[i];
    bool end = false;
    if (c == '\n' || c == '\r') {
      end = true;
    } else if (c == '?' || c == '!') {
      end = true;
    } else if (c == '.' || c == ';') {
      const bool next_space = i + 1 == folded.size() || folded[i + 1] == ' ';
      // (Not in a web address: "clinicaltrials.gov".)
      const bool glued = i + 1 < folded.size() && letter(folded[i + 1]) && i >= 3 &&
                         letter(folded[i - 1]) && letter(folded[i - 2]) && letter(folded[i - 3]) &&
                         !domain_ending_at(folded, i + 1);
      // "in November 2012.Please which is...": a year or a dose glued to
      // the next sentence, which opens with a capital letter.
      const bool after_number = i + 1 < question.size() && i > 0 &&
                                std::isdigit(static_cast<unsigned char>(folded[i - 1])) &&
                                std::isupper(static_cast<unsigned char>(question[i + 1])) &&
                                folded.size() == question.size();
      end = next_space || glued || after_number;
    } else if (c == ',') {
      // "…it leaves scars, Is there anything we can do?": a capitalised
      // question word after a comma starts the question, which a message
      // typed in one breath runs on from the story.
      end = comma_opens_question(question, folded, i);
    }
    if (!end) continue;
    if (i + 1 > start) spans.emplace_back(start, i + 1);
    start = i + 1;
  }
  if (start < folded.size()) spans.emplace_back(start, folded.size());

  std::vector<Sentence> out;
  std::size_t k = 0;
  for (auto [b, e] : spans) {
    while (b < e && (folded[b] == ' ' || folded[b] == '\n' || folded[b] == '\r')) ++b;
    if (b >= e) continue;
    Sentence s;
    s.begin = b;
    s.end = e;
    while (k < terms.size() && terms[k].offset < b) ++k;
    s.first = k;
    while (k < terms.size() && terms[k].offset < e) ++k;
    s.last = k;
    if (s.first == s.last) continue;  // punctuation only
    std::string_view text(folded.data() + b, e - b);
    // A web form's field label ("MESSAGE: Is it okay to...") is not part of
    // what the sentence says.
    const bool labelled = strip_form_label(text);
    const std::size_t words = s.last - s.first;
    bool asks = text.back() == '?';
    for (auto p : kAskingPhrases)
      if (!asks && contains_phrase(text, p)) asks = true;
    for (auto p : kRequests)
      if (!asks && contains_phrase(text, p)) asks = true;
    asks = asks || asks_whether_there_is(text);
    s.plainly_asks = asks;
    for (auto w : kQuestionOpeners)
      if (!asks && starts_with_word(text, w)) asks = true;
    bool formal = false;
    for (auto f : kFormalities)
      if (starts_with_word(text, f)) formal = true;
    // "[NAME]", "[LOCATION]": the sender's details, removed by the library.
    if (text.front() == '[') formal = true;
    // A subject given apart is the title for certain, unless it asks in so
    // many words ("I want to ask a question about botox"): then it is the
    // question, as when sent in one piece.
    if (b < subject_end && !s.plainly_asks)
      s.role = SentenceRole::subject;
    else if (asks && (!formal || words > 6))
      s.role = SentenceRole::ask;
    else if (formal && words <= 12)
      s.role = SentenceRole::formality;
    else
      s.role = SentenceRole::context;
    s.labelled = labelled;
    out.push_back(s);
  }
  // A subject given apart is the title: no sentence is guessed to be one.
  // Unless it only names the form the message was sent through (below):
  // then the message's first line may be the title.
  const bool subject_given = subject_end > 0 && !out.empty() && out.front().begin < subject_end;
  if (subject_given && !opens_with_web_address(std::string_view(folded).substr(out.front().begin)))
    return out;
  // A first line that opens with a web address ("ClinicalTrials.gov -
  // Question - general information") is the form the message was sent
  // through, not its title: the line after it may be.
  std::size_t title = 0;
  if (subject_given) {
    out.front().role = SentenceRole::formality;
    title = 1;
  } else if (out.size() > 2 && out.front().role != SentenceRole::ask &&
             opens_with_web_address(std::string_view(folded).substr(out.front().begin))) {
    out.front().role = SentenceRole::formality;
    title = 1;
  }
  // A short first line that does not ask is the message's title: it names
  // the topic ("Williams syndrome. I would like my daughter tested...").
  // Not one that opens with a web form's field label ("MESSAGE: I have
  // celiac disease."): that is the message's first sentence.
  if (out.size() > title + 1 && out[title].role == SentenceRole::context &&
      out[title].last - out[title].first <= 8 && !out[title].labelled)
    out[title].role = SentenceRole::subject;
  return out;
}

}  // namespace symptomdb::qa
