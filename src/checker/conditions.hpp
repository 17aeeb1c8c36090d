// Condition profiles from the site's own knowledge base, for everyday and
// serious conditions alike: each condition of the snapshot is described by
// what its articles say — symptom sections most, the overview and the cause
// and risk sections less — read into stemmed words and word pairs. A
// person's findings are ranked against every profile with BM25 (present
// findings for, findings they do not have against), plus a prior for how
// common the condition is, read from the sources themselves: a rare-disease
// collection (GARD, GHR) versus a general health-topics one, and what the
// text says in words ("common", "rare", "1 in 100,000").
//
// Every suggestion is explained finding by finding with the sentence of its
// article that matched, and carries what the text says about urgency
// ("medical emergency", "call 911", "goes away on its own") for triage.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "checker/condition_names.hpp"
#include "checker/context_fit.hpp"
#include "checker/profile_sources.hpp"
#include "engine/snapshot.hpp"
#include "ontology/ontology.hpp"
#include "text/analyzer.hpp"

namespace symptomdb::checker {

// Free constants of the model; the defaults were chosen on the vignette dev
// set (bench/checker/README.md), never per condition.
struct ProfileParameters {
  double k1 = 1.2;
  double b = 0.75;
  double weight_name = 0.5;
  double weight_symptoms = 1.0;
  double weight_overview = 0.5;
  double weight_causes = 0.25;
  // Sections that describe the person's findings less directly than the
  // symptom section: what the doctor finds (exams and tests), the signs
  // that call for a doctor, what the condition leads to. 0 leaves them out.
  double weight_exams = 0;
  double weight_when = 0;
  double weight_complications = 0;
  // Finding names read from a general topic's symptom and overview text
  // (ProfileSources::read_findings), times the section's weight.
  double weight_readings = 0.5;
  // 1: read the overview too. Measured: nearly the same ranking for 60% more
  // build time (bench/checker/README.md), so symptom sections only.
  double read_overview = 0;
  // The symptom and overview text of other entries of the same condition
  // (an identical UMLS CUI: MedlinePlus "Kidney Stones" and NIDDK "Kidney
  // Stones in Adults"), times the section's weight; for entries with text of
  // their own. CUIs that more than `kin_max` entries share are too broad.
  double weight_kin = 0.25;
  double kin_max = 4;
  double pair_boost = 1.0;     // a matching word pair counts as this many extra words
  double absent_weight = 0.3;  // how much a finding the person does not have counts against
  double rare_prior = -20.0;   // a condition known only from a rare-disease collection
  double words_prior = 0.5;    // per net "common"/"rare" statement in its own text
  // Per general health encyclopedia beyond the first with an entry for the
  // condition (MedlinePlus health topics, A.D.A.M., NIHSeniorHealth, the
  // site's own articles): each is written about what the public looks up,
  // so being in several says a condition is common where its text may not
  // ("Common Cold" is in three; "Coronavirus Infections", whose short text
  // says "common" twice, in one). Measured on the vignettes
  // (bench/checker/README.md, "How many encyclopedias"): 1 gains top-1 on
  // both halves; 2 and 3 gain more top-1 and lose top-3 and top-20 on the
  // even half. With `broad_prior` on, 1 still gains top-1 on both halves and
  // loses one top-20 vignette on each ("Latest: merged main", seventh session).
  double sources_prior = 1;
  // A condition no general health encyclopedia has an entry for (MedlinePlus
  // health topics, the A.D.A.M. encyclopedia, NIHSeniorHealth, the site's own
  // articles), only a specialist institute's collection (CDC, NIDDK, NINDS,
  // NHLBI, NCI): those collections describe many uncommon infections,
  // poisonings and syndromes ("Crimean-Congo Hemorrhagic Fever", "Cyclic
  // Vomiting Syndrome") at length, and a long text shares words with any
  // story. Not added to `rare_prior`; on its scale (bench/checker/README.md).
  double specialist_prior = -20.0;
  double expansion_weight = 0.5;  // words of HPO names a finding was read as
  // A finding read as a clinical term the general texts hardly use
  // ("dysuria", where the encyclopedias say "pain or burning when you
  // urinate") is also matched through the term's layperson synonyms
  // (ProfileFinding::synonyms), at this times the expansion weight. "Hardly
  // use": its name's most used word is in no more than `lay_share` of the
  // general topics' texts. A term they use (fever, cough) keeps its label
  // alone, as its synonyms' everyday words ("pain", "difficult") are in
  // every long text. Measured on the vignettes (bench/checker/README.md,
  // ninth session): 0.5 changes no cell of either half; 1 loses one even
  // top-20 vignette; the exact synonyms as well lose top-1; a share of 0.03
  // or more loses top-1 on both halves. 0: off.
  double lay_weight = 0.5;
  double lay_share = 0.01;
  // A finding read as a clinical term the general texts do use ("hematuria",
  // "dyspnea") keeps its label alone (above); but a text that words the
  // finding in none of the person's words nor the label's ("blood in your
  // urine", "shortness of breath") is still looked up through the term's
  // layperson synonyms, at this times lay_weight times the expansion
  // weight, for that text only (ConditionModel::unworded_contribution).
  // 0: off.
  double unworded_weight = 0.75;
  // Query-time ranking rules (src/checker/profile_rank.cpp); each is off at
  // its neutral value (1 for weights, 0 otherwise).
  double chief_weight = 2.0;   // findings of the first sentence: what brings the person
  double unread_weight = 1.0;  // a finding no HPO term was read for, when others were read
  double finding_cap = 0;      // soft cap on what one finding can add (0: none)
  double min_idf = 0;          // words in more profiles than this idf says count nothing
  double topic_prior = 0;      // a "condition" whose name is a finding of many others
  double topic_share = 0.01;   // ... named in the symptom text of this share of profiles
  double group_prior = 0;      // named for children / women / men and the person is not
  // A topic named for a group of conditions of one organ or kind ("Vaginal
  // Diseases", "Lung Diseases", "Sleep Disorders", "Problems with Smell"):
  // its text surveys many conditions, so it holds the words of any story
  // about that organ, and a narrower condition whose own text fits is the
  // better explanation. Read from the name's English (a plural of disease,
  // disorder, problem or condition), never from a list of topics; added to
  // the score (0: off). Measured on the vignettes (-1, -2, -4, -8, -20,
  // -1000): no vignette ranks lower at any; at -20 and below the even half
  // gains 0.208/0.425/0.491/0.585 -> 0.226/0.443/0.500/0.594 (top-1/3/5/20)
  // and the odd half's top-20 0.516 -> 0.527, its top-1/3/5 unchanged.
  double broad_prior = -20;
  double coverage = 0;         // per share of the person's findings the profile explains
  double vocabulary = 0;       // exponent on how much a word is symptom language (0: off)
  double general_idf = 1;      // share of a word's idf taken over general topics only
  double length_exponent = 0;  // what findings add, times (average length / length)^this
  double finding_length = 0;   // a finding weighs (1 / its number of terms)^this
  // A word of a finding outside what the interpreter read in it (the story
  // around the symptom: "her son states that she seems more", "complaining",
  // "since"), when the query has read words at all (ProfileFinding::read;
  // checker::words_read fills it with the words of the names a clause was
  // read as, and with every word of a phrase read as nothing), counts this
  // much (1: as much as the rest). Measured on the vignettes
  // (bench/checker/README.md): while long clauses were mostly read as
  // nothing, 0.5, 0.25, 0.1 and 0 gained on the even half and changed
  // nothing on the odd half, and 0.25 was used. Once a clause is read
  // without its opening story words (Finding::core), many more are read as
  // a term, often as a part of what they say ("severe pain and swelling in
  // her hands fingers" read as Pain), and the discount then cuts symptom
  // words: 1 gains top-1 on both halves over 0.25 (eighth session).
  double story_weight = 1;
  // 1: a word of place the person said around a finding read as a term
  // ("pain in my stomach on the right side") counts only in a text that
  // says it in a sentence naming the finding, not where it is said of
  // another part ("the right side of the heart"); 0: anywhere.
  double place_in_sentence = 1;
  // 1: of the names of one term a finding was read as (its label and
  // layperson synonyms, QueryTerms::names), a text counts the largest once
  // ("odynophagia (painful swallowing)" is one finding said twice); 0:
  // every word of every name is summed.
  double names_once = 1;
  // 1: where the reader wrote the person's words in the texts' words ("feel
  // sick" as "nausea", ProfileFinding::words), the words as the person said
  // them are one more name of the term read, counted once with its other
  // names (names_once), so a text that says them as the person did
  // ("Feeling sick") meets them; 0: only the rewritten words count.
  double own_wording = 1;
  // Per share of the person's read findings (those the interpreter read as
  // HPO terms) that the profile explains: a condition that accounts for
  // most of what was read beats one that shares many story words (0: off).
  double read_coverage = 0;
  // A "condition" whose name is what the person reports (a finding of the
  // query, as written or as the HPO term it was read as: "Abdominal Pain",
  // "Hematuria (Blood in the Urine)") names the symptom rather than explains
  // it; added to its score, so it still ranks when nothing else matches.
  double named_prior = -20.0;
  // A condition whose name a run of the words of a finding no term was read
  // in says ("I burned my hand on the stove": Burns; names_condition), less
  // than the whole finding: the person names what happened or what they
  // have, where a finding that is a name whole ("back pain") or is read as
  // a symptom names what a condition explains (named_prior). Added to
  // its score, and explained (0: off). Measured on the vignettes
  // (bench/checker/README.md, twenty-third session): 3 and 6 change no
  // cell of either half; 8 loses even top-3 (Lyme Disease 3rd -> 4th).
  double said_prior = 6;
  // A symptom page (symptom_articles: a topic about a sign or symptom the
  // person reports, "Sore Throat") names what causes its symptom ("Often,
  // colds and flu cause sore throats. Other causes can include: ...
  // Tonsillitis"): a differential written by the site's own sources. A
  // condition a page of the person's findings names (resolved by its name,
  // named_in; not the page itself nor another symptom page) gets
  // `cause_prior` added to its score, and `cause_common` more when the
  // sentence naming it says the cause is a frequent one ("often", "most
  // common"); explained with that sentence (symptom_causes.cpp).
  // `cause_scope`: 1 only the pages of the findings of the person's first
  // sentence (ProfileFinding::chief), 0 any present finding's.
  // `cause_words`: 1 only pages the person's own words name, 0 also those
  // of the HPO terms a finding was read as. 0 weights: off.
  double cause_prior = 20;
  double cause_common = 10;
  double cause_scope = 1;
  double cause_words = 0;
  // The raise, times (1 / the number of the person's present findings)^this:
  // what a symptom's page says causes it is the best guess when that
  // symptom is all the person says, and their own findings decide more the
  // more of them there are (0: the same for every description).
  double cause_dilution = 1;
  // How much of a condition's text is about what the person describes
  // (profile_rank.cpp, ConditionModel::apply_about): per finding, the share
  // of the profile's sentences that say its words, each word weighed by its
  // specificity (idf) and its weight in the finding. A text that is about
  // the finding ("Rotator Cuff Injuries": the shoulder in most sentences)
  // explains it better than one whose list of signs names it once in
  // passing ("Ectopic Pregnancy": "Shoulder pain" among a dozen signs),
  // which BM25 cannot tell apart: a short list of signs holding the exact
  // phrase scores highest. Added to the `about_depth` best by the rules
  // above, `about_weight` times the share (averaged over the present
  // findings by their weights), times (1 / the number of present
  // findings)^`about_dilution`: for a short description the text's topic
  // is most of the evidence there is; a long story's own findings decide.
  // 0 weight: off. Measured (bench/checker/README.md, thirty-second
  // session): 80 with dilution 2 changes no vignette cell and, served,
  // ranks the ear's conditions first for "I have an earache"; dilution 1
  // loses top-20. Off: served, a text about the finding also wins where a
  // common cause should ("I have a cough": Whooping Cough at 97%, where
  // Common Cold was first). The tests of other rules, whose made-up texts
  // are a few sentences long, leave it out (testing::without_about).
  double about_weight = 0;
  double about_dilution = 2;
  double about_depth = 20;
  // Findings an annotation file lists for the condition (profile_sources.hpp).
  // A quarter: such a list names every feature any patient with the disease
  // was recorded with, so it shares words with many stories ("Ethylene glycol
  // poisoning" first for kidney stones); 0.25 and 0.35 measured alike, 0.5
  // one vignette worse on each half (bench/checker/README.md).
  double weight_annotations = 0.25;
  bool annotate_described = false;  // also for conditions the articles describe
  // Per group of people (children, older adults, women, men) the text says
  // a condition affects most, for a person in it or outside it.
  double affected_weight = 0.5;
  // Query-time fit of a condition's main symptoms (src/checker/main_findings.cpp):
  // the words its symptom sections repeat most (specific, symptom language).
  // BM25 scores what of the person's story a text holds; these score what of
  // the condition's own picture the person has (`main_have`, per share of
  // its main symptoms' weight) or says they do not have (`main_denied`, per
  // share, subtracted), which tells two neighbours of one organ system apart
  // ("Balance Problems" and "Meniere's Disease" both hold "dizziness"; only
  // one lists tinnitus and hearing loss first). Applied to the `main_depth`
  // best by the other rules (0: all matched): a re-ranking of the near
  // ones; `main_count` main words per condition. 0 weights: off. Chosen on
  // the odd vignette ids, checked on the even ones (bench/checker/README.md,
  // "Query-time scoring, round 3"); `main_denied` lost on both halves.
  double main_have = 10;
  double main_denied = 0;
  double main_depth = 10;
  double main_count = 5;
  // 1: the fit only reorders the `main_depth` best, which keep the scores
  // their places had (the first keeps the first's score, and so on), so the
  // gaps that triage and the display shares read stay as the other rules
  // made them; 0: the fit is added to the scores.
  double main_keep_scores = 1;
  // What an entry is about (profile_sources.hpp, Focus), from the UMLS
  // semantic types of its sources. A sign or symptom ("Balance Problems")
  // or a finding is what a person reports, not what explains it: added to
  // its score, so it ranks below the disorders that explain the same
  // findings and still ranks when none does. 1: entries filed as neither a
  // disease nor a drug and not annotated (medicines, tests, ways of living)
  // get a profile; 0: they are not conditions (build time).
  // -1000: after every disorder that matches any of the person's findings,
  // so only when nothing else does. Measured on the vignettes
  // (bench/checker/README.md, "What is a condition"): -40, -100 and -1000
  // rank them alike (-20 less), and gain on both halves; but a symptom page
  // whose whole text is about one complaint ("Dizziness and Vertigo" for
  // "dizzy and the room is spinning") out-scores the disorders by more than
  // 40. Removing them instead lost the one profile some diagnoses resolve
  // to ("Cluster Headache" is MedQuAD's "Headache"). Findings (T033) are left
  // alone: "Angina" and "Menopause" are annotated so, and demoting them lost.
  double symptom_prior = -1000;
  double finding_prior = 0;
  // An entry about no disorder (a medicines or tests topic), when it has a
  // profile; demoted like a symptom, not removed: "Pregnancy" is one and a
  // diagnosis. -5 to -1000 measured alike.
  double other_prior = -1000;
  double other_profiles = 1;
  double symptom_profiles = 1;  // 0: signs and symptoms get no profile (build time)
  // Matching through concepts (src/checker/concept_match.cpp), once the
  // model knows the ontology (ConditionModel::set_concepts): the person's
  // findings as the HPO terms the interpreter read them as, against the
  // terms read from each profile's text, through the hierarchy. A finding
  // meets a profile at their most informative common term (itself, or a
  // more general one: "abdominal pain" meets "right lower quadrant pain" at
  // "abdominal pain"), worth that term's information content over the
  // profiles (how few conditions' texts say it or something under it, so
  // "fever" counts little and "vesicular rash" much) times `concept_weight`
  // and the finding's weight; each term of the person counts once. Common
  // terms below `concept_min_ic` say nothing. A term the person says they
  // do not have counts `concept_absent` times its information content
  // against profiles whose text states it or something under it. 0: off.
  // Chosen on the odd vignette ids, checked on the even ones
  // (bench/checker/README.md, "Matching through concepts"): the terms
  // against (`concept_absent` 1) gained on both halves; the terms for
  // (`concept_weight`) lost on both at every weight tried (the person's
  // clauses are read into their most general terms, "abdominal pain", and
  // those favour the long texts of neighbours), so it is off.
  double concept_weight = 0;
  double concept_min_ic = 1.0;
  double concept_absent = 1.0;
  // A meeting at the person's own term, times this: the words of the term's
  // name already meet the same name read from the profile's text
  // (weight_readings, expansion_weight), so 0 counts only what the
  // hierarchy adds.
  double concept_exact = 1;
  // What a profile's concepts add, times (average number of terms / its
  // number)^this: a long text is read into many terms (0: off).
  double concept_length = 0;
  // The person's context (src/checker/context_fit.cpp). `risk_weight`: per
  // phrase of the person's history (ContextQuery::history) that the
  // condition's risk or cause text names, at most `risk_cap` phrases; a word
  // counts only when the risk text of at most `risk_share` of the profiles
  // uses it (a risk factor, not "people" or "medicine"). `risk_present`:
  // the present findings count as history too (the story often holds it:
  // "he is a heavy smoker"). `onset_weight`: a story that came on suddenly
  // or within `onset_acute_days` (or gradually, or over at least
  // `onset_chronic_days`) against a text that says the condition comes on
  // suddenly or develops gradually; `onset_mismatch` times it is taken off
  // when they disagree; an acute story counts `onset_acute_scale` times.
  // `onset_strict`: only sentences about how it begins ("develops slowly")
  // state a course, not any with the words ("gradually goes away"). All 0:
  // off.
  double risk_weight = 2;
  double risk_share = 0.05;
  double risk_cap = 2;
  double risk_present = 0;
  double onset_weight = 2;
  double onset_mismatch = 1;
  double onset_acute_scale = 1;
  double onset_strict = 1;
  double onset_acute_days = 14;
  double onset_chronic_days = 90;
  // What sets a condition apart from the conditions near it
  // (src/checker/near_contrast.cpp): among the `contrast_depth` best by the
  // other rules, a word of the person's that all of them hold ("chest" among
  // heart conditions) tells none of them apart, however specific it is over
  // all the profiles. Each of the near ones is scored again with each word's
  // contribution times its specificity among them (log(depth / how many of
  // them hold it) / log(depth): 1 for a word only one holds, 0 for one all
  // hold), `contrast_weight` of the way from its own contribution (0: off);
  // they are reordered by that score and each place keeps the score it had,
  // as the main-symptom fit does. Applied before that fit. Measured on the
  // vignettes (with broad_prior -20): at 1 it lost on both halves (top-1
  // 0.264 -> 0.132 odd, 0.226 -> 0.123 even): how often the near ones' texts
  // repeat the complaint is what puts the right one first more often than
  // not. 0.1 to 0.5 trade top-1 for top-3/5 (0.5 on the words read as
  // terms: top-1 0.286 odd, 0.236 even; top-3 0.341 -> 0.363 odd but
  // 0.443 -> 0.396 even), so it is off.
  double contrast_weight = 0;
  double contrast_depth = 10;
  double contrast_scope = 0;  // 0 all findings, 1 the complaint's, 2 those read as terms
  // The displayed shares (RankedProfile::probability) are a softmax over
  // the returned conditions' scores divided by this. The scores add up
  // evidence from overlapping sentences of one text, far from independent,
  // so at 1 the first got 85% on average where it was right in 47% of the
  // vignettes whose diagnosis was listed. Fitted by likelihood of the truth
  // on each half of the vignette dev set (odd ids 6.0, even ids 6.6) and
  // judged on the other, where the first's mean share came within 0.01 of
  // how often it was right (bench_vignettes --calibration;
  // bench/checker/README.md "Displayed shares"). Triage reads the same
  // shares (triage.hpp, LikelyRule): 2 of 197 vignettes changed level.
  double share_temperature = 6;
};

// What the person said, already split into findings.
struct ProfileFinding {
  std::string text;
  std::vector<std::string> expansions;  // the HPO labels of the terms it was read as
  // Per expansion (same order; may be shorter): its names in the public's
  // words, HPO's layperson synonyms (ProfileParameters::lay_weight).
  std::vector<std::vector<std::string>> synonyms;
  bool chief = false;  // part of what brings the person (their first sentence)
  // The words of `text` the interpreter read as findings (clause_reading.hpp);
  // the other words are the story around them.
  std::vector<std::string> read;
  // `text` in the words the texts use (Interpreter::in_names_words), matched
  // in its place when set; `text` stays what the person wrote.
  std::string words;
};
struct ProfileQuery {
  std::vector<ProfileFinding> present;
  std::vector<ProfileFinding> absent;
  std::optional<double> age_years;
  std::optional<bool> female;
  ContextQuery context;  // history, onset and course (context_fit.hpp)
  std::size_t limit = 10;
};

// Urgency the knowledge base states for a condition, strongest first.
enum class Urgency : std::uint8_t { none, self_limited, see_doctor, urgent, emergency };

struct ProfileEvidence {
  std::string finding;             // as the person wrote it
  bool absent = false;             // a finding they said they do not have
  std::vector<std::string> words;  // the words of it the profile shares
  double contribution = 0;         // to the score (negative when against)
  std::string quote;               // the article sentence that says so
  std::string section;             // its section type ("symptoms")
  // A line about the condition as a whole (the main-symptom fit), not one of
  // the person's findings: `finding` then says what the line is.
  bool overall = false;
  // The line of the condition's own main symptoms the person has
  // (main_findings.cpp): `words` are those symptoms.
  bool main_symptoms = false;
};

struct RankedProfile {
  std::size_t profile = 0;
  double score = 0;
  double probability = 0;  // share among the returned, for display
  double prior = 0;
  std::vector<ProfileEvidence> evidence;
  // Other entries of the same condition that ranked lower, folded into
  // this one for display (ConditionModel::one_per_condition).
  std::vector<std::size_t> also;
};

struct Profile {
  std::size_t condition = 0;  // position in Snapshot::conditions()
  std::string name;
  std::string slug;
  std::vector<std::string> also_called;
  std::string article;     // slug of the article to read first
  std::string collection;  // of that article
  bool rare = false;       // known only from a rare-disease collection
  // Some general health encyclopedia has an entry for it (with text or a
  // name only): ProfileParameters::specialist_prior.
  bool encyclopedia = false;
  int common_words = 0;  // net "common" minus "rare" statements
  // How many general health encyclopedias have an entry for it (the site's
  // own articles count as one): ProfileParameters::sources_prior.
  int encyclopedias = 0;
  Urgency urgency = Urgency::none;
  std::string urgency_quote;  // the sentence that says it
  std::uint32_t length = 0;   // words in the symptom-bearing sections
  // Names of entries without text that resolve here (condition_names.hpp):
  // other names of this condition, or narrower ones its article describes.
  std::vector<CoveredName> covers;
  Affected affected;              // who its text says it affects most (profile_sources.hpp)
  Focus focus = Focus::disorder;  // what its sources say it is about
  // Some source files it as a sign or symptom (UMLS T184: "Sore Throat",
  // "Chest Pain"), whatever else they say: a page about what a person
  // reports, whose text names its causes (ProfileParameters::cause_prior).
  bool sign = false;
};

class ConditionModel {
 public:
  ConditionModel() = default;
  static ConditionModel build(const Snapshot& snapshot, ProfileParameters p = {},
                              const ProfileSources& sources = {});

