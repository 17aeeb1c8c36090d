// The checker and interpreter on the real HPO release in ../shared; skipped
// when it is absent. Expectations are derived from the files themselves, not
// hard-coded answers.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "checker/checker.hpp"
#include "checker/clause_reading.hpp"
#include "checker/description.hpp"
#include "checker/interpret.hpp"
#include "checker/red_flags.hpp"
#include "ingest/hpo_json.hpp"
#include "ingest/hpoa.hpp"

namespace symptomdb::checker {
namespace {

const std::string kDir = SYMPTOMDB_SHARED_DIR "/data/hpo";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class CheckerHpo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(kDir + "/hp.json") ||
        !std::filesystem::exists(kDir + "/phenotype.hpoa"))
      return;
    auto onto = std::make_shared<const ontology::Ontology>(ontology::Ontology::build(
        ingest::parse_obographs_json(slurp(kDir + "/hp.json"), "hp.json")));
    const auto annotations = ingest::parse_hpoa(slurp(kDir + "/phenotype.hpoa"), "phenotype.hpoa");
    checker_ = std::make_unique<Checker>(Checker::build(onto, annotations));
    std::vector<double> weights(onto->size());
    for (TermIndex t = 0; t < onto->size(); ++t) weights[t] = checker_->annotated_diseases(t);
    interpreter_ = std::make_unique<Interpreter>(onto, std::move(weights));
    served_ = std::make_unique<Interpreter>(onto);  // as the server builds it
  }
  static void TearDownTestSuite() {
    interpreter_.reset();
    served_.reset();
    checker_.reset();
  }
  void SetUp() override {
    if (!checker_) GTEST_SKIP() << kDir << "/hp.json or phenotype.hpoa not found";
  }
  std::string id_of(std::string_view phrase) const {
    const auto i = interpreter_->interpret_phrase(phrase);
    return i ? checker_->ontology().term(i->term).id : std::string("none");
  }
  // The id of the first term the served interpreter reads in a text.
  std::string first(std::string_view text) const {
    const auto r = served_->interpret(text);
    return r.terms.empty() ? std::string("none")
                           : checker_->ontology().term(r.terms.front().term).id;
  }
  static std::unique_ptr<Checker> checker_;
  static std::unique_ptr<Interpreter> interpreter_;
  static std::unique_ptr<Interpreter> served_;
};

std::unique_ptr<Checker> CheckerHpo::checker_;
std::unique_ptr<Interpreter> CheckerHpo::interpreter_;
std::unique_ptr<Interpreter> CheckerHpo::served_;

TEST_F(CheckerHpo, InterpretsLayPhrases) {
  // "Muscle wasting" is HPO's layperson synonym of HP:0003202.
  EXPECT_EQ(id_of("muscle wasting"), "HP:0003202");
  EXPECT_EQ(id_of("Muscles wasting"), "HP:0003202");
  EXPECT_EQ(id_of("muscles getting smaller"), "HP:0003202");
  EXPECT_EQ(id_of("muscle twitching"), "HP:0002380");
  EXPECT_EQ(id_of("muscle twiching"), "HP:0002380");
  EXPECT_EQ(id_of("purple elephant"), "none");
  const auto r = interpreter_->interpret("muscle wasting, cramps and twitching");
  EXPECT_EQ(r.terms.size(), 3u);
  EXPECT_TRUE(r.unmatched.empty());
  const auto s = interpreter_->suggest("muscle wa", 5);
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(checker_->ontology().term(s[0].term).id, "HP:0003202");
}

TEST_F(CheckerHpo, ReadsTheIssuesPlainWords) {
  // Issue 9: "cramps" is muscle cramps (Muscle spasm), not the rarer
  // Writer's cramp; the other two were left unread.
  EXPECT_EQ(id_of("cramps"), "HP:0003394");
  EXPECT_EQ(id_of("can not see well at night"), "HP:0000662");
  EXPECT_EQ(id_of("very tall"), "HP:0000098");
  EXPECT_EQ(id_of("no fever"), "none");
}

