// Question understanding, part zero: the shape of a message as people send
// it to a health library. A subject line, a paragraph about a relative,
// one to three questions, "thank you" and a name. Each sentence gets a
// role, so that what is asked is read from the sentences that ask and a
// condition named only in the story around them is a candidate, not the
// focus.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qa/focus.hpp"
#include "text/analyzer.hpp"

namespace symptomdb::qa {

enum class SentenceRole : unsigned char {
  ask,        // asks something: ends with '?', or "what/how/can…", "I would like to know"
  subject,    // a short first line with no verb of its own: the message's title
  context,    // tells the story around the question
  formality,  // greeting, thanks, signature, placeholder ("[NAME]")
};

struct Sentence {
  std::size_t begin = 0, end = 0;   // byte offsets in the question
  std::size_t first = 0, last = 0;  // token range [first, last) in the analysed terms
  SentenceRole role = SentenceRole::context;
  // Asks in so many words: ends with '?' or uses an asking phrase ("I want
  // to know"), not only opens with a question word ("When I take it, ...").
  bool plainly_asks = false;
  // Opens with a web form's field label ("MESSAGE:"), which is not a title.
  bool labelled = false;
};

// Splits the question into sentences (at ". ", "? ", "! ", line breaks and
// a capital letter glued to the previous sentence's full stop) and gives
// each a role. `terms` are the question's analysed terms (with offsets).
// `subject_end` > 0: the first `subject_end` bytes are the subject line the
// sender gave apart from the message (a form's "Subject" field). They are
// one sentence, the subject for certain unless it asks in so many words
// (then it is a question, as when sent in one piece), and no first sentence
// of the message is then guessed to be a title; unless the subject only
// names the form the message was sent through (a web address).
std::vector<Sentence> read_message(std::string_view question, const std::vector<text::Term>& terms,
                                   std::size_t subject_end = 0);

// A name read where the asker asks can be the short form of one the message
// gives in full elsewhere: "the pain" of a subject line "Right shoulder
// pain", "adhesions" after "I suffer from lower abdominal adhesions". Each
// such fuller name is read as if named where the short one is (its score
// moved to that place's weight, and asked if the short one is), so the
// specific condition the message names is what is asked about, not the
// general one. A fuller name with no answer behind it does not displace a
// short one that has answers (`has_answers`, by condition). `token_weight`
// is the weight of each word's place (see role_weight); `terms` the
// message's words.
void read_short_names_in_full(std::vector<FocusMatch>& matches,
                              const std::vector<text::Term>& terms,
                              const std::vector<double>& token_weight,
                              const std::function<bool(std::size_t)>& has_answers);

// A reading through one ordinary word that is not the condition's own name:
// a one-word synonym, alias or HPO name ("spells", "runs", "cold").
bool is_lay_word(const FocusMatch& m, const std::vector<text::Term>& terms);

// The subject line of a message names what is asked about. A condition
// read in the body only through a one-word synonym, alias or HPO name (a
// lay word such as "spells" or "runs", which names a broader condition or
// another thing altogether) does not outrank a condition the subject line
// names by its own name, an abbreviation or a name of several words: that
// one is raised just above such lay readings (and counted as asked).
// `role` is each word's sentence role; `terms` the message's words.
void prefer_subject_names(std::vector<FocusMatch>& matches, const std::vector<text::Term>& terms,
                          const std::vector<SentenceRole>& role);

// A condition named as the topic of a question, right after "a question
// about", "questions about", "to ask about", "to know about", "information
// about" ("I want to ask a question about botox", "a few questions about
// autonomic disorders combined with arthritis"), is what the message asks
// about: of the readings as plainly asked as the first, the first one so
// named is put first. Only the whole of what follows "about" is its topic:
// not a word that goes on into another reading ("about esophageal
// candidiasis"), nor the first of two named together ("about X and Y").
// `matches` are all the readings, `terms` the question's words.
bool named_as_topic(const FocusMatch& m, const std::vector<FocusMatch>& matches,
                    const std::vector<text::Term>& terms);
void prefer_named_topics(std::vector<FocusMatch>& matches, const std::vector<text::Term>& terms);

// A condition named as the asker's guess at what causes what the message
// tells ("Could this be anxiety attacks?", "Is this due to diabetes?", "is
// it from my medicine?") is a candidate for the answer, not what is asked
// about: the pronoun points back to what the message named before it
// ("Shortness of breath in the mornings", "Leg pain"), and that is what a
// reader asks about ("what could cause shortness of breath in the
// mornings?"). When the first reading is so named, the first reading as
// plainly asked (the same tier) named before it is put first; the guess
// stays a reading. `terms` are the question's words.
bool named_as_a_guessed_cause(const FocusMatch& m, const std::vector<text::Term>& terms);
void put_guessed_causes_after(std::vector<FocusMatch>& matches,
                              const std::vector<text::Term>& terms);

// A condition read from one adjective that says who is asked about, right
// before a word for people ("letrozole in postmenopausal women", "diabetic
// patients", "pregnant women"), describes the people, not what is asked
// about: when it is the first reading, the next reading as plainly asked
// (the same tier) is put first; the description stays a reading (alone,
// it is still the focus). `terms` are the question's words.
bool describes_the_people_asked_about(const FocusMatch& m, const std::vector<text::Term>& terms);
void put_descriptions_of_people_after(std::vector<FocusMatch>& matches,
                                      const std::vector<text::Term>& terms);

// A word read as a condition right before the word the first reading is
// read from, whose condition's name ends with that word ("bleach" read as
// Sodium hypochlorite poisoning, before "poisoning" read as Poisoning),
// says which one of the first reading's kind is asked about: "bleach
// poisoning" is that poisoning. It is put first; the general name stays a
// reading. `last_name_stem` gives the stem of a condition's name's last
// word.
void put_the_kind_named_before_its_head_first(
    std::vector<FocusMatch>& matches, const std::vector<text::Term>& terms,
    const std::function<std::string(std::size_t)>& last_name_stem);

// A product the message asks about that the knowledge base does not hold:
// a word no name, no word of the corpus and no English word (nor a slip
// corrected to one) where the asker asks, in the subject line or a sentence
// that asks, and said to be a product by the words around it: a dose ("20mg
// generic Adderall", "M20 Tabs 20meq"), a drug's form ("ointment", "tabs",
// "capsule", "patch"), a verb of taking or prescribing it ("can daytrana be
// prescribed", "Can I use Novolin") or what it does to the one who takes it
// ("the side effects of tecfidera"). An unknown word said so is a drug, a
// cream, a supplement, not a misspelt condition. When every reading of the
// message is of the story around the question (none where it asks), or of
// the words that ask what a product does ("side effects", which name a
// general topic), the message asks about that product, and what is read is
// no answer: the reply is an honest "not covered". `unknown(k)`: is word k
// such a word (the caller knows the vocabularies); `role` is each word's
// sentence role. Returns the product's word, to be named in the reply.
std::optional<std::size_t> asks_about_an_unknown_product(
    const std::vector<text::Term>& terms, const std::vector<SentenceRole>& role,
    const std::vector<FocusMatch>& matches, const std::function<bool(std::size_t)>& unknown);

// A condition the message asks about that the knowledge base does not hold:
// an unknown word (as for a product, above) where the asker asks, named as
// a condition by the word right after it, a head noun that says what kind
// of condition a name is ("CPTII deficiency", "Testing for CETP gene",
// "quimbolia syndrome"). When every reading of the message is of the story
// around the question, what is read is not what is asked, and the reply is
// an honest "not covered". An unknown word with no such head after it may
// be a misspelt condition the story names too ("athrtics"), and is left be;
// so is a word a letter or two from a name's word (the caller's `unknown`).
// Returns the unknown word, to be named in the reply.
std::optional<std::size_t> asks_about_an_unknown_condition(
    const std::vector<text::Term>& terms, const std::vector<SentenceRole>& role,
    const std::vector<FocusMatch>& matches, const std::function<bool(std::size_t)>& unknown);

// A name that lists conditions the message also names ("MMR Vaccine
// (Measles, Mumps, and Rubella)" beside measles and rubella) is what they
// are named for: the one reading that takes them together is put before the
// first of them, when two or more items of its list (between brackets,
// commas and "and") are the names of readings before it. A title that only
// goes on from a name ("Angina - when you have chest pain") lists nothing.
// `name_of` gives a reading's condition name.
void prefer_names_that_list(std::vector<FocusMatch>& matches,
                            const std::function<std::string_view(std::size_t)>& name_of);

// How much a condition named in a sentence of this role counts as what is
// asked about (1 for an asking sentence).
double role_weight(SentenceRole role);

// Whether a word (folded) that opens a sentence makes it a greeting, thanks
// or signature ("hi", "dear", "thanks", "regards"): such a word is the
// formality, not an abbreviation, even when written in capitals ("HI,").
bool opens_formality(std::string_view folded_word);

}  // namespace symptomdb::qa