  std::size_t size() const { return profiles_.size(); }
  const Profile& profile(std::size_t i) const { return profiles_[i]; }
  // The other profiles of the condition profile `i` is of: those with the
  // same name, word order, plurals and stop words aside (the site's
  // "Urinary tract infection" and MedlinePlus's "Urinary Tract
  // Infections"). What one says of the condition, the others' readers need.
  const std::vector<std::uint32_t>& same_named(std::size_t i) const { return same_named_[i]; }
  // The profile built for a snapshot condition, if it has enough text.
  std::optional<std::size_t> profile_of_condition(std::size_t condition) const;
  const ProfileParameters& parameters() const { return params_; }
  // Changes the constants used at query time (all but the field weights,
  // which are fixed when the profiles are built): the bench's tuning grid.
  void set_query_parameters(const ProfileParameters& p) {
    const auto kept = params_;
    params_ = p;
    params_.weight_name = kept.weight_name;
    params_.weight_symptoms = kept.weight_symptoms;
    params_.weight_overview = kept.weight_overview;
    params_.weight_causes = kept.weight_causes;
    params_.weight_exams = kept.weight_exams;
    params_.weight_when = kept.weight_when;
    params_.weight_complications = kept.weight_complications;
    params_.weight_readings = kept.weight_readings;
    params_.read_overview = kept.read_overview;
    params_.weight_kin = kept.weight_kin;
    params_.kin_max = kept.kin_max;
    params_.other_profiles = kept.other_profiles;
    params_.symptom_profiles = kept.symptom_profiles;
    if (p.topic_share != kept.topic_share || p.vocabulary != kept.vocabulary ||
        p.general_idf != kept.general_idf) {
      prepare_ranking();
      prepare_main_terms();  // weighed by the idf prepare_ranking sets
      prepare_causes();      // which profiles are symptom pages may change
    }
    params_.weight_annotations = kept.weight_annotations;
    params_.annotate_described = kept.annotate_described;
  }
  // Lets the ranking match findings through the ontology the interpreter
  // reads with (ProfileParameters::concept_weight): the names read from the
  // profiles' text when they were built become its terms. The ontology is
  // kept for the ancestors of the person's terms.
  void set_concepts(std::shared_ptr<const ontology::Ontology> ontology);
  bool has_concepts() const { return concepts_ != nullptr; }
  // The information content of an ontology term over the profiles (0 when
  // no profile's text states it or a term under it, or without concepts).
  double concept_ic(ontology::TermIndex t) const;