// Everyday sentences as people type them, read against the whole of HPO,
// where a phrase's extra words meet many other names, by the interpreter
// the server builds.
TEST_F(CheckerHpo, ReadsTheAdjectiveOfAFindingAsItsNoun) {
  // HPO's names say the noun; people and clinicians the adjective.
  EXPECT_EQ(first("I feel nauseous"), "HP:0002018");  // Nausea
  EXPECT_EQ(first("she is nauseated"), "HP:0002018");
  EXPECT_EQ(first("he is dyspneic"), "HP:0002094");  // Dyspnea
  EXPECT_EQ(first("anuric"), "HP:0100519");          // Anuria
  // Read as the noun, not as a misspelling of it (which costs confidence).
  const auto lethargic = served_->interpret_phrase("lethargic");
  ASSERT_TRUE(lethargic);
  EXPECT_EQ(checker_->ontology().term(lethargic->term).id, "HP:0001254");  // Lethargy
  EXPECT_GE(lethargic->confidence, 0.999);
  // Only where the noun is a word of a name, and not every ending: a
  // previous operation is no placenta previa.
  EXPECT_EQ(first("previous"), "none");
}

// How a finding began and how bad it is are read apart (Finding::onset,
// Finding::severity): they count for a name that has them, and a name
// without them loses nothing.
TEST_F(CheckerHpo, ReadsAFindingWhateverIsSaidOfItsOnsetOrDegree) {
  EXPECT_EQ(first("sudden onset of dyspnea"), "HP:0002094");    // Dyspnea
  EXPECT_EQ(first("gradual onset of headache"), "HP:0002315");  // Headache
  // "more" says how much, as "very" does: it costs the name nothing.
  const auto more = served_->interpret_phrase("more lethargic");
  const auto alone = served_->interpret_phrase("lethargic");
  ASSERT_TRUE(more && alone);
  EXPECT_EQ(checker_->ontology().term(more->term).id, "HP:0001254");  // Lethargy
  EXPECT_DOUBLE_EQ(more->confidence, alone->confidence);
  // How strong, said as a noun, is how as well.
  EXPECT_EQ(first("tight precordial pain of strong intensity"), "HP:0032141");  // Precordial pain
  EXPECT_EQ(first("abdominal pain of moderate severity"), "HP:0002027");        // Abdominal pain
  // ... or as a grade; and a name that says the opposite of a word the
  // phrase says is no reading of it, however many words they share (not
  // Low-grade fever).
  EXPECT_EQ(first("high grade fever"), "HP:0001945");  // Fever
  EXPECT_EQ(first("low grade fever"), "HP:0011134");   // Low-grade fever
  // How often, in one word, is not the name either.
  EXPECT_EQ(first("morning cough daily"), "HP:0012735");  // Cough
  // Nor is where on a part the finding keeps to.
  EXPECT_EQ(first("localized right upper abdominal pain"), "HP:0002027");  // Abdominal pain
  EXPECT_EQ(first("febrile"), "HP:0001945");                               // Fever
  // "as well as" joins two findings, as "and" does.
  std::vector<std::string> ids;
  for (const auto& t : served_->interpret("frequent throat clearing as well as heartburn").terms)
    ids.push_back(checker_->ontology().term(t.term).id);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "HP:0002020"), ids.end());  // Gastroesophageal reflux
  // A place said with "at" is where, as with "on" and "in".
  EXPECT_EQ(first("itching at her genitals"), "HP:0000989");  // Pruritus
}

