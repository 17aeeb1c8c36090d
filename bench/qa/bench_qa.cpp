// bench/qa: answer quality and speed of symptomdb's question answering next
// to two peers (SQLite FTS5 BM25, Xapian BM25) over the same answer units,
// on the development question set in bench/qa/dev-questions.jsonl.
//
// A ranked answer is correct when its condition is one of the question's
// expected foci (compared by condition key over the condition's name and
// synonyms) and its type is one of the expected intents. For a question
// with no answer, the right response is none.
#include <sys/resource.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/spelling.hpp"
#include "peers.hpp"
#include "qa/engine.hpp"
#include "store/store.hpp"
#include "web/qa_json.hpp"

namespace {

using namespace symptomdb;
using Clock = std::chrono::steady_clock;

struct Question {
  std::string id, text;
  std::set<std::string> focus;  // condition keys
  std::vector<SectionType> intents;
  std::vector<std::string> tags;
  bool no_answer() const { return focus.empty(); }
};

struct Score {
  double p1 = 0, mrr = 0;
  std::size_t answerable = 0;
  std::size_t abstained = 0, abstained_right = 0, no_answer = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_tag;  // tag -> (right@1, total)
  std::vector<std::string> misses;

  double precision_no_answer() const {
    return abstained ? static_cast<double>(abstained_right) / static_cast<double>(abstained) : 0.0;
  }
};

long rss_kb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  return -1;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto idx = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(idx, v.size() - 1)];
}