  // A general symptom topic ("Back Pain"): its name is a finding that many
  // other conditions' symptom sections list.
  bool symptom_topic(std::size_t profile) const;
  // Articles about the person's symptoms themselves: the symptom topics and
  // the profiles about a sign or symptom (Focus) that a present finding
  // names ("I have constipation": Constipation), in the findings' order,
  // at most `limit`. Not explanations of the findings, so never ranked
  // among the conditions; what a health site shows beside them.
  std::vector<std::size_t> symptom_articles(const ProfileQuery& q, std::size_t limit = 3) const;
  // True when a run of the text's words (up to four) is a profile's name as
  // people write it ("I think I have the flu", "I burned my hand": Burns),
  // word order, plurals and stop words aside (name_identity). What tells a
  // description about a condition from one that names nothing the knowledge
  // base knows ("I feel like crap"), when no finding was read as a term.
  bool names_condition(std::string_view text) const;
  // How much a word (stem, or a pair as profile_terms gives it) is the
  // language of symptoms: of the profiles that use it, the smoothed share
  // that use it in a symptom section (0.5 for a word never seen).
  double symptom_share(std::string_view term) const;

  // The profiles a condition name means (condition_names.hpp): what the
  // server shows with each profile and what the bench counts as the truth.
  std::vector<NameMatch> resolve(std::string_view name) const;
  // True when the profile's own text uses the phrase (all its words and word
  // pairs); what other entries of the condition say does not count.
  bool mentions(std::size_t profile, std::string_view phrase) const;
  // True when the profile's own text has the stemmed word (or word pair).
  bool has_term(std::size_t profile, const std::string& term) const;