TEST_F(CheckerHpo, ReadsEverydaySentences) {
  auto id_of = [&](std::string_view phrase) {
    const auto i = served_->interpret_phrase(phrase);
    return i ? checker_->ontology().term(i->term).id : std::string("none");
  };
  // Where on the body: the words before the place, if a name in full.
  EXPECT_EQ(id_of("rash on my arms"), "none");  // the whole phrase alone
  EXPECT_EQ(first("rash on my arms"), "HP:0000988");
  EXPECT_EQ(first("a lump in my neck"), "none");                           // not "Breast lump"
  EXPECT_EQ(first("excessive tearing from the right eye"), "HP:0009926");  // Epiphora
  // How often it comes is when, not what: the finding is what comes before.
  EXPECT_EQ(first("I have headaches every day"), "HP:0002315");  // Headache
  // "not" after a finding says more of it, as "that" does; after a verb it
  // is the verb's.
  EXPECT_EQ(first("headache not relieved by painkillers"), "HP:0002315");  // Headache
  EXPECT_EQ(first("chest pain not related to exertion"), "HP:0100749");    // Chest pain
  EXPECT_EQ(first("I can not sleep"), "HP:0002360");                       // Sleep disturbance
  // A piece that opens with its verb says it of the first piece's subject:
  // "is cloudy" is the urine's, not a cloudy lens (Cataract).
  std::vector<std::string> ids;
  for (const auto& t : served_->interpret("my urine smells bad and is cloudy").terms)
    ids.push_back(checker_->ontology().term(t.term).id);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "HP:0031967"), ids.end());  // Cloudy urine
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "HP:0000518"), ids.end());  // Cataract
  // A piece that names only a place shares what the last piece says of
  // its subject: "my hands" is tingling hands, no "Abnormality of the hand".
  ids.clear();
  for (const auto& t : served_->interpret("my hands and feet are tingling").terms)
    ids.push_back(checker_->ontology().term(t.term).id);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "HP:0033660"), ids.end());  // Hand paresthesia
  EXPECT_NE(std::find(ids.begin(), ids.end(), "HP:0003401"), ids.end());  // Paresthesia
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "HP:0001155"), ids.end());  // Abnormality of the hand
  // A word or two after "and" shares the first piece's subject and verb:
  // the eyes are watering (Epiphora), not "watering" alone (Edema).
  ids.clear();
  for (const auto& t : served_->interpret("my eyes are red and itchy and watering").terms)
    ids.push_back(checker_->ontology().term(t.term).id);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "HP:0009926"), ids.end());  // Epiphora
  EXPECT_NE(std::find(ids.begin(), ids.end(), "HP:0033841"), ids.end());  // Ocular pruritus
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "HP:0000969"), ids.end());  // Edema
  // Lay phrasings (lay_words.tsv).
  EXPECT_EQ(id_of("I keep needing to pee"), "HP:0100515");      // Pollakisuria
  EXPECT_EQ(id_of("always thirsty"), "HP:0001959");             // Polydipsia
  EXPECT_EQ(id_of("coughing up phlegm"), "HP:0031245");         // Productive cough
  EXPECT_EQ(id_of("I feel faint"), "HP:0031972");               // Presyncope
  EXPECT_EQ(id_of("I lost 10 pounds"), "HP:0001824");           // Weight loss
  EXPECT_EQ(id_of("it burns when I pee"), "HP:0100518");        // Dysuria
  EXPECT_EQ(id_of("peeing a lot"), "HP:0100515");               // Pollakisuria
  EXPECT_EQ(id_of("waking up at night to pee"), "HP:0000017");  // Nocturia
  EXPECT_EQ(id_of("the shakes"), "HP:0001337");                 // Tremor
  EXPECT_EQ(id_of("always hungry"), "HP:0002591");              // Polyphagia
  EXPECT_EQ(id_of("can't stop coughing"), "HP:0012735");        // Cough
  EXPECT_EQ(id_of("no energy"), "HP:0012378");                  // Fatigue
  EXPECT_EQ(id_of("she lost her appetite"), "HP:0004396");      // Poor appetite
  // A relative clause says more of the finding before it, read when that
  // is a name said whole.
  EXPECT_EQ(id_of("a rash that won't go away"), "none");  // the whole phrase alone
  EXPECT_EQ(first("a rash that won't go away"), "HP:0000988");
  EXPECT_EQ(id_of("I'm losing my hair"), "HP:0001596");   // Alopecia
  EXPECT_EQ(id_of("my joints ache"), "HP:0002829");       // Arthralgia
  EXPECT_EQ(id_of("wheezy"), "HP:0030828");               // Wheezing
  EXPECT_EQ(id_of("stomach cramps"), "HP:0032155");       // Abdominal cramps
  EXPECT_EQ(id_of("feverish"), "HP:0001945");             // Fever
  EXPECT_EQ(id_of("light hurts my eyes"), "HP:0000613");  // Photophobia
  EXPECT_EQ(id_of("earache"), "HP:0030766");              // Ear pain
  // Adjectives made of a symptom are the symptom's word, in the reading and
  // in the words matched against the texts ("crampy": one text alone).
  EXPECT_EQ(id_of("sweaty"), "HP:0000975");  // Hyperhidrosis
  EXPECT_EQ(id_of("queasy"), "HP:0002018");  // Nausea
  EXPECT_EQ(id_of("gassy"), "HP:0033589");   // Flatulence
  EXPECT_EQ(served_->in_names_words("crampy abdominal pain"), "cramping abdominal pain");
  // A name of one part of the body is no reading of a phrase about another.
  EXPECT_NE(id_of("pain in my upper abdomen"), "HP:0012513");     // Upper limb pain
  EXPECT_EQ(id_of("severe lower abdominal pain"), "HP:0002027");  // not Lower limb pain
  EXPECT_EQ(id_of("lower abdominal pain"), "HP:0002027");         // Abdominal pain, as before
  EXPECT_EQ(id_of("pain in my hip"), "HP:0030838");               // Hip pain: the same part
  EXPECT_EQ(id_of("backache"), "HP:0003418");                     // Back pain
  // A phrasing's replacement is said in the words names are read in:
  // "swollen glands" meets HPO's own "Swollen lymph nodes".
  EXPECT_EQ(id_of("swollen glands"), "HP:0002716");  // Lymphadenopathy
  // How bad it is says no other finding; a name that has the word still wins.
  EXPECT_EQ(id_of("a really bad headache"), "HP:0002315");      // Headache
  EXPECT_EQ(id_of("bad breath"), "HP:0100812");                 // Halitosis
  EXPECT_EQ(id_of("coughing up yellow phlegm"), "HP:0031245");  // Productive cough, not Hemoptysis
  EXPECT_EQ(id_of("sensitive to light"), "HP:0000613");         // (not "Extreme sensitivity...")
  // The words that open a clause govern every piece joined to it: "I feel
  // dizzy and sick" is dizzy and feeling sick, though "sick" alone names
  // nothing; "I get out of breath climbing stairs" is breathlessness.
  auto read = [&](std::string_view text) {
    const auto d = read_description(text);
    std::vector<std::string> out;
    for (const auto& f : d.findings)
      for (const auto& t : interpret_finding(*served_, f).terms)
        out.push_back(checker_->ontology().term(t.term).id);
    return out;
  };
  EXPECT_EQ(read("I feel dizzy and sick"),
            (std::vector<std::string>{"HP:0002321", "HP:0002018"}));  // Vertigo, Nausea
  EXPECT_EQ(read("I get out of breath climbing stairs"),
            (std::vector<std::string>{"HP:0002094"}));  // Dyspnea
  // A name read from the words before a place leaves the words after it,
  // which join another finding.
  EXPECT_EQ(read("I've got a really bad headache behind my eyes and feel sick"),
            (std::vector<std::string>{"HP:0002315", "HP:0002018"}));  // Headache, Nausea
  // What a subject is said to be, said before it: "my glands are swollen"
  // is "swollen glands".
  const auto glands = read("my throat is sore and my glands are swollen");
  EXPECT_NE(std::find(glands.begin(), glands.end(), "HP:0002716"), glands.end());
  EXPECT_NE(std::find(glands.begin(), glands.end(), "HP:0033050"), glands.end());  // Pharyngalgia
}

