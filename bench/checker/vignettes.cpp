// Vignette mode of the symptom checker benchmark: physician-written clinical
// vignettes of everyday and serious conditions (../shared/data/vignettes-dev),
// each read as a person would type it (chief complaints, presentation, what
// they do not have; age and sex from the demographics), ranked over the
// condition profiles of the knowledge base (MedQuAD + the site's articles),
// beside a BM25 peer over the same conditions' symptom sections in the same
// run. Usage:
//   bench_vignettes VIGNETTES.jsonl MEDQUAD_DIR CONTENT_DIR [--hpo HP_JSON] [--tune]
//     [--annotations all|undescribed|none] [--dump FILE] [--losses] [--read MODE]
//     [--set k=v,...] [--try k=v,...] [--explain id,id] [--triage-dump FILE]
// With --hpo, phenotype.hpoa beside hp.json adds its disease annotations to
// the profiles, as the server does once both files are imported.
// The true diagnosis is matched to profiles by ConditionModel::resolve, the
// name resolution the server uses (src/checker/condition_names.hpp): own
// names and synonyms, entries the sources tie to a profiled condition, or a
// broader condition whose text describes it; no per-vignette rules.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "checker/checker.hpp"
#include "checker/clause_reading.hpp"
#include "checker/conditions.hpp"
#include "checker/description.hpp"
#include "checker/interpret.hpp"
#include "checker/red_flags.hpp"
#include "checker/triage.hpp"
#include "checker/warning_signs.hpp"
#include "core/spelling.hpp"
#include "engine/snapshot.hpp"
#include "ingest/collect.hpp"
#include "ingest/hpo_json.hpp"
#include "ingest/hpoa.hpp"
#include "ingest/medquad.hpp"
#include "qa/red_flags.hpp"
#include "search/index.hpp"
#include "share_calibration.hpp"
#include "text/analyzer.hpp"
#include "text/normalize.hpp"

using namespace symptomdb;
using bench::read_file;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Vignette {
  std::string id, diagnosis, text, demographics;
  // Physical, family and social history: what a person would add about
  // themselves (checker::ContextQuery::history).
  std::string history;
};

// A field as text. Collections of vignettes differ in how they write a list
// of findings: one string ("Fever, Cough") or an array of strings (["Fever",
// "Cough"]); both are read, an array joined as a list. A missing or null
// field is empty. Anything else is named with its file and line.
std::string field_text(const nlohmann::json& j, const char* key, const std::string& where) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  if (it->is_array()) {
    std::string out;
    for (const auto& e : *it) {
      if (!e.is_string() && !e.is_number())
        throw std::runtime_error(where + ": field \"" + key +
                                 "\" holds an array of something other than strings");
      const std::string s = e.is_string() ? e.get<std::string>() : e.dump();
      if (s.empty()) continue;
      if (!out.empty()) out += ", ";
      out += s;
    }
    return out;
  }
  throw std::runtime_error(where + ": field \"" + key + "\" is " + it->type_name() +
                           ", expected a string or an array of strings");
}

std::vector<Vignette> read_vignettes(const std::string& path) {
  std::vector<Vignette> out;
  std::istringstream in(read_file(path));
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(number);
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      throw std::runtime_error(where + ": not a JSON object (" + e.what() + ")");
    }
    if (!j.is_object()) throw std::runtime_error(where + ": not a JSON object");
    Vignette v;
    v.id = field_text(j, "id", where);
    v.diagnosis = field_text(j, "correct_diagnosis", where);
    v.demographics = field_text(j, "demographics", where);
    // What a person would type: what brings them, the story, what they do not have.
    for (const char* k : {"chief_complaints", "presentation", "absent_findings"}) {
      std::string s = field_text(j, k, where);
      if (s.empty() || s == "-") continue;
      if (!v.text.empty()) v.text += (v.text.back() == '.' ? " " : ". ");
      v.text += s;
    }
    for (const char* k : {"physical_history", "family_history", "social_history"}) {
      std::string s = field_text(j, k, where);
      if (s.empty() || s == "-") continue;
      if (!v.history.empty()) v.history += (v.history.back() == '.' ? " " : ". ");
      v.history += s;
    }
    if (v.id.empty() || v.diagnosis.empty())
      throw std::runtime_error(where + ": a vignette needs \"id\" and \"correct_diagnosis\"");
    out.push_back(std::move(v));
  }
  return out;
}

// Rank of the best-placed true profile, ties split evenly; 0 when none has a profile.
double rank_of(const std::vector<double>& score, const std::vector<std::size_t>& truth) {
  double best = 0;
  for (const auto t : truth) {
    const double s = score[t];
    std::size_t higher = 0, equal = 0;
    for (std::size_t d = 0; d < score.size(); ++d) {
      if (d == t) continue;
      if (score[d] > s)
        ++higher;
      else if (score[d] == s)
        ++equal;
    }
    const double r = 1.0 + static_cast<double>(higher) + 0.5 * static_cast<double>(equal);
    if (best == 0 || r < best) best = r;
  }
  return best;
}

struct Tally {
  std::size_t n = 0, t1 = 0, t3 = 0, t5 = 0, t20 = 0;
  void add(double r) {
    ++n;
    if (r <= 0) return;  // no profile: a miss
    t1 += r <= 1;
    t3 += r <= 3;
    t5 += r <= 5;
    t20 += r <= 20;
  }
  std::string row(const char* name) const {
    auto f = [&](std::size_t k) { return static_cast<double>(k) / static_cast<double>(n); };
    return fmt::format("| {} | {:.3f} | {:.3f} | {:.3f} | {:.3f} |", name, f(t1), f(t3), f(t5),
                       f(t20));
  }
};