  // Each profile's risk text and stated course (context_fit.hpp).
  const ContextIndex& context() const { return context_; }
  // True when some word of the text occurs in a profile.
  bool knows(std::string_view text) const;
  // One score per profile (bench, peers).
  std::vector<double> scores(const ProfileQuery& q) const;
  // The best `limit`, explained.
  std::vector<RankedProfile> rank(const ProfileQuery& q) const;
  // The ranked list with each condition once, for display: the sources
  // describe some conditions under two entries with different names
  // ("Influenza" and "Flu", tied by a synonym or identical UMLS CUIs:
  // condition_names.hpp), and both rank when the condition fits. A lower
  // entry of a condition already listed is folded into it (its `also`); the
  // condition keeps the first entry's place and share, so the shares shown
  // follow the order. Triage reads the list as ranked, before
  // this: folding moves conditions up into the places triage counts as
  // likely, which sent a story of ear wax to `emergency` through
  // Meniere's disease when tried (bench/checker/README.md).
  std::vector<RankedProfile> one_per_condition(std::vector<RankedProfile> ranked) const;

 private:
  struct Posting {
    std::uint32_t profile;
    float tf;  // field-weighted
  };
  struct Sentence {
    std::string text;
    std::string section;
    std::vector<std::uint32_t> terms;  // sorted, unique
  };
  struct QueryTerms {
    // term -> weight (1 for the person's own words, less for expansions)
    std::vector<std::pair<std::uint32_t, double>> terms;
    // Per term, which wording gave it (name_tag): 0 for the person's own
    // words; else the HPO term it was read as and which of that term's names
    // (its label, or one of its layperson synonyms). The names of one term
    // are one finding said in other words: in a text that says two of them
    // ("odynophagia (painful swallowing)") only the larger counts.
    std::vector<std::uint32_t> names;
    // The layperson synonyms of the terms it was read as that `terms` does
    // not hold (ProfileParameters::unworded_weight): matched only in a text
    // that words the finding in none of `terms`.
    std::vector<std::pair<std::uint32_t, double>> unworded;
  };
  // A query as scored: each term belongs to one finding (its strongest
  // mention), each finding has its weight.
  struct PreparedFinding {
    const ProfileFinding* finding = nullptr;
    bool absent = false;
    double weight = 1;
    std::vector<std::pair<std::uint32_t, double>> terms;
    std::vector<std::uint32_t> names;                        // per term, QueryTerms::names
    std::vector<std::pair<std::uint32_t, double>> unworded;  // QueryTerms::unworded
    // Words of place the person said around a finding read as a term ("on
    // the right side", "low down") that no name of the term says (sorted),
    // and the names' words (each name's term ids, sorted): a place word
    // counts only in a text that says it in a sentence naming the finding
    // (placed).
    std::vector<std::uint32_t> places;
    std::vector<std::vector<std::uint32_t>> named;
  };
  // Whether term `t` of `f` counts in `profile`: any term but a place word
  // (PreparedFinding::places); a place word where a sentence of the
  // profile's text holds it and every word of one of the finding's names.
  bool placed(const PreparedFinding& f, std::uint32_t t, std::uint32_t profile) const;
  // The wording tag of QueryTerms::names: the `option`th name (0: the
  // label) of the `read`th term a finding was read as.
  static std::uint32_t name_tag(std::size_t read, std::size_t option) {
    return static_cast<std::uint32_t>(((read + 1) << 16) | (option + 1));
  }
  // What a finding's terms sum to in one profile, `value(index)` each
  // term's part (0 when the profile lacks it): the person's own words are
  // summed; of the names of one term it was read as, the largest sum
  // counts, once. The terms that counted are added to `counted`, if given.
  template <typename Value>
  static double sum_of_names(const PreparedFinding& f, Value&& value,
                             std::vector<std::size_t>* counted = nullptr) {
    double sum = 0, best = 0, cur = 0;
    std::uint32_t option = 0;
    std::size_t cur_begin = 0, best_begin = 0, best_end = 0;
    auto close_option = [&](std::size_t end) {
      if (cur > best) best = cur, best_begin = cur_begin, best_end = end;
      cur = 0;
    };
    auto close_read = [&]() {
      sum += best;
      if (counted)
        for (std::size_t k = best_begin; k < best_end; ++k)
          if (value(k) != 0) counted->push_back(k);
      best = 0, best_begin = best_end = 0;
    };
    for (std::size_t i = 0; i < f.terms.size(); ++i) {
      const std::uint32_t tag = i < f.names.size() ? f.names[i] : 0;
      const double v = value(i);
      if (tag == 0) {
        sum += v;
        if (counted && v != 0) counted->push_back(i);
        continue;
      }
      if (tag != option) {
        if (option != 0) {
          close_option(i);
          if ((tag >> 16) != (option >> 16)) close_read();
        }
        option = tag;
        cur_begin = i;
      }
      cur += v;
    }
    if (option != 0) {
      close_option(f.terms.size());
      close_read();
    }
    return sum;
  }
  std::vector<PreparedFinding> prepare(const ProfileQuery& q) const;
  // The contrast among the near ones (near_contrast.cpp): what it changed
  // in each profile's score, and each of the person's terms' specificity
  // among the near ones (for the explanation).
  struct Contrast {
    std::vector<double> delta;
    std::unordered_map<std::uint32_t, double> specificity;
  };
  // The sentence of a profile's text that names most of `terms`, the first
  // of equals; none when no sentence names any. What an explanation line
  // quotes.
  const Sentence* sentence_naming_most(std::size_t profile,
                                       const std::vector<std::uint32_t>& terms) const;
  // What one finding adds to a profile's score, from its summed term scores.
  double finding_contribution(const PreparedFinding& f, double raw) const;
  // A finding's layperson synonyms (PreparedFinding::unworded) matched in
  // the texts that word it in none of its terms: the profiles of
  // `worded_in` did; adds to score (raw is zero on entry and on return,
  // worded all zero).
  void add_unworded(const PreparedFinding& f, const std::vector<std::uint32_t>& worded_in,
                    std::vector<char>& worded, std::vector<double>& raw, std::vector<double>& score,
                    std::vector<char>& matched) const;
  // The summed term scores of `terms` in one profile, the terms it holds
  // added to `hit` (the explanation: a finding's terms, or, in a profile
  // that holds none of them, its PreparedFinding::unworded).
  double raw_in(const std::vector<std::pair<std::uint32_t, double>>& terms, std::uint32_t profile,
                std::vector<std::uint32_t>& hit) const;
  // The same for a finding's terms, its names counted once (sum_of_names).
  double raw_in(const PreparedFinding& f, std::uint32_t profile,
                std::vector<std::uint32_t>& hit) const;
  // One term's score in one profile, times `w` (0 when it lacks the term).
  double term_in(std::uint32_t term, double w, std::uint32_t profile) const;
  double length_factor(std::size_t profile) const;
  // Fixed at build: which profiles are symptom topics or named for a group.
  void prepare_ranking();
  // The conditions each symptom page names as causes of its symptom
  // (ProfileParameters::cause_prior; symptom_causes.cpp): per profile, empty
  // but for symptom pages; fixed at build, so a query pays a lookup.
  struct Cause {
    std::uint32_t profile;
    std::uint32_t sentence;  // index in sentences_ of the page
    bool common;             // that sentence says the cause is a frequent one
  };
  std::vector<std::vector<Cause>> causes_;
  void prepare_causes();
  // What a query's symptom pages say of one profile: the page and sentence
  // naming it (page + 1; 0: none) and what it adds to the score.
  struct CauseNamed {
    std::uint32_t page = 0;
    std::uint32_t sentence = 0;
    double bonus = 0;
    bool common = false;
  };
  // The symptom pages of the query's findings (as cause_scope and
  // cause_words say), in the findings' order, each once.
  std::vector<std::uint32_t> cause_pages(const ProfileQuery& q) const;
  std::vector<CauseNamed> caused_by(const ProfileQuery& q) const;
  // The line that explains it (in rank()).
  void explain_cause(const CauseNamed& c, std::vector<ProfileEvidence>& evidence) const;
  // What scoring a query worked out on the way, for rank() to explain the
  // scores with the same findings rather than work them out again.
  struct Scoring {
    std::vector<char> hit;  // the profiles any finding reached
    std::vector<double> delta;
    Contrast contrast;
    std::vector<PreparedFinding> prepared;
    std::vector<char> said;
    std::vector<CauseNamed> caused;  // per profile (cause_by); empty when off
    std::vector<double> about;       // per profile (apply_about); empty when off
  };
  std::vector<double> scores(const ProfileQuery& q, Scoring* out) const;
  QueryTerms terms_of(const ProfileFinding& f, text::Analyzer& analyzer, bool story) const;
  // Whether the general topics' texts hardly use a name (lay_share).
  bool unsaid(std::string_view name, text::Analyzer& analyzer) const;
  double term_score(std::uint32_t term, float tf, std::uint32_t profile) const;
  double prior(std::size_t profile, const ProfileQuery& q) const;
  // The main symptoms of each profile (main_findings.cpp): the stems its
  // symptom sections say most, strongest first, with their weights.
  struct MainTerm {
    std::uint32_t term;
    float weight;
  };
  std::vector<std::vector<MainTerm>> main_terms_;
  void prepare_main_terms();
  // How one profile's main symptoms fit the prepared query: the share of
  // their weight the person has and the share they deny, and which.
  struct MainFit {
    double have = 0, denied = 0;
    std::vector<std::uint32_t> have_terms, denied_terms;
  };
  struct MainQuery {
    std::vector<std::uint32_t> present, absent;  // sorted term ids
  };
  // The query's terms with the person's words for them, for the
  // explanation: read once per query, not once per explained condition.
  struct MainWords {
    MainQuery query;
    std::unordered_map<std::uint32_t, std::string> surface;
  };
  MainWords main_words(const std::vector<PreparedFinding>& prepared) const;
  static MainQuery main_query(const std::vector<PreparedFinding>& prepared);
  MainFit main_fit(std::size_t profile, const MainQuery& q) const;
  double main_adjustment(const MainFit& fit) const {
    return params_.main_have * fit.have - params_.main_denied * fit.denied;
  }
  // Applies the main-symptom fit to the best profiles' scores (in scores());
  // marks those it re-ranked with 2 in `matched` and, if given, what it
  // changed in each one's score in `delta`.
  // ProfileParameters::about_weight: adds to `score` and fills `about`.
  void apply_about(const std::vector<PreparedFinding>& prepared, const std::vector<char>& matched,
                   std::vector<double>& score, std::vector<double>& about) const;
  // The share of a profile's sentences that say a term.
  double sentence_share(std::uint32_t term, std::size_t profile) const;
  void apply_main_fit(const std::vector<PreparedFinding>& prepared, std::vector<char>& matched,
                      std::vector<double>& score, std::vector<double>* delta) const;
  // The same fit as explanation lines adding up to `delta` (in rank()).
  void explain_main_fit(const MainWords& words, std::size_t profile, double delta,
                        std::vector<ProfileEvidence>& evidence) const;