// The kinds of red flag the terms read from a description raise, as
// "kind;" each (red_flag_terms.tsv).
std::string red_flag_kinds(const Interpreter& interpreter, std::string_view text) {
  const auto& onto = interpreter.ontology();
  const RedFlagTerms flags(onto);
  std::vector<TermIndex> terms;
  for (const auto& f : read_description(text).findings)
    for (const auto& i : interpret_finding(interpreter, f).terms) terms.push_back(i.term);
  std::string out;
  for (const auto& f : flags.check(onto, terms)) out += f.kind + ";";
  return out;
}

// Self-harm in a person's own words is a red flag of its own, so the
// answer gives the crisis lines (red_flag_terms.tsv); a cut while shaving is
// no such sign.
TEST_F(CheckerHpo, SelfHarmInAPersonsWordsIsARedFlag) {
  auto kinds = [&](std::string_view text) { return red_flag_kinds(*served_, text); };
  EXPECT_EQ(kinds("I have been cutting myself."), "suicide;");
  EXPECT_EQ(kinds("I have been self harming."), "suicide;");
  EXPECT_EQ(kinds("I cut myself shaving."), "");
  // The act done to oneself or a part of oneself is; done to a thing, a
  // chore ("cutting vegetables": Self-cutting's name "Cutting" is the act).
  EXPECT_EQ(kinds("I am cutting my arms."), "suicide;");
  EXPECT_EQ(kinds("I was cutting vegetables and cut my finger."), "");
  EXPECT_EQ(kinds("I was cutting the grass and hurt my back."), "");
  EXPECT_EQ(kinds("I cut the bread."), "");
}