// Query-time constants by name, for --set and --try.
bool set_parameter(checker::ProfileParameters& p, const std::string& name, double v) {
  const std::map<std::string, double checker::ProfileParameters::*> fields = {
      {"k1", &checker::ProfileParameters::k1},
      {"b", &checker::ProfileParameters::b},
      {"pair", &checker::ProfileParameters::pair_boost},
      {"share_temperature", &checker::ProfileParameters::share_temperature},
      {"absent", &checker::ProfileParameters::absent_weight},
      {"rare", &checker::ProfileParameters::rare_prior},
      {"words", &checker::ProfileParameters::words_prior},
      {"sources", &checker::ProfileParameters::sources_prior},
      {"specialist", &checker::ProfileParameters::specialist_prior},
      {"expansion", &checker::ProfileParameters::expansion_weight},
      {"lay", &checker::ProfileParameters::lay_weight},
      {"lay_share", &checker::ProfileParameters::lay_share},
      {"unworded", &checker::ProfileParameters::unworded_weight},
      {"chief", &checker::ProfileParameters::chief_weight},
      {"unread", &checker::ProfileParameters::unread_weight},
      {"cap", &checker::ProfileParameters::finding_cap},
      {"min_idf", &checker::ProfileParameters::min_idf},
      {"topic", &checker::ProfileParameters::topic_prior},
      {"topic_share", &checker::ProfileParameters::topic_share},
      {"group", &checker::ProfileParameters::group_prior},
      {"broad", &checker::ProfileParameters::broad_prior},
      {"coverage", &checker::ProfileParameters::coverage},
      {"vocabulary", &checker::ProfileParameters::vocabulary},
      {"general_idf", &checker::ProfileParameters::general_idf},
      {"length", &checker::ProfileParameters::length_exponent},
      {"finding_length", &checker::ProfileParameters::finding_length},
      {"story", &checker::ProfileParameters::story_weight},
      {"read_coverage", &checker::ProfileParameters::read_coverage},
      {"named", &checker::ProfileParameters::named_prior},
      {"said", &checker::ProfileParameters::said_prior},
      {"cause", &checker::ProfileParameters::cause_prior},
      {"cause_common", &checker::ProfileParameters::cause_common},
      {"cause_scope", &checker::ProfileParameters::cause_scope},
      {"cause_words", &checker::ProfileParameters::cause_words},
      {"cause_dilution", &checker::ProfileParameters::cause_dilution},
      {"about", &checker::ProfileParameters::about_weight},
      {"about_dilution", &checker::ProfileParameters::about_dilution},
      {"about_depth", &checker::ProfileParameters::about_depth},
      {"main_have", &checker::ProfileParameters::main_have},
      {"main_denied", &checker::ProfileParameters::main_denied},
      {"main_depth", &checker::ProfileParameters::main_depth},
      {"main_count", &checker::ProfileParameters::main_count},
      {"main_keep", &checker::ProfileParameters::main_keep_scores},
      {"contrast", &checker::ProfileParameters::contrast_weight},
      {"contrast_depth", &checker::ProfileParameters::contrast_depth},
      {"contrast_scope", &checker::ProfileParameters::contrast_scope},
      {"symptom", &checker::ProfileParameters::symptom_prior},
      {"finding", &checker::ProfileParameters::finding_prior},
      {"other", &checker::ProfileParameters::other_prior},
      {"concept", &checker::ProfileParameters::concept_weight},
      {"concept_min_ic", &checker::ProfileParameters::concept_min_ic},
      {"concept_absent", &checker::ProfileParameters::concept_absent},
      {"concept_exact", &checker::ProfileParameters::concept_exact},
      {"concept_length", &checker::ProfileParameters::concept_length},
      {"affected", &checker::ProfileParameters::affected_weight},
      {"risk", &checker::ProfileParameters::risk_weight},
      {"risk_share", &checker::ProfileParameters::risk_share},
      {"risk_cap", &checker::ProfileParameters::risk_cap},
      {"risk_present", &checker::ProfileParameters::risk_present},
      {"onset", &checker::ProfileParameters::onset_weight},
      {"onset_mismatch", &checker::ProfileParameters::onset_mismatch},
      {"onset_acute", &checker::ProfileParameters::onset_acute_scale},
      {"onset_strict", &checker::ProfileParameters::onset_strict},
      {"acute_days", &checker::ProfileParameters::onset_acute_days},
      {"chronic_days", &checker::ProfileParameters::onset_chronic_days},
      // Build-time weights (--build only: they change what the profiles hold).
      {"w_name", &checker::ProfileParameters::weight_name},
      {"w_symptoms", &checker::ProfileParameters::weight_symptoms},
      {"w_overview", &checker::ProfileParameters::weight_overview},
      {"w_causes", &checker::ProfileParameters::weight_causes},
      {"w_exams", &checker::ProfileParameters::weight_exams},
      {"w_when", &checker::ProfileParameters::weight_when},
      {"w_complications", &checker::ProfileParameters::weight_complications},
      {"w_annotations", &checker::ProfileParameters::weight_annotations},
      {"w_readings", &checker::ProfileParameters::weight_readings},
      {"w_kin", &checker::ProfileParameters::weight_kin},
      {"read_overview", &checker::ProfileParameters::read_overview},
      {"kin_max", &checker::ProfileParameters::kin_max},
      {"other_profiles", &checker::ProfileParameters::other_profiles},
      {"symptom_profiles", &checker::ProfileParameters::symptom_profiles}};
  const auto it = fields.find(name);
  if (it == fields.end()) return false;
  p.*(it->second) = v;
  return true;
}

// "cap=2,chief=1.5" applied over `base`; throws on a name it does not know.
checker::ProfileParameters parameters_of(const std::string& spec, checker::ProfileParameters base) {
  std::istringstream in(spec);
  std::string kv;
  while (std::getline(in, kv, ',')) {
    if (kv.empty()) continue;
    const auto eq = kv.find('=');
    if (eq == std::string::npos ||
        !set_parameter(base, kv.substr(0, eq), std::stod(kv.substr(eq + 1))))
      throw std::runtime_error("unknown setting " + kv);
  }
  return base;
}

// The dev set in two halves by the parity of the id's number, so that a
// rule found on one half can be checked on the other.
bool odd_id(const std::string& id) {
  const auto digits = id.find_last_not_of("0123456789");
  const auto tail = id.substr(digits == std::string::npos ? 0 : digits + 1);
  return !tail.empty() && (tail.back() - '0') % 2 == 1;
}

// How a finding is read with HPO (--read): `whole`, the interpreter over the
// finding's phrases (its labels as expansions, the words of the names read
// as its read words: checker::words_read, as the server does); `words`, the
// same plus the words that windows of the clause were read as
// (clause_reading.hpp), so the rest of the clause counts as story;
// `windows`, the windows' labels instead of the whole reading's; `both`, the
// labels of both.
enum class Reading { whole, words, windows, both };