  // Reorders the best profiles by what tells them apart; fills `out`, if
  // given.
  void apply_contrast(const std::vector<PreparedFinding>& prepared,
                      const std::vector<char>& matched, std::vector<double>& score,
                      Contrast* out) const;
  // The same as an explanation line (in rank()): the person's words that
  // few of the near ones hold.
  void explain_contrast(const std::vector<PreparedFinding>& prepared, const Contrast& contrast,
                        std::size_t profile, std::vector<ProfileEvidence>& evidence) const;

  // Matching through concepts (concept_match.cpp).
  struct Concepts {
    std::shared_ptr<const ontology::Ontology> ontology;
    std::unordered_map<std::string, ontology::TermIndex> by_label;  // folded label
    std::vector<float> ic;                                          // per term, over the profiles
    std::vector<std::vector<std::uint32_t>> postings;  // per term: profiles stating it or below
    std::vector<std::vector<ontology::TermIndex>>
        closure;                 // per profile: its terms and above, sorted
    double average_closure = 1;  // over profiles with terms
  };
  double concept_norm(std::size_t profile) const;
  std::shared_ptr<const Concepts> concepts_;
  // A finding's best meeting with one profile: the term they meet at and
  // what it adds (before the finding's weight).
  struct ConceptMeet {
    ontology::TermIndex term = 0;
    double ic = 0;
  };
  // The person's terms, each once, with the finding that carries it.
  struct ConceptTerm {
    std::size_t finding;  // index into the prepared findings
    ontology::TermIndex term;
  };
  std::vector<ConceptTerm> concept_terms(const std::vector<PreparedFinding>& prepared) const;
  // Adds the concept matches to the scores of the profiles the person's
  // words reached (`matched`, in scores()).
  void apply_concepts(const std::vector<PreparedFinding>& prepared, std::vector<double>& score,
                      const std::vector<char>& matched) const;
  // What one prepared finding's terms add to one profile (in rank()), and
  // the term they meet at.
  double concept_contribution(const std::vector<PreparedFinding>& prepared,
                              const std::vector<ConceptTerm>& terms, std::size_t finding,
                              std::size_t profile, ConceptMeet* meet) const;
  ConceptMeet concept_meet(ontology::TermIndex term, std::size_t profile) const;
  std::vector<std::vector<std::string>> read_labels_;  // per profile, as built