// Blue lips are a red flag, as in the question answerer's table ("blue
// lips"); a blue shirt is not.
TEST_F(CheckerHpo, BlueLipsAreARedFlag) {
  auto kinds = [&](std::string_view text) { return red_flag_kinds(*served_, text); };
  EXPECT_EQ(kinds("My lips are blue."), "breathing;");
  EXPECT_EQ(kinds("I have bluish lips."), "breathing;");
  EXPECT_EQ(kinds("My shirt is blue."), "");
}

// A mood is the person's, not a part's: "blue lips" is not "Has the blues"
// (Pathological sadness), though a behaviour's name uses the lip ("Lip
// biting") so that it is no part word for other rules; "I feel blue" is.
TEST_F(CheckerHpo, AColourOfAPartIsNoMood) {
  const auto& onto = checker_->ontology();
  auto read = [&](std::string_view text) {
    std::string out;
    for (const auto& f : read_description(text).findings)
      for (const auto& i : interpret_finding(*served_, f).terms) out += onto.term(i.term).id + ";";
    return out;
  };
  const std::string sadness = "HP:5200273;";
  EXPECT_EQ(read("I feel blue."), sadness);
  EXPECT_NE(read("My lips are blue."), sadness);
  EXPECT_NE(read("blue lips"), sadness);
}

// A red flag (breathlessness, chest pain) that the description says has
// gone on for weeks asks for a doctor today, not an ambulance; a finding of
// it that says nothing of its course takes the course the others state, but
// one said to be new or sudden keeps the emergency, and a finding that
// raises a red flag of its own stays new.
TEST_F(CheckerHpo, RedFlagsOfFindingsThatHaveGoneOnForWeeksAreApart) {
  const auto& onto = checker_->ontology();
  const RedFlagTerms flags(onto);
  auto lasting = [&](std::string_view text) {
    const auto d = read_description(text);
    std::vector<std::vector<TermIndex>> terms;
    for (const auto& f : d.findings) {
      terms.emplace_back();
      for (const auto& i : interpret_finding(*served_, f).terms) terms.back().push_back(i.term);
    }
    std::string out;
    for (const auto& w : flags.not_acute(onto, d.findings, terms)) out += w ? 'L' : '-';
    return out;
  };
  EXPECT_EQ(lasting("I have been short of breath for three months."), "L");
  EXPECT_EQ(lasting("I have been short of breath for two days."), "-");
  EXPECT_EQ(lasting("I get out of breath climbing stairs."), "L");
  EXPECT_EQ(lasting("I get out of breath climbing stairs and now even at rest."), "--");
  // Chest pain that comes with effort may be a new angina: no lower level
  // for effort alone (red_flag_terms.tsv), only for weeks of it.
  EXPECT_EQ(lasting("I get chest pain when I walk uphill."), "-");
  EXPECT_EQ(lasting("Chest pain and shortness of breath when I walk uphill."), "-");
  EXPECT_EQ(lasting("I have trouble walking."), "-");  // no red flag: effort lowers nothing
  EXPECT_EQ(lasting("I have had chest pain when I walk uphill for two months."), "L");
  EXPECT_EQ(lasting("I get chest pain when I walk uphill, for two months now."), "L");
  EXPECT_EQ(lasting("Sudden shortness of breath for three weeks."), "-");
  EXPECT_EQ(lasting("Shortness of breath. Three months of shortness of breath."), "LL");
  EXPECT_EQ(lasting("Shortness of breath. Three months of shortness of breath. It came on "
                    "suddenly today with shortness of breath."),
            "-L-");
  EXPECT_EQ(lasting("Shortness of breath and chest pain. Three months of shortness of breath."),
            "-L");
  EXPECT_EQ(lasting("No shortness of breath. Three months of shortness of breath."), "-L");
}

