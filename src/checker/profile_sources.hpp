// Sources of a condition profile besides the knowledge base's articles: the
// findings a phenotype annotation file (HPO's phenotype.hpoa) lists for a
// disease, added to the profile of the condition of that name. They give a
// profile to a condition the articles only name (MedQuAD's A.D.A.M. entries
// have no text) and more findings to one they describe. Built once per
// snapshot with the profiles.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace symptomdb::checker {

class Checker;
class Interpreter;

// Collections of rare (mostly genetic) diseases (GARD, GHR); everything else
// in the knowledge base is a general health-topics source or the site's own
// text.
bool rare_collection(std::string_view collection);
// General health encyclopedias, written for the public about what the public
// looks up: MedlinePlus health topics, A.D.A.M. (an entry counts even with
// its text removed), NIHSeniorHealth and the site's own articles (no
// collection).
bool encyclopedia_collection(std::string_view collection);

struct AnnotatedCondition {
  std::string name;                   // the disease name as the file writes it
  std::vector<std::string> findings;  // labels of its phenotype terms
};

struct ProfileSources {
  std::vector<AnnotatedCondition> annotated;
  std::string annotations_source;  // shown as the section of a quote ("HPO annotations")
  // Reads a text into the names of the findings it states (the HPO labels
  // the server's interpreter reads it as). When set, the symptom and
  // overview text of general health topics is read with it and the names
  // join the profile beside the words, so that an article's "blood in the
  // urine" meets a person's "hematuria" (which the query side reads the
  // same way). Rare-disease collections are left out: their symptom
  // sections are already lists of HPO names.
  std::function<std::vector<std::string>(std::string_view)> read_findings;
};

// Who a condition's own text says it affects most: a sentence that says
// how often ("more common in", "mostly affects", "at higher risk") and names
// one group (children; older adults; women or men, not both). Pregnancy when
// the name or the opening of the text is about it. Read when the profiles
// are built; the ranking may weigh it against the person's age and sex.
struct Affected {
  bool children = false;
  bool older = false;
  bool women = false;
  bool men = false;
  bool pregnancy = false;
  bool any() const { return children || older || women || men || pregnancy; }
};
// `text`: what the articles say of frequency and risk (overview, frequency,
// susceptibility); `opening`: the first sentences of the overview.
Affected who_is_affected(std::string_view name, std::string_view text, std::string_view opening);
// A prior term from who is affected and the person's age and sex: +weight
// for each group the person belongs to, -weight for each they are outside
// of, -3 weight for a pregnancy condition in someone who cannot be pregnant.
double affected_prior(const Affected& a, std::optional<double> age_years,
                      std::optional<bool> female, double weight);

// What an entry of the knowledge base is about, from the UMLS semantic types
// its sources give its focus (Condition::semantic_types): a disorder the
// checker may suggest, or something that is not a diagnosis. UMLS's type
// "Sign or Symptom" (T184) names what a person reports ("Balance Problems",
// "Back Pain"); "Finding" (T033) is broader ("Angina", "Menopause" and
// "Stress" are all annotated so). A topic the source files under neither a
// disease nor a drug and annotates with no type at all (MedlinePlus's
// "Other" health topics: "Cold and Cough Medicines", "Colonoscopy") is about
// a medicine, a test or a way of living.
enum class Focus : std::uint8_t {
  disorder,  // a disorder type, or no word either way (site articles, CDC)
  symptom,   // types only T184 and T033, with T184
  finding,   // T033 only
  other,     // not annotated and filed as "other" by every source
};
std::string_view to_string(Focus f);
// `types`: the union of the entry's articles' semantic types; `kinds`: the
// focus kind (Condition::kind: "disease", "drug", "other") of each of its
// articles from an annotating dataset (MedQuAD), none for the site's own.
Focus focus_of(const std::vector<std::string>& types, const std::vector<std::string>& kinds);
// A title that speaks to the reader, as a question, an instruction or a
// guide ("What I need to know about Interstitial Cystitis", "How to use an
// inhaler", "Your Guide to Diabetes"): a page about a condition, never the
// condition itself, whatever its sources' types say (Focus::other).
bool is_guide_title(std::string_view name);

// The phenotype (aspect P, not negated) annotations the checker was built
// from, one entry per disease, finding labels in the file's order of terms.
ProfileSources hpo_profile_sources(const Checker& checker);
// The confidence below which a reading is not used for a profile.
inline constexpr double kReadConfidence = 0.8;
// `read_findings` from an interpreter: the labels of the terms it reads with
// at least `min_confidence`, each once. The interpreter must outlive the
// sources.
std::function<std::vector<std::string>(std::string_view)> interpreter_reader(
    const Interpreter& interpreter, double min_confidence);

}  // namespace symptomdb::checker
