// Measures the symptom checker on published patients (phenopackets-dev, the
// measure of quality) and on simulated patients (a smoke test: they are drawn
// from the annotations the model scores with) against two peers (term
// overlap, Resnik best-match average as the Phenomizer), and times queries.
// Usage:
//   bench_checker DATA_DIR [--cases FILE] [--real-only] [--set NAME=VALUE]...
//                 [--summary] [--speed] [--patients N] [--seed S] [--tune]
//                 [--words [--words-dump FILE] [--words-read PHRASE]...]
// DATA_DIR holds hp.json and phenotype.hpoa; the cases default to
// DATA_DIR/../phenopackets-dev/cases.jsonl (skipped when absent). --set
// changes one model parameter (checker::Parameters, by its name) for every
// run, to measure a change before it becomes the default. --tune runs a
// small grid over the model parameters on simulated patients from a
// different seed (S + 1000) and prints it. --words measures the reading of
// plain words instead (words.hpp) and stops.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <memory>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "checker/checker.hpp"
#include "checker/interpret.hpp"
#include "ingest/hpo_json.hpp"
#include "ingest/hpoa.hpp"
#include "peers.hpp"
#include "real_cases.hpp"
#include "simulate.hpp"
#include "words.hpp"

using namespace symptomdb;
using bench::rank_of;
using bench::read_file;