TEST_F(CheckerHpo, CharacteristicTermsRankTheirDiseaseInTheTopTen) {
  // Every 400th disease with at least 8 phenotype terms: its 5 most
  // informative annotated terms as the query.
  std::size_t tried = 0, found = 0, seen = 0;
  for (DiseaseIndex d = 0; d < checker_->disease_count(); ++d) {
    auto terms = checker_->disease(d).present;
    if (terms.size() < 8 || seen++ % 400 != 0) continue;
    std::sort(terms.begin(), terms.end(), [&](const DiseaseTerm& a, const DiseaseTerm& b) {
      return checker_->information_content(a.term) > checker_->information_content(b.term);
    });
    Query q;
    for (std::size_t k = 0; k < 5; ++k)
      q.present.push_back({terms[k].term, checker_->ontology().term(terms[k].term).id});
    const auto r = checker_->rank(q);
    ++tried;
    found += std::any_of(r.begin(), r.end(), [&](const Ranked& x) { return x.disease == d; });
  }
  ASSERT_GE(tried, 10u);
  EXPECT_GE(static_cast<double>(found), 0.9 * static_cast<double>(tried))
      << found << " of " << tried;
}

// The ids of the terms a description's findings are read as, as the served
// form reads them (read_description, interpret_finding), each with ";".
std::string read_ids(const Interpreter& interpreter, std::string_view text) {
  std::string out;
  for (const auto& f : read_description(text).findings)
    for (const auto& i : interpret_finding(interpreter, f).terms)
      out += interpreter.ontology().term(i.term).id + ";";
  return out;
}

// An adjective's -ish form says the adjective: HPO's "Bluish lips" (Lip
// cyanosis) are the person's blue lips; the stemmer does not join "blue"
// and "bluish". A colour said of a thing is no mood ("Has the blues"),
// though "I feel blue" is.
TEST_F(CheckerHpo, AnAdjectivesIshFormIsTheAdjective) {
  const std::string lips = "HP:0034030;";  // Lip cyanosis: "Bluish lips"
  EXPECT_EQ(read_ids(*served_, "My lips are blue."), lips);
  EXPECT_EQ(read_ids(*served_, "my lips are bluish"), lips);
  EXPECT_EQ(read_ids(*served_, "I have blue lips"), lips);
  EXPECT_EQ(id_of("blue lips"), "HP:0034030");
  EXPECT_EQ(read_ids(*served_, "I feel blue."), "HP:5200273;");  // Pathological sadness
  EXPECT_EQ(read_ids(*served_, "My shirt is blue."), "");
  EXPECT_EQ(read_ids(*served_, "The sky is blue."), "");
  // A person said by a word for one, not a pronoun, has moods too.
  EXPECT_EQ(read_ids(*served_, "My friend is blue."), "HP:5200273;");
}

// "the rash started yesterday": a finding said as the subject of a verb of
// beginning, with when, is its subject (the day is its duration).
// People say stool where HPO's names say feces (lay_words.tsv).
TEST_F(CheckerHpo, BlackStoolsAreBlackFeces) {
  const std::string melena = "HP:0002249;";
  EXPECT_EQ(read_ids(*served_, "I have black stools."), melena);
  EXPECT_EQ(read_ids(*served_, "She had a black stool this morning."), melena);
}