std::vector<Question> load_questions(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Question> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    Question q;
    q.id = j["id"];
    q.text = j["question"];
    for (const auto& f : j["focus"]) q.focus.insert(condition_key(f.get<std::string>()));
    for (const auto& i : j["intents"]) {
      auto t = section_type_from_string(i.get<std::string>());
      if (!t) throw std::runtime_error(q.id + ": unknown intent " + i.get<std::string>());
      q.intents.push_back(*t);
    }
    for (const auto& t : j["tags"]) q.tags.push_back(t);
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, questions_path = "bench/qa/dev-questions.jsonl";
  int repeat = 20;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db" && i + 1 < argc)
      db = argv[++i];
    else if (a == "--questions" && i + 1 < argc)
      questions_path = argv[++i];
    else if (a == "--repeat" && i + 1 < argc)
      repeat = std::stoi(argv[++i]);
    else if (a == "--verbose")
      verbose = true;
    else {
      std::cerr << "usage: bench_qa --db FILE [--questions FILE] [--repeat N] [--verbose]\n";
      return 2;
    }
  }
  if (db.empty()) {
    std::cerr << "bench_qa: --db is required (bench/qa/run.sh builds one)\n";
    return 2;
  }
  const auto questions = load_questions(questions_path);
  const long rss_before = rss_kb();
  auto store = store::open_store(db);
  auto snapshot = std::make_shared<const Snapshot>(store->load_articles());
  store.reset();
  const auto t0 = Clock::now();
  const qa::Engine engine(snapshot);
  const double build_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const long rss_engine = rss_kb();

  // The units every system ranks.
  std::vector<bench::PeerDoc> docs;
  const std::size_t units = engine.unit_count();
  for (std::size_t u = 0; u < units; ++u)
    docs.push_back({engine.unit_heading(u), engine.unit_text(u)});
  const auto& conditions = snapshot->conditions();
  // Keys of every name a condition goes by.
  std::vector<std::set<std::string>> keys(conditions.size());
  for (std::size_t c = 0; c < conditions.size(); ++c) {
    keys[c].insert(condition_key(conditions[c].name));
    for (const auto& s : conditions[c].synonyms) keys[c].insert(condition_key(s));
  }
  auto correct = [&](const Question& q, std::size_t condition, SectionType type) {
    if (std::find(q.intents.begin(), q.intents.end(), type) == q.intents.end()) return false;
    for (const auto& k : keys[condition])
      if (q.focus.count(k)) return true;
    return false;
  };
  auto evaluate =
      [&](const std::function<std::vector<std::pair<std::size_t, SectionType>>(const Question&)>&
              run) {
        Score s;
        for (const auto& q : questions) {
          const auto ranked = run(q);
          if (q.no_answer()) {
            ++s.no_answer;
            if (ranked.empty()) ++s.abstained_right;
          }
          if (ranked.empty()) ++s.abstained;
          if (q.no_answer()) continue;
          ++s.answerable;
          std::size_t rank = 0;
          for (std::size_t i = 0; i < ranked.size() && i < 10; ++i)
            if (correct(q, ranked[i].first, ranked[i].second)) {
              rank = i + 1;
              break;
            }
          const bool hit = rank == 1;
          s.p1 += hit ? 1 : 0;
          s.mrr += rank ? 1.0 / static_cast<double>(rank) : 0;
          for (const auto& t : q.tags) {
            auto& bt = s.by_tag[t];
            bt.first += hit ? 1 : 0;
            ++bt.second;
          }
          if (!hit) {
            std::string got = ranked.empty() ? "(nothing)"
                                             : conditions[ranked[0].first].name + " / " +
                                                   std::string(to_string(ranked[0].second));
            s.misses.push_back(q.id + " " + q.text + "  ->  " + got);
          }
        }
        // No-answer questions count in the tags' totals as right when abstained.
        for (const auto& q : questions)
          if (q.no_answer()) {
            auto& bt = s.by_tag["no-answer"];
            ++bt.second;
            bt.first += run(q).empty() ? 1 : 0;
          }
        s.p1 /= static_cast<double>(std::max<std::size_t>(1, s.answerable));
        s.mrr /= static_cast<double>(std::max<std::size_t>(1, s.answerable));
        return s;
      };

  auto ours = [&](const Question& q) {
    std::vector<std::pair<std::size_t, SectionType>> out;
    for (const auto& a : engine.ask(q.text, 10).answers) out.emplace_back(a.condition, a.type);
    return out;
  };
  auto peer_runner = [&](bench::Peer& p) {
    return [&](const Question& q) {
      std::vector<std::pair<std::size_t, SectionType>> out;
      for (auto u : p.rank(q.text, 10))
        out.emplace_back(engine.unit(u).condition, engine.unit(u).type);
      return out;
    };
  };
  const Score s_ours = evaluate(ours);
  auto fts5 = bench::make_fts5_peer(docs);
  auto xapian = bench::make_xapian_peer(docs);
  const Score s_fts5 = evaluate(peer_runner(*fts5));
  const Score s_xapian = evaluate(peer_runner(*xapian));

  // Latency, in-process, each question asked `repeat` times.
  auto latencies = [&](const std::function<void(const Question&)>& f) {
    std::vector<double> ms;
    for (int r = 0; r < repeat; ++r)
      for (const auto& q : questions) {
        const auto a = Clock::now();
        f(q);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
      }
    return ms;
  };
  const auto l_ours = latencies([&](const Question& q) { (void)engine.ask(q.text, 10); });
  // What /api/v1/ask does per request beyond answering: the JSON body.
  const auto l_json = latencies(
      [&](const Question& q) { (void)web::ask_json(engine, engine.ask(q.text, 5)).dump(); });
  const auto l_fts5 = latencies([&](const Question& q) { (void)fts5->rank(q.text, 10); });
  const auto l_xapian = latencies([&](const Question& q) { (void)xapian->rank(q.text, 10); });

  std::cout << fmt::format(
      "bench/qa: {} questions ({} answerable, {} without answer), {} answer units, "
      "{} conditions\n\n",
      questions.size(), s_ours.answerable, s_ours.no_answer, units, conditions.size());
  std::cout << fmt::format("{:<20} {:>6} {:>8} {:>14} {:>10} {:>10}\n", "system", "P@1", "MRR@10",
                           "no-answer prec", "p50 ms", "p99 ms");
  auto row = [&](const std::string& name, const Score& s, const std::vector<double>& l) {
    std::cout << fmt::format(
        "{:<20} {:>6.3f} {:>8.3f} {:>8.3f} ({:>2}/{:<2}) {:>10.3f} {:>10.3f}\n", name, s.p1, s.mrr,
        s.precision_no_answer(), s.abstained_right, s.abstained, percentile(l, 0.5),
        percentile(l, 0.99));
  };
  row("symptomdb", s_ours, l_ours);
  row(fts5->name(), s_fts5, l_fts5);
  row(xapian->name(), s_xapian, l_xapian);
  const double best_peer = std::max(s_fts5.p1, s_xapian.p1);
  std::cout << fmt::format(
      "\nP@1 {:.3f} (target >= 0.85: {}); {:.2f}x FTS5's P@1 (target >= 2x: {})\n", s_ours.p1,
      s_ours.p1 >= 0.85 ? "PASS" : "MISS", s_fts5.p1 > 0 ? s_ours.p1 / s_fts5.p1 : 0.0,
      s_ours.p1 >= 2 * s_fts5.p1 ? "PASS" : "MISS");
  std::cout << fmt::format("best peer P@1 {:.3f}\n", best_peer);
  const double p50 = percentile(l_ours, 0.5), p99 = percentile(l_ours, 0.99);
  std::cout << fmt::format(
      "ask latency p50 {:.3f} ms (target < 1: {}), p99 {:.3f} ms (target < 5: {}); FTS5 p50 / ours "
      "p50 = {:.1f}x (target >= 5x: {})\n",
      p50, p50 < 1 ? "PASS" : "MISS", p99, p99 < 5 ? "PASS" : "MISS", percentile(l_fts5, 0.5) / p50,
      percentile(l_fts5, 0.5) >= 5 * p50 ? "PASS" : "MISS");
  std::cout << fmt::format(
      "ask + JSON body (what /api/v1/ask computes): p50 {:.3f} ms, p99 {:.3f} ms\n",
      percentile(l_json, 0.5), percentile(l_json, 0.99));
  std::cout << fmt::format(
      "engine build {:.2f} s; RSS {} MB before loading, {} MB with snapshot and engine "
      "(target < 300 MB: {})\n",
      build_s, rss_before / 1024, rss_engine / 1024, rss_engine < 300 * 1024 ? "PASS" : "MISS");
  std::cout << "\nsymptomdb P@1 by tag:";
  for (const auto& [tag, v] : s_ours.by_tag)
    std::cout << fmt::format("  {} {}/{}", tag, v.first, v.second);
  std::cout << "\n";
  if (verbose) {
    std::cout << "\nsymptomdb misses:\n";
    for (const auto& m : s_ours.misses) {
      std::cout << "  " << m << "\n";
      const auto id = m.substr(0, m.find(' '));
      for (const auto& q : questions) {
        if (q.id != id) continue;
        const auto r = engine.ask(q.text, 3);
        std::cout << "      intents:";
        for (const auto& i : r.intents)
          std::cout << " " << to_string(i.type) << "(" << i.cue << ")";
        std::cout << "  missing:";
        for (auto t : r.missing) std::cout << " " << to_string(t);
        std::cout << "  focus:";
        for (const auto& f : r.focus)
          std::cout << " [" << conditions[f.condition].name << " <- " << f.matched << "]";
        std::cout << "\n";
      }
    }
  }
  return 0;
}