checker::ProfileQuery query_of(const checker::Description& d,
                               const checker::Interpreter* interpreter,
                               Reading reading = Reading::whole, std::size_t window = 4,
                               double confidence = 0.75, bool lay_rewrite = true) {
  checker::ProfileQuery q;
  for (const auto& f : d.findings) {
    checker::ProfileFinding pf{f.text, {}};
    pf.chief = f.sentence == 0;
    if (interpreter && reading != Reading::windows) {
      const auto r = checker::interpret_finding(*interpreter, f);
      for (const auto& i : r.terms) pf.expansions.push_back(i.label);
      pf.synonyms = checker::synonyms_read(*interpreter, r);
      if (reading == Reading::whole) pf.read = checker::words_read(*interpreter, r);
      if (lay_rewrite) pf.words = interpreter->in_names_words(f.text);
    }
    if (interpreter && reading != Reading::whole) {
      auto r = checker::read_clause(*interpreter, f.text, window, confidence);
      pf.read = std::move(r.words);
      if (reading != Reading::words)
        for (const auto& i : r.terms)
          if (std::find(pf.expansions.begin(), pf.expansions.end(), i.label) == pf.expansions.end())
            pf.expansions.push_back(i.label);
    }
    (f.negated ? q.absent : q.present).push_back(std::move(pf));
  }
  q.age_years = d.age_years;
  q.female = d.female;
  q.limit = 20;
  return q;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    fmt::print(stderr,
               "usage: bench_vignettes VIGNETTES.jsonl MEDQUAD_DIR CONTENT_DIR [--hpo HP_JSON] "
               "[--tune]\n");
    return 2;
  }
  std::string hpo, dump, triage_dump, set, explain, annotations = "undescribed";
  std::vector<std::string> tries, builds;
  bool tune = false, losses = false, context = false, calibration = false;
  bool lay_rewrite = true;  // --raw-words: match the clause as written
  Reading reading = Reading::whole;
  std::size_t window = 4;
  double clause_confidence = 0.75;                    // of a clause window's reading (--read)
  double read_confidence = checker::kReadConfidence;  // of the profiles' text
  for (int i = 4; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--hpo" && i + 1 < argc)
      hpo = argv[++i];
    else if (a == "--tune")
      tune = true;
    else if (a == "--raw-words")
      lay_rewrite = false;
    else if (a == "--window" && i + 1 < argc)
      window = std::stoul(argv[++i]);  // words of a clause window (--read)
    else if (a == "--clause-confidence" && i + 1 < argc)
      clause_confidence = std::stod(argv[++i]);
    else if (a == "--losses")
      losses = true;
    else if (a == "--calibration")
      calibration = true;  // displayed shares against how often they are right
    else if (a == "--context")
      context = true;
    else if (a == "--dump" && i + 1 < argc)
      dump = argv[++i];
    else if (a == "--triage-dump" && i + 1 < argc)
      triage_dump = argv[++i];  // per vignette the level and why; per profile its urgency
    else if (a == "--set" && i + 1 < argc)
      set = argv[++i];
    else if (a == "--try" && i + 1 < argc)
      tries.push_back(argv[++i]);
    else if (a == "--read-confidence" && i + 1 < argc)
      read_confidence = std::stod(argv[++i]);
    else if (a == "--build" && i + 1 < argc)
      builds.push_back(argv[++i]);  // profiles built again with these weights
    else if (a == "--explain" && i + 1 < argc)
      explain = argv[++i];
    else if (a == "--read" && i + 1 < argc) {
      const std::string m = argv[++i];
      if (m == "whole")
        reading = Reading::whole;
      else if (m == "words")
        reading = Reading::words;
      else if (m == "windows")
        reading = Reading::windows;
      else if (m == "both")
        reading = Reading::both;
      else {
        fmt::print(stderr, "--read: whole, words, windows or both\n");
        return 2;
      }
    } else if (a == "--annotations" && i + 1 < argc)
      annotations = argv[++i];  // undescribed (default), all, none
    else {
      fmt::print(stderr, "unknown argument {}\n", a);
      return 2;
    }
  }
  // The output files are opened before the minutes of work, so that a path
  // that cannot be written is said at once rather than silently dropped.
  for (const auto& file : {dump, triage_dump})
    if (!file.empty() && !std::ofstream(file)) {
      fmt::print(stderr, "cannot write {}\n", file);
      return 2;
    }
  auto t0 = std::chrono::steady_clock::now();
  std::vector<Vignette> vignettes;
  try {
    vignettes = read_vignettes(argv[1]);
  } catch (const std::exception& e) {
    fmt::print(stderr, "bench_vignettes: {}\n", e.what());
    return 2;
  }
  auto medquad = ingest::read_medquad(argv[2]);
  auto articles = std::move(medquad.articles);
  const auto site =
      ingest::parse_files(ingest::collect_files({argv[3]}, ".md"), ingest::Format::markdown);
  articles.insert(articles.end(), site.begin(), site.end());
  const Snapshot snap(std::move(articles));
  const double load_s = seconds_since(t0);
  std::unique_ptr<checker::Interpreter> interpreter;
  std::shared_ptr<const ontology::Ontology> onto;
  checker::ProfileSources sources;
  std::size_t annotated_diseases = 0;
  if (!hpo.empty()) {
    const auto records = ingest::parse_obographs_json(read_file(hpo), "hp.json");
    onto = std::make_shared<const ontology::Ontology>(ontology::Ontology::build(records));
    interpreter = std::make_unique<checker::Interpreter>(onto);
    // The disease annotations beside hp.json, as the server has them after
    // `import hpoa`: their findings join the profiles of conditions of that name.
    const auto hpoa = std::filesystem::path(hpo).parent_path() / "phenotype.hpoa";
    if (annotations != "none" && std::filesystem::exists(hpoa)) {
      const auto rows = ingest::parse_hpoa(read_file(hpoa.string()), "phenotype.hpoa");
      const auto checker = checker::Checker::build(onto, rows);
      sources = checker::hpo_profile_sources(checker);
      annotated_diseases = sources.annotated.size();
    }
    // The profiles' own text read into finding names, as the server does.
    sources.read_findings = checker::interpreter_reader(*interpreter, read_confidence);
  }
  t0 = std::chrono::steady_clock::now();
  checker::ProfileParameters build_params;
  build_params.annotate_described = annotations == "all";
  // The build is single-threaded: its thread CPU time is what a loaded
  // machine does not inflate.
  const double build_cpu0 = thread_cpu_ms();
  auto model = checker::ConditionModel::build(snap, build_params, sources);
  const double build_s = seconds_since(t0);
  const double build_cpu_s = (thread_cpu_ms() - build_cpu0) / 1000;
  // Findings matched through the ontology too, as the server does.
  if (onto) model.set_concepts(onto);
  if (!set.empty()) model.set_query_parameters(parameters_of(set, model.parameters()));
  fmt::print(
      "{} vignettes; knowledge base: {} MedQuAD documents + {} site articles, {} conditions, {} "
      "with a profile; load {:.1f} s, profiles {:.2f} s (CPU {:.2f} s){}{}\n",
      vignettes.size(), medquad.documents, site.size(), snap.conditions().size(), model.size(),
      load_s, build_s, build_cpu_s, interpreter ? ", HPO names as expansions" : "",
      annotated_diseases
          ? fmt::format(", HPO annotations of {} diseases ({})", annotated_diseases, annotations)
          : std::string());

  {
    std::size_t children = 0, older = 0, women = 0, men = 0, pregnancy = 0, covers = 0;
    for (std::size_t i = 0; i < model.size(); ++i) {
      const auto& a = model.profile(i).affected;
      children += a.children, older += a.older, women += a.women, men += a.men;
      pregnancy += a.pregnancy;
      covers += model.profile(i).covers.size();
    }
    fmt::print(
        "Profiles whose text says who is affected most: children {}, older adults {}, women {}, "
        "men {}; about pregnancy {}. Names of entries without text attached to profiles: {}\n",
        children, older, women, men, pregnancy, covers);
  }

  // The BM25 peer: the same conditions, their symptom sections only, the
  // person's words as they are (no negation).
  text::Analyzer analyzer;
  search::Index peer;
  for (std::size_t p = 0; p < model.size(); ++p) {
    std::string text;
    for (const auto a : snap.conditions()[model.profile(p).condition].articles)
      for (const auto& s : snap.articles()[a].sections)
        if (s.type == SectionType::symptoms) {
          text += s.intro + "\n";
          for (const auto& i : s.items) text += i.heading + "\n" + i.text + "\n";
        }
    const search::Field f{text, 1.0};
    peer.add(std::span<const search::Field>(&f, 1), analyzer);
  }
  peer.finish();

  // Truth per vignette, as profile positions: the server's name resolution.
  std::vector<std::vector<std::size_t>> truth(vignettes.size());
  std::size_t uncovered = 0;
  std::set<std::string> uncovered_names;
  std::map<std::string, std::string> linked;  // diagnosis -> how it resolved, when not by own name
  for (std::size_t v = 0; v < vignettes.size(); ++v) {
    const auto matches = model.resolve(vignettes[v].diagnosis);
    const bool fresh = !linked.contains(vignettes[v].diagnosis);
    for (const auto& m : matches) {
      truth[v].push_back(m.profile);
      if (m.link == checker::NameLink::own || !fresh) continue;
      auto& line = linked[vignettes[v].diagnosis];
      line += fmt::format("{}{} ({}: {})", line.empty() ? "" : "; ", model.profile(m.profile).name,
                          checker::to_string(m.link), m.via);
    }
    if (truth[v].empty()) ++uncovered, uncovered_names.insert(vignettes[v].diagnosis);
  }
  std::vector<checker::ProfileQuery> queries;
  for (const auto& v : vignettes) {
    auto d = checker::read_description(v.text);
    const auto demo = checker::read_description(v.demographics);
    if (demo.age_years) d.age_years = demo.age_years;
    if (demo.female) d.female = demo.female;
    queries.push_back(
        query_of(d, interpreter.get(), reading, window, clause_confidence, lay_rewrite));
    queries.back().context = checker::context_of(d, v.history);
  }

  // All vignettes, then the odd and the even ids.
  auto evaluate_halves = [&](const checker::ConditionModel& m) {
    std::array<Tally, 3> t;
    for (std::size_t v = 0; v < vignettes.size(); ++v) {
      const double r = truth[v].empty() ? 0 : rank_of(m.scores(queries[v]), truth[v]);
      t[0].add(r);
      t[odd_id(vignettes[v].id) ? 1 : 2].add(r);
    }
    return t;
  };
  auto evaluate = [&](const checker::ConditionModel& m) { return evaluate_halves(m)[0]; };
  if (!tries.empty()) {
    // Alternatives over the same profiles: all / odd ids / even ids.
    fmt::print("\nSettings tried (top-1/3/5/20: all | odd ids | even ids)\n");
    const auto defaults = model.parameters();
    for (const auto& spec : tries) {
      model.set_query_parameters(parameters_of(spec, defaults));
      const auto t = evaluate_halves(model);
      fmt::print("  {:<40} {} {} {}\n", spec.empty() ? "(defaults)" : spec, t[0].row("").substr(4),
                 t[1].row("").substr(4), t[2].row("").substr(4));
      std::fflush(stdout);
    }
    model.set_query_parameters(defaults);
  }
  if (!builds.empty()) {
    // Alternatives that need the profiles built again (section weights);
    // the truth is resolved again for each, as the names may now reach
    // other profiles.
    fmt::print("\nProfiles built with (top-1/3/5/20: all | odd ids | even ids; ceiling)\n");
    for (const auto& spec : builds) {
      // "read_conf=X" (first) reads the profiles' text with another confidence.
      std::string rest = spec;
      auto alt_sources = sources;
      if (rest.rfind("read_conf=", 0) == 0 && interpreter) {
        const auto comma = rest.find(',');
        alt_sources.read_findings = checker::interpreter_reader(
            *interpreter,
            std::stod(rest.substr(10, comma == std::string::npos ? comma : comma - 10)));
        rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
      }
      const double cpu0 = thread_cpu_ms();
      auto alt =
          checker::ConditionModel::build(snap, parameters_of(rest, build_params), alt_sources);
      if (onto) alt.set_concepts(onto);
      const double alt_cpu_s = (thread_cpu_ms() - cpu0) / 1000;
      std::array<Tally, 3> t;
      std::size_t none = 0;
      for (std::size_t v = 0; v < vignettes.size(); ++v) {
        std::vector<std::size_t> alt_truth;
        for (const auto& m : alt.resolve(vignettes[v].diagnosis)) alt_truth.push_back(m.profile);
        none += alt_truth.empty();
        const double r = alt_truth.empty() ? 0 : rank_of(alt.scores(queries[v]), alt_truth);
        t[0].add(r);
        t[odd_id(vignettes[v].id) ? 1 : 2].add(r);
      }
      fmt::print("  {:<40} {} {} {} {:.3f} ({} profiles, built in {:.2f} s CPU)\n",
                 spec.empty() ? "(defaults)" : spec, t[0].row("").substr(4), t[1].row("").substr(4),
                 t[2].row("").substr(4),
                 1.0 - static_cast<double>(none) / static_cast<double>(vignettes.size()),
                 alt.size(), alt_cpu_s);
      std::fflush(stdout);
    }
  }
  if (!explain.empty()) {
    for (const char* w :
         {"cough",    "fever",   "used",        "counter", "over counter", "she",     "describ",
          "epigastr", "includ",  "eat",         "meal",    "day",          "persist", "redness",
          "pain",     "headach", "sore throat", "nausea",  "test",         "time",    "occur"})
      fmt::print("symptom share {:<14} {:.3f}\n", w, model.symptom_share(w));
    // Per listed id: the findings as read, the top 5 and the truth, explained.
    std::istringstream ids(explain);
    std::string id;
    while (std::getline(ids, id, ',')) {
      for (std::size_t v = 0; v < vignettes.size(); ++v) {
        if (vignettes[v].id != id) continue;
        const auto& q = queries[v];
        fmt::print("\n== {} ({}), truth rank {}\n", id, vignettes[v].diagnosis,
                   truth[v].empty() ? 0 : rank_of(model.scores(q), truth[v]));
        for (const auto* list : {&q.present, &q.absent})
          for (const auto& f : *list)
            fmt::print(
                "  {}{}{} [{}]{}\n", list == &q.absent ? "NOT " : "", f.chief ? "* " : "", f.text,
                fmt::join(f.expansions, "; "),
                f.read.empty() ? std::string() : fmt::format(" read: {}", fmt::join(f.read, " ")));
        auto wide = q;
        wide.limit = model.size();
        const auto ranked = model.rank(wide);
        for (std::size_t k = 0; k < ranked.size(); ++k) {
          const bool is_truth =
              std::find(truth[v].begin(), truth[v].end(), ranked[k].profile) != truth[v].end();
          if (k >= 5 && !is_truth) continue;
          const auto& pr = model.profile(ranked[k].profile);
          fmt::print("  #{} {}{} score {:.2f} prior {:.2f}{}{}\n", k + 1, is_truth ? "TRUTH " : "",
                     pr.name, ranked[k].score, ranked[k].prior, pr.rare ? " rare" : "",
                     model.symptom_topic(ranked[k].profile) ? " topic" : "");
          for (const auto& e : ranked[k].evidence)
            fmt::print("      {:+.2f} {}{} ({})\n", e.contribution, e.absent ? "NOT " : "",
                       e.finding, fmt::join(e.words, ","));
        }
      }
    }
  }
  if (tune) {
    // Query-time constants only (the profiles are built once); printed
    // before the reported table, which always uses the defaults.
    fmt::print("\nTuning grid (dev set; top-1/3/5/20)\n");
    const auto defaults = model.parameters();
    for (const double rare : {-2.0, -3.0, -5.0})
      for (const double absent : {0.0, 0.3})
        for (const double b : {0.75, 0.9})
          for (const double words : {0.0, 0.5}) {
            auto p = defaults;
            p.rare_prior = rare, p.absent_weight = absent, p.b = b, p.words_prior = words;
            model.set_query_parameters(p);
            const auto t = evaluate(model);
            fmt::print("  rare={:<4} absent={:<4} b={:<5} words={:<4} {}\n", rare, absent, b, words,
                       t.row("").substr(4));
            std::fflush(stdout);
          }
    // Who the text says a condition affects, against the person's age and sex.
    for (const double w : {0.0, 0.25, 0.5, 1.0}) {
      auto p = defaults;
      p.affected_weight = w;
      model.set_query_parameters(p);
      fmt::print("  affected={:<4} {}\n", w, evaluate(model).row("").substr(4));
      std::fflush(stdout);
    }
    model.set_query_parameters(defaults);
  }

  if (context) {
    // The person's context against the truth's text (context_fit.hpp): the
    // course the story gives against the course the truth's text states, and
    // how many vignettes' history the truth's risk text names (and against
    // how many other profiles' on average).
    const auto& p = model.parameters();
    const auto& ctx = model.context();
    std::map<std::string, std::size_t> course;
    std::size_t with_history = 0, truth_named = 0, named_total = 0;
    auto risk_only = p;
    risk_only.onset_weight = 0;
    risk_only.risk_cap = 1;
    risk_only.risk_weight = 1;
    for (std::size_t v = 0; v < vignettes.size(); ++v) {
      if (truth[v].empty()) continue;
      const auto c = ctx.course_of(queries[v].context, p);
      int stated = 0;
      for (const auto t : truth[v])
        stated = stated != 0 ? stated : ctx.stated_course(t, p.onset_strict > 0);
      course[fmt::format("story {} / truth's text {}",
                         c == checker::Course::acute     ? "acute"
                         : c == checker::Course::chronic ? "chronic"
                                                         : "unknown",
                         stated > 0   ? "sudden"
                         : stated < 0 ? "gradual"
                                      : "says neither")]++;
      if (queries[v].context.history.empty()) continue;
      ++with_history;
      const auto s = ctx.scores(queries[v], risk_only);
      if (s.empty()) continue;
      bool named = false;
      for (const auto t : truth[v]) named = named || s[t] > 0;
      truth_named += named;
      for (const double x : s) named_total += x > 0;
    }
    fmt::print("\nThe person's context against the truth's text (vignettes with a profile):\n");
    for (const auto& [k, n] : course) fmt::print("  {}: {}\n", k, n);
    fmt::print(
        "  history given: {}; the truth's risk or cause text names some of it: {}; profiles "
        "naming some of it, per vignette: {:.1f} of {}\n",
        with_history, truth_named,
        with_history ? static_cast<double>(named_total) / static_cast<double>(with_history) : 0.0,
        model.size());
  }
  if (losses) {
    // The vignettes whose diagnosis has a profile but does not come first,
    // classed by what comes first instead (read from the model, no list):
    // a relative (its name shares a word with the truth's), a symptom topic
    // (ConditionModel::symptom_topic), a rare-collection-only condition, or
    // another general topic; and by how far down the truth is. A truth
    // profile is "thin" when its text is shorter than the median profile's.
    std::vector<std::uint32_t> lengths;
    for (std::size_t i = 0; i < model.size(); ++i) lengths.push_back(model.profile(i).length);
    std::nth_element(lengths.begin(),
                     lengths.begin() + static_cast<std::ptrdiff_t>(lengths.size() / 2),
                     lengths.end());
    const std::uint32_t median = lengths.empty() ? 0 : lengths[lengths.size() / 2];
    auto words_of = [](const std::string& name) {
      auto w = checker::profile_terms(name, false);
      return std::set<std::string>(w.begin(), w.end());
    };
    std::map<std::string, std::array<std::size_t, 4>> classes;  // by rank 2-5, 6-20, >20, thin
    fmt::print("\nLosses inside the ceiling (truth has a profile, not first):\n");
    for (std::size_t v = 0; v < vignettes.size(); ++v) {
      if (truth[v].empty()) continue;
      const auto score = model.scores(queries[v]);
      const double r = rank_of(score, truth[v]);
      if (r <= 1) continue;
      auto q = queries[v];
      q.limit = 1;
      const auto top = model.rank(q);
      if (top.empty()) continue;
      const auto first = top.front().profile;
      auto truth_words = words_of(vignettes[v].diagnosis);
      bool thin = true;
      for (const auto t : truth[v]) {
        const auto w = words_of(model.profile(t).name);
        truth_words.insert(w.begin(), w.end());
        thin = thin && model.profile(t).length < median;
      }
      const auto first_words = words_of(model.profile(first).name);
      const bool relative =
          std::any_of(first_words.begin(), first_words.end(),
                      [&](const std::string& w) { return truth_words.contains(w); });
      const std::string cls = relative                     ? "relative"
                              : model.symptom_topic(first) ? "symptom topic"
                              : model.profile(first).rare  ? "rare collection"
                                                           : "other general topic";
      auto& c = classes[cls];
      ++c[r <= 5 ? 0 : r <= 20 ? 1 : 2];
      c[3] += thin;
      fmt::print("  {} {} | rank {} | first: {} | {}{}\n", vignettes[v].id, vignettes[v].diagnosis,
                 r, model.profile(first).name, cls, thin ? " | truth thin" : "");
    }
    fmt::print(
        "\n| first instead | truth 2-5 | 6-20 | >20 | truth thin |\n|---|---|---|---|---|\n");
    for (const auto& [cls, c] : classes)
      fmt::print("| {} | {} | {} | {} | {} |\n", cls, c[0], c[1], c[2], c[3]);
  }
  if (!dump.empty()) {
    // Per vignette: the truth's rank and the top 3, to read the misses.
    std::ofstream out(dump);
    for (std::size_t v = 0; v < vignettes.size(); ++v) {
      const double r = truth[v].empty() ? 0 : rank_of(model.scores(queries[v]), truth[v]);
      auto q = queries[v];
      q.limit = 3;
      // Each profile with the collections its condition's articles come from.
      auto named = [&](std::size_t p) {
        std::set<std::string> cs;
        for (const auto a : snap.conditions()[model.profile(p).condition].articles)
          cs.insert(snap.articles()[a].collection.empty() ? "site" : snap.articles()[a].collection);
        return fmt::format("{} [{}; {} words; common {}]", model.profile(p).name,
                           fmt::join(cs, ","), model.profile(p).length,
                           model.profile(p).common_words);
      };
      out << vignettes[v].id << "\t" << vignettes[v].diagnosis << "\t" << r;
      for (const auto t : truth[v]) out << "\tTRUTH " << named(t);
      for (const auto& x : model.rank(q)) out << "\t" << named(x.profile);
      out << "\n";
    }
  }
  if (calibration) {
    // The list a person sees (the API's default limit), as the server ranks it.
    std::vector<bench::ShareCase> cases;
    for (std::size_t v = 0; v < vignettes.size(); ++v) {
      auto q = queries[v];
      q.limit = 10;
      bench::ShareCase c;
      c.odd = odd_id(vignettes[v].id);
      for (const auto& r : model.rank(q)) {
        if (c.truth_at < 0 &&
            std::find(truth[v].begin(), truth[v].end(), r.profile) != truth[v].end())
          c.truth_at = static_cast<int>(c.scores.size());
        c.scores.push_back(r.score);
      }
      cases.push_back(std::move(c));
    }
    bench::print_share_calibration(cases, model.parameters().share_temperature,
                                   "the vignettes whose diagnosis is listed (10 listed)");
  }
  const auto halves = evaluate_halves(model);
  Tally ours = halves[0], bm25;
  for (std::size_t v = 0; v < vignettes.size(); ++v) {
    std::vector<double> score(model.size(), 0.0);
    std::vector<search::TermId> terms;
    for (const auto& s : analyzer.stems(text::fold(vignettes[v].text)))
      if (auto t = peer.term(s); t && std::find(terms.begin(), terms.end(), *t) == terms.end())
        terms.push_back(*t);
    for (const auto& r : peer.rank(terms, model.size())) score[r.doc] = r.score;
    bm25.add(truth[v].empty() ? 0 : rank_of(score, truth[v]));
  }
  fmt::print(
      "\nVignettes (dev): {} in all, {} whose diagnosis has no profile (ceiling {:.3f}); "
      "misses count as wrong\n\n",
      vignettes.size(), uncovered,
      1.0 - static_cast<double>(uncovered) / static_cast<double>(vignettes.size()));
  fmt::print("| method | top-1 | top-3 | top-5 | top-20 |\n|---|---|---|---|---|\n");
  fmt::print("{}\n{}\n", ours.row("symptomdb (profiles)"), bm25.row("BM25, symptom sections"));
  fmt::print("{}\n{}\n", halves[1].row(fmt::format("symptomdb, odd ids ({})", halves[1].n).c_str()),
             halves[2].row(fmt::format("symptomdb, even ids ({})", halves[2].n).c_str()));
  {
    // The list as a person sees it: one entry a condition, its other entries
    // folded in (ConditionModel::one_per_condition), in the ranking's order
    // and in the order of the shares shown beside it.
    Tally listed, by_share;
    for (std::size_t v = 0; v < vignettes.size(); ++v) {
      auto q = queries[v];
      q.limit = 40;
      auto shown = model.one_per_condition(model.rank(q));
      auto place = [&] {
        for (std::size_t i = 0; i < shown.size(); ++i) {
          auto is_truth = [&](std::size_t p) {
            return std::find(truth[v].begin(), truth[v].end(), p) != truth[v].end();
          };
          if (is_truth(shown[i].profile) ||
              std::any_of(shown[i].also.begin(), shown[i].also.end(), is_truth))
            return static_cast<double>(i + 1);
        }
        return 0.0;
      };
      listed.add(place());
      std::stable_sort(shown.begin(), shown.end(),
                       [](const auto& a, const auto& b) { return a.probability > b.probability; });
      by_share.add(place());
    }
    fmt::print("{}\n{}\n", listed.row("symptomdb, as listed (one entry a condition)"),
               by_share.row("symptomdb, as listed, by the share shown"));
  }
  fmt::print("| target | 0.400 | | 0.650 | 0.800 |\n");
  std::string list;
  for (const auto& n : uncovered_names) list += (list.empty() ? "" : ", ") + n;
  fmt::print("\nNo profile for: {}\n", list);
  fmt::print("Diagnoses reached by a name other than a profile's own ({}):\n", linked.size());
  for (const auto& [d, how] : linked) fmt::print("  {} -> {}\n", d, how);
  {
    // What the profiles are about (UMLS semantic types of their sources),
    // and the diagnoses whose own profiles are not disorders: a rule that
    // removes signs and symptoms would lose these.
    std::map<std::string, std::size_t> by_focus;
    for (std::size_t i = 0; i < model.size(); ++i)
      ++by_focus[std::string(checker::to_string(model.profile(i).focus))];
    std::string line;
    for (const auto& [f, n] : by_focus) line += fmt::format(" {} {}", f, n);
    fmt::print("Profiles by what their sources say they are about:{}\n", line);
    std::map<std::string, std::set<std::string>> not_disorders;
    for (std::size_t v = 0; v < vignettes.size(); ++v)
      for (const auto p : truth[v])
        if (const auto f = model.profile(p).focus; f != checker::Focus::disorder)
          not_disorders[vignettes[v].diagnosis].insert(
              fmt::format("{} ({})", model.profile(p).name, checker::to_string(f)));
    fmt::print("Diagnoses with a profile that is not a disorder ({}):\n", not_disorders.size());
    for (const auto& [d, names] : not_disorders) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : "; ") + n;
      fmt::print("  {} -> {}\n", d, list);
    }
  }

  // Triage levels the run gives (no truth for triage in this set).
  // And, for vignettes whose true condition's own text says it is an
  // emergency (Urgency::emergency, read when the profiles are built), the
  // levels they get: never below the most urgent likely condition. Three
  // steps, each adding to the one before: the likely conditions only; with
  // the red flags the server reads (qa red-flag wording, HPO red-flag terms
  // with --hpo); with the knowledge base's own warning signs
  // (checker::WarningSigns), which is what the server answers.
  const auto t_signs = std::chrono::steady_clock::now();
  const auto warning = checker::WarningSigns::build(snap, interpreter.get());
  fmt::print("Warning signs read from the articles: {} in {:.2f} s\n", warning.size(),
             seconds_since(t_signs));
  {
    // The signs said of kGeneralSign or more conditions (they count whatever
    // is ranked), to read what the rule does.
    std::map<std::string, std::set<std::string>> by_words;
    for (const auto& sg : warning.signs()) by_words[sg.words].insert(sg.slug);
    std::string general;
    for (const auto& [w, slugs] : by_words)
      if (slugs.size() >= checker::kGeneralSign)
        general += (general.empty() ? "" : "; ") + w + " (" + std::to_string(slugs.size()) + ")";
    fmt::print("  said of {}+ conditions: {}\n", checker::kGeneralSign, general);
  }
  std::map<std::string, std::size_t> fired;  // sign words -> vignettes where one counted
  const qa::RedFlags wording(analyzer);
  std::unique_ptr<checker::RedFlagTerms> flag_terms;
  if (onto) flag_terms = std::make_unique<checker::RedFlagTerms>(*onto);
  auto signals_of = [&](const checker::Description& d, int step) {
    checker::TriageSignals s;
    if (step < 1) return s;
    // As served (check_description.cpp): findings that are not acute
    // apart, their red flags a doctor today.
    std::vector<std::vector<ontology::TermIndex>> read(d.findings.size());
    for (std::size_t i = 0; i < d.findings.size(); ++i)
      if (interpreter && !d.findings[i].negated)
        for (const auto& t : checker::interpret_finding(*interpreter, d.findings[i]).terms)
          read[i].push_back(t.term);
    const auto course = checker::split_by_course(flag_terms.get(), onto.get(), d.findings, read);
    if (flag_terms) {
      for (const auto& flag : flag_terms->check(*onto, course.acute_terms))
        s.red_flags.push_back(flag.kind);
      for (const auto& flag : flag_terms->check(*onto, course.not_acute_terms))
        s.red_flags_not_acute.push_back(flag.kind);
    }
    if (auto e = wording.check(course.acute_text, analyzer))
      s.red_flags.push_back(e->kind);
    else if (auto l = wording.check(course.acute_text + course.not_acute_text, analyzer))
      s.red_flags_not_acute.push_back(l->kind);
    if (step < 2) return s;
    s.signs = warning.found(d, course.not_acute, read);
    s.advice = &warning;
    return s;
  };
  auto is_emergency_case = [&](std::size_t v) {
    return std::any_of(truth[v].begin(), truth[v].end(), [&](std::size_t p) {
      return model.profile(p).urgency == checker::Urgency::emergency;
    });
  };
  std::map<std::string, std::size_t> levels, emergency_levels;
  std::size_t emergency_cases = 0;
  std::vector<checker::Description> descriptions;
  std::vector<std::vector<checker::RankedProfile>> rankings;
  for (std::size_t v = 0; v < vignettes.size(); ++v) {
    descriptions.push_back(checker::read_description(vignettes[v].text));
    rankings.push_back(model.rank(queries[v]));
  }
  if (interpreter) {
    // How many of the stories' clauses some HPO term is read in: as
    // written, and less the story words that open them (Finding::core).
    std::size_t clauses = 0, as_written = 0, as_read = 0;
    for (const auto& d : descriptions)
      for (const auto& f : d.findings) {
        ++clauses;
        if (!interpreter->interpret(f.text).terms.empty()) ++as_written;
        if (!checker::interpret_finding(*interpreter, f).terms.empty()) ++as_read;
      }
    fmt::print(
        "Clauses read as an HPO term: {} of {} as written, {} less their opening story "
        "words\n",
        as_written, clauses, as_read);
  }
  std::ofstream triage_out;
  if (!triage_dump.empty()) {
    // Every profile's urgency as read from its text, then (below) every
    // vignette's answer: to read what sets the levels.
    triage_out.open(triage_dump);
    for (std::size_t p = 0; p < model.size(); ++p)
      if (const auto& pr = model.profile(p); !pr.urgency_quote.empty())
        triage_out << "PROFILE\t" << pr.name << "\t" << static_cast<int>(pr.urgency) << "\t"
                   << pr.urgency_quote << "\n";
  }
  for (const int step : {0, 1, 2}) {
    // [all, odd, even] x [cases, cases at emergency, cases at urgent, all at emergency, n]
    std::array<std::array<std::size_t, 5>, 3> c{};
    std::size_t self_care = 0, self_care_with_change = 0;
    for (std::size_t v = 0; v < vignettes.size(); ++v) {
      const auto tri =
          checker::triage(descriptions[v], model, rankings[v], signals_of(descriptions[v], step));
      const auto lvl = tri.level;
      if (lvl == checker::TriageLevel::self_care) {
        ++self_care;
        self_care_with_change += !tri.change.empty();
      }
      for (const std::size_t h : {std::size_t{0}, odd_id(vignettes[v].id) ? std::size_t{1} : 2}) {
        auto& x = c[h];
        ++x[4];
        x[3] += lvl == checker::TriageLevel::emergency;
        if (is_emergency_case(v)) {
          ++x[0];
          x[1] += lvl == checker::TriageLevel::emergency;
          x[2] += lvl == checker::TriageLevel::urgent;
        }
      }
      if (step == 2 && tri.level == checker::TriageLevel::emergency && !tri.quote.empty() &&
          tri.reason.starts_with("You describe "))
        fired[tri.reason.substr(13, tri.reason.find(", a warning") - 13)]++;
      if (step == 2 && triage_out.is_open())
        triage_out << "VIGNETTE\t" << vignettes[v].id << "\t" << vignettes[v].diagnosis << "\t"
                   << (is_emergency_case(v) ? "E" : "-") << "\t" << checker::to_string(lvl) << "\t"
                   << tri.condition << "\t" << tri.reason << "\n";
      if (step == 2) {
        const auto level = std::string(checker::to_string(lvl));
        levels[level]++;
        if (is_emergency_case(v)) ++emergency_cases, emergency_levels[level]++;
      }
    }
    fmt::print("Triage, {}:\n", step == 0   ? "likely conditions only"
                                : step == 1 ? "+ red-flag wording and terms"
                                            : "+ the articles' warning signs (as served)");
    for (std::size_t h = 0; h < 3; ++h)
      fmt::print(
          "  {:<9} emergency cases {:>2}: emergency {:>2} urgent {:>2} | all {:>3}: emergency "
          "{:>3}\n",
          h == 0   ? "all"
          : h == 1 ? "odd ids"
                   : "even ids",
          c[h][0], c[h][1], c[h][2], c[h][4], c[h][3]);
    fmt::print("  self_care answers {}, with the article's own words on when to see a doctor {}\n",
               self_care, self_care_with_change);
  }
  fmt::print("  emergency from a warning sign:");
  for (const auto& [w, n] : fired) fmt::print(" {} ({})", w, n);
  fmt::print("\n");
  fmt::print(
      "Triage, likely = first ranks within a ratio of the first's score (conditions only):\n");
  for (const auto& [ranks, ratio] : std::vector<std::pair<std::size_t, double>>{
           {0, 1.0}, {3, 0.95}, {3, 0.9}, {3, 0.8}, {5, 0.8}, {5, 0.7}}) {
    const checker::LikelyRule rule{checker::kLikelyShare, ranks, ratio};
    std::size_t all_em = 0, case_em = 0, case_urgent = 0;
    for (std::size_t v = 0; v < vignettes.size(); ++v) {
      const auto lvl = checker::triage(descriptions[v], model, rankings[v], {}, rule).level;
      all_em += lvl == checker::TriageLevel::emergency;
      if (is_emergency_case(v)) {
        case_em += lvl == checker::TriageLevel::emergency;
        case_urgent += lvl == checker::TriageLevel::urgent;
      }
    }
    fmt::print(
        "  ranks={:<2} ratio={:<4} emergency cases: emergency {} urgent {}; all 197: "
        "emergency {}\n",
        ranks, ratio, case_em, case_urgent, all_em);
  }
  fmt::print("Triage levels given: ");
  for (const auto& [k, n] : levels) fmt::print("{} {}  ", k, n);
  fmt::print("\nVignettes whose condition's text says emergency: {}; levels given: ",
             emergency_cases);
  for (const auto& [k, n] : emergency_levels) fmt::print("{} {}  ", k, n);
  fmt::print("\n");

  // Speed: a 1,000-character description read, ranked (limit 10) and triaged.
  std::vector<std::string> texts;
  for (const auto& v : vignettes) {
    std::string s = v.text;
    while (s.size() < 1000) s += " " + v.text;
    s.resize(1000);
    texts.push_back(s);
  }
  std::vector<double> ms, cpu;
  std::vector<double> text_cpu(texts.size(), 0.0);  // each text's slowest run
  for (std::size_t i = 0; i < 1000; ++i) {
    const auto t = std::chrono::steady_clock::now();
    const double c0 = thread_cpu_ms();
    const auto d = checker::read_description(texts[i % texts.size()]);
    auto q = query_of(d, interpreter.get(), reading, window, clause_confidence, lay_rewrite);
    q.context = checker::context_of(d, vignettes[i % vignettes.size()].history);
    q.limit = 10;
    const auto ranked = model.rank(q);
    const auto tri = checker::triage(d, model, ranked, signals_of(d, 2));
    ms.push_back(seconds_since(t) * 1000);
    cpu.push_back(thread_cpu_ms() - c0);
    text_cpu[i % texts.size()] = std::max(text_cpu[i % texts.size()], cpu.back());
    if (tri.reason.empty()) return 3;
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  fmt::print(
      "1,000-character description -> findings, ranked, triaged: p50 {:.2f} ms, p99 {:.2f} ms, max "
      "{:.2f} ms (1000 runs{})\n",
      ms[ms.size() / 2], ms[ms.size() * 99 / 100], ms.back(),
      interpreter ? ", HPO reading included" : "");
  fmt::print(
      "  the same in thread CPU time (the machine is shared): p50 {:.2f} ms, p99 {:.2f} ms\n",
      cpu[cpu.size() / 2], cpu[cpu.size() * 99 / 100]);
  // The p99 of 1,000 runs over the texts is set by the few slowest texts:
  // named, so that their cost can be looked into (`--explain`).
  std::vector<std::size_t> slowest(texts.size());
  std::iota(slowest.begin(), slowest.end(), std::size_t{0});
  std::sort(slowest.begin(), slowest.end(),
            [&](std::size_t a, std::size_t b) { return text_cpu[a] > text_cpu[b]; });
  fmt::print("  slowest texts (thread CPU, slowest run):");
  for (std::size_t k = 0; k < std::min<std::size_t>(5, slowest.size()); ++k)
    fmt::print(" {} {:.2f} ms", vignettes[slowest[k]].id, text_cpu[slowest[k]]);
  fmt::print("\n");
  return 0;
}