  ProfileParameters params_;
  std::vector<Profile> profiles_;
  std::vector<std::vector<Sentence>> sentences_;  // per profile, symptom-bearing text
  // Per profile, sorted: terms only the text of other entries or the names
  // read from its text gave it. They rank, but do not make its own text
  // "use" a name (mentions(), for the narrower-name rule).
  std::vector<std::vector<std::uint32_t>> borrowed_;
  std::unordered_map<std::string, std::uint32_t> term_ids_;
  std::vector<std::vector<Posting>> postings_;
  std::vector<double> idf_;
  std::vector<float> lengths_;
  double avg_length_ = 1;
  std::vector<std::int64_t> profile_of_condition_;
  enum Trait : std::uint8_t {
    kSymptomTopic = 1,  // its name is a finding many other conditions list
    kChildren = 2,      // named for children
    kWomen = 4,
    kMen = 8,
    kOlder = 16,  // named for older adults
    kBroad = 32,  // named for a group of conditions (ProfileParameters::broad_prior)
  };
  std::vector<std::uint8_t> traits_;  // per profile
  // Profiles by the identity of their name's forms (name_identity), to find
  // those a finding names (ProfileParameters::named_prior).
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_name_identity_;
  std::vector<std::vector<std::uint32_t>> same_named_;  // per profile (same_named)
  // The profiles named by a present finding of the query.
  std::vector<char> named_by(const ProfileQuery& q) const;
  // The profiles whose names a run of the words of `text` says
  // (names_condition), each once.
  std::vector<std::uint32_t> named_in(std::string_view text) const;
  // Each run of up to four words of `text` that is a profile's name (its
  // name_identity), with that profile and the run as written: what
  // named_in and the symptom pages' causes (prepare_causes) read.
  struct NamedRun {
    std::uint32_t profile;
    std::string run;    // folded words, as written
    std::size_t words;  // in the run
  };
  std::vector<NamedRun> named_runs(std::string_view text) const;
  // Per profile, whether a finding no term was read in names it
  // (said_prior); empty when off.
  std::vector<char> said_by(const ProfileQuery& q) const;
  std::vector<float> symptom_share_;  // per term
  std::vector<char> place_terms_;     // per term: a word of place, or a pair with one
  std::vector<char> pair_terms_;      // per term: a word pair
  // Per word of place (place_terms_), the sentences that hold it, as
  // (profile, index in sentences_[profile]) in order: placed() looks only
  // through these, not through every sentence of a profile.
  std::unordered_map<std::uint32_t, std::vector<std::pair<std::uint32_t, std::uint32_t>>>
      place_sentences_;
  std::vector<double> idf_all_;            // idf over all profiles, as built
  std::vector<std::uint32_t> general_df_;  // per term: general topics whose text has it
  std::size_t general_count_ = 0;          // general topics (not rare-disease ones)
  std::vector<float> vocabulary_weight_;   // per term, from symptom_share_ and the exponent
  ConditionNames names_;
  ContextIndex context_;  // per profile: risk text and stated course (context_fit.hpp)
};

// Stemmed words and adjacent word pairs of a text, as the model indexes
// them (stop words dropped). Exposed for the BM25 peer and tests.
std::vector<std::string> profile_terms(std::string_view text, bool pairs);

// A word's stem as the model indexes it: a noun and the adjective made from
// it are one ("urgency" and "urgent", "abdomen" and "abdominal").
std::string indexed_stem(std::string stem);

}  // namespace symptomdb::checker