// A state said of a subject with a linking verb ("my stool is black") is
// read as the names and lay phrasings say it, before the part ("black
// stool"), and a broad or related synonym said whole ("Black feces", of
// Melena) is a name said whole there as elsewhere; a state of a thing that
// is no part of the body reads nothing.
TEST_F(CheckerHpo, AStateSaidOfASubjectIsReadAsItsNamesSayIt) {
  const std::string melena = "HP:0002249;";
  EXPECT_EQ(read_ids(*served_, "My stool is black."), melena);
  EXPECT_EQ(read_ids(*served_, "my stools are black"), melena);
  // A lay phrasing that holds a word another gives: "black poo" is "black
  // stool", and that is "black feces".
  EXPECT_EQ(read_ids(*served_, "my poo is black"), melena);
  EXPECT_EQ(read_ids(*served_, "I have black poo"), melena);
  EXPECT_EQ(read_ids(*served_, "my urine is dark"), "HP:0040319;");  // Dark urine
  EXPECT_EQ(read_ids(*served_, "My car is black."), "");
  EXPECT_EQ(read_ids(*served_, "my shirt is red"), "");
  EXPECT_EQ(read_ids(*served_, "my bus is late"), "");
}

// A mood said of a relative is said of a person: the interpreter asks the
// description reader's one list of relatives (relative_word), so every
// relative it knows counts, not only the four the interpreter once listed.
TEST_F(CheckerHpo, AMoodSaidOfARelativeIsAPersons) {
  auto ids = [&](std::string_view text) {
    std::string out;
    for (const auto& i : served_->interpret(text).terms)
      out += served_->ontology().term(i.term).id + ";";
    return out;
  };
  const std::string sadness = "HP:5200273;";  // Pathological sadness ("Has the blues")
  EXPECT_EQ(ids("my mother is blue"), sadness);
  EXPECT_EQ(ids("my sister is blue"), sadness);
  EXPECT_EQ(ids("my grandpa is blue"), sadness);
  EXPECT_EQ(ids("my shirt is blue"), "");
}

TEST_F(CheckerHpo, AFindingSaidToHaveBegunIsItsSubject) {
  EXPECT_EQ(read_ids(*served_, "The rash started yesterday."), "HP:0000988;");  // Skin rash
  EXPECT_EQ(read_ids(*served_, "the rash began two days ago"), "HP:0000988;");
  EXPECT_EQ(read_ids(*served_, "the pain began two days ago"), read_ids(*served_, "pain"));
}

// A state said with a linking verb of a place ("one side of my face is
// drooping"): a name that shares only where with it ("one side of the
// face"), misses the state and says a finding of its own names another
// finding there: no Hemifacial atrophy ("Atrophy of one side of the
// face"): nothing is read, where the atrophy was.
TEST_F(CheckerHpo, ANameThatSharesOnlyWhereNamesAnotherFinding) {
  const std::string atrophy = "HP:0011331";
  EXPECT_EQ(first("atrophy of one side of the face"), atrophy);
  for (const auto* text : {"one side of my face is drooping", "my face is drooping on one side",
                           "the left side of my face is drooping"}) {
    EXPECT_EQ(read_ids(*served_, text).find(atrophy), std::string::npos) << text;
    EXPECT_EQ(first(text).find(atrophy), std::string::npos) << text;
  }
}