namespace {

long rss_kib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

struct Tally {
  std::size_t n = 0, top1 = 0, top10 = 0;
  double rank_sum = 0;
  void add(double rank) {
    ++n;
    top1 += rank <= 1.0 ? 1 : 0;
    top10 += rank <= 10.0 ? 1 : 0;
    rank_sum += rank;
  }
  double p1() const { return n ? static_cast<double>(top1) / static_cast<double>(n) : 0; }
  double p10() const { return n ? static_cast<double>(top10) / static_cast<double>(n) : 0; }
  double mean() const { return n ? rank_sum / static_cast<double>(n) : 0; }
};

// The checker's own rank of the truth, over the scores rank() orders by.
double checker_rank(const checker::Checker& c, const bench::Patient& p) {
  checker::Query q;
  for (const auto t : p.terms) q.present.push_back({t, {}});
  return rank_of(c.scores(q), p.disease);
}

Tally evaluate_checker(const checker::Checker& c, const std::vector<bench::Patient>& patients) {
  Tally t;
  for (const auto& p : patients) t.add(checker_rank(c, p));
  return t;
}

constexpr bench::Setting kSettings[] = {bench::Setting::exact, bench::Setting::noise,
                                        bench::Setting::imprecision,
                                        bench::Setting::noise_imprecision};

void tune(const std::shared_ptr<const ontology::Ontology>& onto,
          const ontology::AnnotationRecords& annotations, bench::SimulationOptions options) {
  options.seed += 1000;  // never the reported seed
  options.patients = std::min<std::size_t>(options.patients, 1000);
  fmt::print("\nTuning grid (seed {}, {} patients per setting; top-1/top-10 per setting)\n",
             options.seed, options.patients);
  const auto base = checker::Checker::build(onto, annotations);
  std::vector<std::vector<bench::Patient>> sets;
  for (const auto s : kSettings) sets.push_back(bench::simulate(base, s, options));
  for (const double fp : {0.05, 0.2}) {
    for (const double se : {0.5, 1.0}) {
      for (const double w : {0.02, 0.1}) {
        checker::Parameters p;
        p.false_positive = fp;
        p.imprecision = w;
        p.size_exponent = se;
        const auto c = checker::Checker::build(onto, annotations, p);
        fmt::print("  fp={:<5} size^{:<4} w={:<5}", fp, se, w);
        for (const auto& set : sets) {
          const Tally t = evaluate_checker(c, set);
          fmt::print("  {:.3f}/{:.3f}", t.p1(), t.p10());
        }
        fmt::print("\n");
        std::fflush(stdout);
      }
    }
  }
}

// --set NAME=VALUE: the parameters by the names checker.hpp gives them.
bool set_parameter(checker::Parameters& p, const std::string& assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string::npos) return false;
  const std::string name = assignment.substr(0, eq);
  const double v = std::stod(assignment.substr(eq + 1));
  const std::pair<const char*, double*> fields[] = {
      {"false_positive", &p.false_positive},
      {"imprecision", &p.imprecision},
      {"specificity", &p.specificity},
      {"frequency_exponent", &p.frequency_exponent},
      {"size_exponent", &p.size_exponent},
      {"default_frequency", &p.default_frequency},
      {"max_frequency", &p.max_frequency},
      {"not_present_lr", &p.not_present_lr},
      {"not_excluded_lr", &p.not_excluded_lr},
      {"wrong_sex_lr", &p.wrong_sex_lr},
      {"too_young_lr", &p.too_young_lr},
      {"onset_margin", &p.onset_margin},
      {"posterior_temperature", &p.posterior_temperature},
  };
  for (const auto& [n, field] : fields)
    if (name == n) {
      *field = v;
      return true;
    }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: bench_checker DATA_DIR [--patients N] [--seed S] [--tune]\n");
    return 2;
  }
  const std::string dir = argv[1];
  bench::SimulationOptions options;
  bool do_tune = false, real_only = false, summary_only = false, speed_only = false;
  bool words = false, calibration = false;
  std::string words_dump;
  std::vector<std::string> words_read;
  std::string cases_path = dir + "/../phenopackets-dev/cases.jsonl";
  checker::Parameters parameters;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--cases" && i + 1 < argc)
      cases_path = argv[++i];
    else if (a == "--real-only")
      real_only = true;
    else if (a == "--summary")  // one line for the real cases, then stop
      summary_only = true;
    else if (a == "--speed")  // latency only: no quality tables
      speed_only = true;
    else if (a == "--set" && i + 1 < argc) {
      if (!set_parameter(parameters, argv[++i])) {
        fmt::print(stderr, "unknown parameter in --set {}\n", argv[i]);
        return 2;
      }
    } else if (a == "--patients" && i + 1 < argc)
      options.patients = std::stoul(argv[++i]);
    else if (a == "--seed" && i + 1 < argc)
      options.seed = std::stoull(argv[++i]);
    else if (a == "--tune")
      do_tune = true;
    else if (a == "--calibration")  // shown probabilities against how often they are right
      calibration = true;
    else if (a == "--words")
      words = true;
    else if (a == "--words-dump" && i + 1 < argc)
      words_dump = argv[++i];
    else if (a == "--words-read" && i + 1 < argc)  // one more phrase to show, repeatable
      words_read.emplace_back(argv[++i]);
    else {
      fmt::print(stderr, "unknown argument {}\n", a);
      return 2;
    }
  }

  const long rss_before = rss_kib();
  auto t0 = std::chrono::steady_clock::now();
  std::shared_ptr<const ontology::Ontology> onto;
  ontology::AnnotationRecords annotations;
  {
    const auto records = ingest::parse_obographs_json(read_file(dir + "/hp.json"), "hp.json");
    onto = std::make_shared<const ontology::Ontology>(ontology::Ontology::build(records));
    annotations = ingest::parse_hpoa(read_file(dir + "/phenotype.hpoa"), "phenotype.hpoa");
  }
  const double load_s = seconds_since(t0);
  if (words) {
    bench::report_words(onto, words_dump, words_read);
    return 0;
  }
  t0 = std::chrono::steady_clock::now();
  const auto checker = checker::Checker::build(onto, annotations, parameters);
  const double build_s = seconds_since(t0);
  annotations.rows.shrink_to_fit();
  fmt::print("HPO {} ({} terms), annotations {} ({} diseases, {} unknown term ids dropped)\n",
             onto->version(), onto->size(), checker.annotations_version(), checker.disease_count(),
             checker.unknown_term_ids());
  fmt::print("parse+graph {:.2f} s, checker build {:.2f} s\n", load_s, build_s);

  if (do_tune) tune(onto, annotations, options);
  {
    // What the server keeps: the graph and the checker (the records go).
    ontology::AnnotationRecords{}.rows.swap(annotations.rows);
  }
  fmt::print(
      "RSS after load (graph + checker, records freed): {:.0f} MiB (process start {:.0f} MiB)\n",
      static_cast<double>(rss_kib()) / 1024.0, static_cast<double>(rss_before) / 1024.0);

  const bench::Peers peers(checker);
  if (speed_only) {
  } else if (std::ifstream(cases_path)) {
    const auto t_real = std::chrono::steady_clock::now();
    const auto set = bench::read_real_cases(cases_path, checker);
    if (summary_only) {
      fmt::print("real cases: {}\n", bench::summary_line(set, checker));
      return 0;
    }
    bench::report_real_cases(set, checker, peers);
    if (calibration) bench::report_posterior_calibration(set, checker);
    fmt::print("(real-case evaluation {:.1f} s)\n", seconds_since(t_real));
  } else {
    fmt::print("\nReal cases: skipped, {} not found (--cases FILE)\n", cases_path);
  }
  if (real_only) return 0;
  fmt::print(
      "\nSimulated patients (Köhler et al. 2009): {} per setting, seed {}, diseases with >= {} "
      "phenotype terms, <= {} sampled terms by annotated frequency (none given: {}), noise "
      "+{:.0f}% random phenotype terms, imprecision {:.0f}% of terms -> random ancestor below "
      "HP:0000118. Ties split evenly.\n\n",
      options.patients, options.seed, options.min_annotations, options.max_terms,
      checker.parameters().default_frequency, options.noise * 100, options.imprecision * 100);
  fmt::print("| setting | method | top-1 | top-10 | mean rank |\n|---|---|---|---|---|\n");
  std::vector<bench::Patient> latency_pool;
  for (const auto s : kSettings) {
    if (speed_only && s != bench::Setting::noise_imprecision) continue;
    const auto patients = bench::simulate(checker, s, options);
    if (speed_only) {
      latency_pool = patients;
      continue;
    }
    Tally ours, overlap, resnik;
    for (const auto& p : patients) {
      ours.add(checker_rank(checker, p));
      overlap.add(rank_of(peers.overlap(p.terms), p.disease));
      resnik.add(rank_of(peers.resnik(p.terms), p.disease));
    }
    const std::pair<const char*, const Tally*> rows[] = {
        {"symptomdb (LR)", &ours}, {"term overlap", &overlap}, {"Resnik BMA", &resnik}};
    for (const auto& [name, t] : rows)
      fmt::print("| {} | {} | {:.3f} | {:.3f} | {:.1f} |\n", bench::setting_name(s), name, t->p1(),
                 t->p10(), t->mean());
    std::fflush(stdout);
    if (s == bench::Setting::noise_imprecision) latency_pool = patients;
  }

  // Latency: 10- and 50-term queries (a simulated patient's terms topped up
  // with random annotated terms of other diseases), limit 10, as the server
  // asks; then the bound the API allows: 250 present and 250 excluded
  // findings, limit 200.
  std::mt19937_64 rng(options.seed + 7);
  auto random_term = [&] {
    for (;;) {
      const auto& other = checker.disease(std::uniform_int_distribution<checker::DiseaseIndex>(
          0, static_cast<checker::DiseaseIndex>(checker.disease_count() - 1))(rng));
      if (!other.present.empty())
        return other
            .present[std::uniform_int_distribution<std::size_t>(0, other.present.size() - 1)(rng)]
            .term;
    }
  };
  auto latency = [&](std::size_t present, std::size_t excluded, std::size_t limit,
                     std::size_t rounds) -> bool {
    std::vector<double> micros;
    for (std::size_t i = 0; i < rounds; ++i) {
      const auto& p = latency_pool[i % latency_pool.size()];
      checker::Query q;
      q.limit = limit;
      for (const auto t : p.terms) q.present.push_back({t, {}});
      while (q.present.size() < present) q.present.push_back({random_term(), {}});
      q.present.resize(present);
      while (q.excluded.size() < excluded) q.excluded.push_back({random_term(), {}});
      const auto t = std::chrono::steady_clock::now();
      const auto r = checker.rank(q);
      micros.push_back(seconds_since(t) * 1e6);
      if (r.empty()) return false;
    }
    std::sort(micros.begin(), micros.end());
    auto pct = [&](double p) { return micros[static_cast<std::size_t>(p * (micros.size() - 1))]; };
    fmt::print(
        "rank() latency, {} present + {} excluded over {} diseases, limit {}, {} runs: p50 {:.2f} "
        "ms, p99 {:.2f} ms, max {:.2f} ms\n",
        present, excluded, checker.disease_count(), limit, rounds, pct(0.50) / 1000,
        pct(0.99) / 1000, micros.back() / 1000);
    std::fflush(stdout);
    return true;
  };
  fmt::print("\n");
  if (!latency(10, 0, 10, 2000) || !latency(50, 0, 10, 1000) || !latency(250, 250, 200, 20))
    return 1;

  // Free text: a few phrases as the interpreter reads them, and the time of
  // interpret_phrase() and suggest() over a fixed list of inputs.
  t0 = std::chrono::steady_clock::now();
  std::vector<double> weights(onto->size());
  for (checker::TermIndex t = 0; t < onto->size(); ++t) weights[t] = checker.annotated_diseases(t);
  const checker::Interpreter interpreter(onto, std::move(weights));
  fmt::print("\ninterpreter build {:.2f} s, RSS now {:.0f} MiB\n", seconds_since(t0),
             static_cast<double>(rss_kib()) / 1024.0);
  const char* phrases[] = {"muscle wasting",
                           "muscles getting smaller",
                           "twiching",
                           "muscle cramps",
                           "fits",
                           "short of breath",
                           "tummy ache",
                           "blurry vision",
                           "hair falling out",
                           "purple elephant"};
  for (const char* ph : phrases) {
    const auto i = interpreter.interpret_phrase(ph);
    if (i)
      fmt::print("  {:<26} -> {} {} (via \"{}\", confidence {:.2f})\n", ph, onto->term(i->term).id,
                 i->label, i->matched, i->confidence);
    else
      fmt::print("  {:<26} -> (unmatched)\n", ph);
  }
  auto time_it = [&](auto&& f, std::size_t runs) {
    std::vector<double> us;
    for (std::size_t i = 0; i < runs; ++i) {
      const auto t = std::chrono::steady_clock::now();
      f(i);
      us.push_back(seconds_since(t) * 1e6);
    }
    std::sort(us.begin(), us.end());
    return std::pair{us[us.size() / 2], us[static_cast<std::size_t>(0.99 * (us.size() - 1))]};
  };
  const char* prefixes[] = {"m",   "mu",         "mus", "muscle w", "seiz",
                            "hea", "short of b", "ab",  "fev",      "weak"};
  const auto [s50, s99] = time_it(
      [&](std::size_t i) { (void)interpreter.suggest(prefixes[i % std::size(prefixes)], 10); },
      1000);
  const auto [i50, i99] = time_it(
      [&](std::size_t i) { (void)interpreter.interpret_phrase(phrases[i % std::size(phrases)]); },
      1000);
  fmt::print(
      "suggest(prefix, 10): p50 {:.3f} ms, p99 {:.3f} ms; interpret_phrase: p50 {:.3f} ms, "
      "p99 {:.3f} ms\n",
      s50 / 1000, s99 / 1000, i50 / 1000, i99 / 1000);
  return 0;
}