// What best_name computes through its faster paths (names with an
// opposite word marked through that word's names; said shares through
// stem numbers): a phrase that says one of a pair of opposites is never
// read as a name that says the other, and a one-word clause in thousands
// of names ("Shortness", as in the vignette avey-125) leaves no mark on
// the next phrase. Derived from the names read, not from hard-coded terms.
TEST_F(CheckerHpo, APhraseIsNeverReadAsANameThatSaysItsOpposite) {
  const std::pair<std::string_view, std::string_view> opposites[] = {
      {"short", "tall"},  {"tall", "short"},  {"high", "low"},  {"low", "high"},
      {"large", "small"}, {"small", "large"}, {"fast", "slow"}, {"slow", "fast"}};
  for (const auto& [said, other] : opposites)
    for (const auto& phrase :
         {std::string(said), std::string(said) + " stature", std::string(said) + " blood pressure",
          std::string(said) + " heart rate"}) {
      const auto r = served_->interpret_phrase(phrase);
      if (!r) continue;
      std::string words = " " + r->matched + " ";
      std::transform(words.begin(), words.end(), words.begin(),
                     [](unsigned char c) { return std::isalpha(c) ? std::tolower(c) : ' '; });
      EXPECT_EQ(words.find(" " + std::string(other) + " "), std::string::npos)
          << phrase << " read as " << r->matched;
    }
  // The marks of one phrase's opposites do not outlast it: "tall stature"
  // reads the same after "Shortness" and "short stature" as before them.
  const auto before = served_->interpret_phrase("tall stature");
  ASSERT_TRUE(before.has_value());
  (void)served_->interpret_phrase("Shortness");
  (void)served_->interpret_phrase("short stature");
  const auto after = served_->interpret_phrase("tall stature");
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->term, before->term);
  EXPECT_EQ(after->matched, before->matched);
}

// A finding said with when it comes is the narrower finding HPO names for
// that circumstance, found among the finding's own kinds by a word of the
// circumstance in their names or definition (as stems: "stand", "standing");
// the finding alone when no kind says it.
TEST_F(CheckerHpo, AFindingSaidWithWhenItComesIsItsKindForThatCircumstance) {
  EXPECT_EQ(read_ids(*served_, "I get short of breath when I exercise"),
            "HP:0002875;");                                                 // Exertional dyspnea
  EXPECT_EQ(read_ids(*served_, "I faint when I stand up"), "HP:0012670;");  // Orthostatic syncope
  EXPECT_EQ(read_ids(*served_, "I get short of breath when I walk"), "HP:0002094;");  // Dyspnea
  EXPECT_EQ(read_ids(*served_, "I get a headache when I read"), "HP:0002315;");       // Headache
  EXPECT_EQ(read_ids(*served_, "I feel dizzy when I stand up"), "HP:0002321;");       // Vertigo
  // A finding whose names say the circumstance already is read as said.
  EXPECT_EQ(read_ids(*served_, "I get cramps when I exercise"),
            "HP:0003710;");  // Exercise-induced muscle cramps
}

// What a person did to a part of their own body, in the past tense, is the
// state the verb leaves it in ("I broke my wrist": my wrist is broken); done
// to a thing or a person that is no part of the body it names nothing.
TEST_F(CheckerHpo, AnActDoneToOnesOwnPartIsTheStateItLeaves) {
  EXPECT_EQ(read_ids(*served_, "I broke my wrist"), "HP:0041248;");  // Fractured carpal bone
  EXPECT_EQ(read_ids(*served_, "I think I broke my ankle"), "HP:0041153;");  // Fractured ankle
  EXPECT_EQ(read_ids(*served_, "I broke my phone"), "");
  EXPECT_EQ(read_ids(*served_, "I hit my brother"), "");
}

// A behaviour named by its act alone ("Cutting", of Self-cutting) is not read
// from the act done once to a part its name does not say, even a part a
// behaviour's name uses ("hair", "nails": Hair pulling, Nail-biting), nor from
// the act's word said alone as a noun ("a cut on my finger").
TEST_F(CheckerHpo, AnActOnceDoneToHairOrNailsOrACutIsNoSelfHarm) {
  EXPECT_EQ(read_ids(*served_, "I cut my hair"), "");
  EXPECT_EQ(read_ids(*served_, "I cut my nails"), "");
  EXPECT_EQ(read_ids(*served_, "I have a cut on my finger"), "");
  EXPECT_EQ(read_ids(*served_, "I am cutting my arms"), "HP:5200339;");  // Self-cutting
  EXPECT_EQ(read_ids(*served_, "I bite my nails"), "HP:0012170;");       // Nail-biting
}

}  // namespace
}  // namespace symptomdb::checker
