#include "ontology/ontology.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <system_error>

namespace symptomdb::ontology {

std::string_view to_string(SynonymScope s) {
  switch (s) {
    case SynonymScope::exact:
      return "exact";
    case SynonymScope::related:
      return "related";
    case SynonymScope::broad:
      return "broad";
    case SynonymScope::narrow:
      return "narrow";
  }
  return "exact";
}

SynonymScope synonym_scope_from(std::string_view s) {
  if (s == "related") return SynonymScope::related;
  if (s == "broad") return SynonymScope::broad;
  if (s == "narrow") return SynonymScope::narrow;
  return SynonymScope::exact;
}

namespace {

// HPO's frequency sub-ontology (HP:0040279 "Frequency"). Each term names a
// range of patients; the checker wants one number, so we take the midpoint.
struct FrequencyTerm {
  std::string_view id;
  double value;
};
constexpr FrequencyTerm kFrequencyTerms[] = {
    {"HP:0040280", 1.0},    // Obligate: always present
    {"HP:0040281", 0.895},  // Very frequent: 80-99%
    {"HP:0040282", 0.545},  // Frequent: 30-79%
    {"HP:0040283", 0.17},   // Occasional: 5-29%
    {"HP:0040284", 0.025},  // Very rare: 1-4%
    {"HP:0040285", 0.0},    // Excluded: 0%
};

// Whole text must be consumed: "1/2x" is not a frequency. Percentages are
// plain decimals ("24.3"), not "1e2".
template <typename T, typename... Format>
std::optional<T> parse_number(std::string_view s, Format... format) {
  if (s.empty()) return std::nullopt;
  T value{};
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value, format...);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<double> frequency_value(std::string_view frequency) {
  for (const auto& f : kFrequencyTerms)
    if (frequency == f.id) return f.value;
  if (auto slash = frequency.find('/'); slash != std::string_view::npos) {
    auto n = parse_number<unsigned long>(frequency.substr(0, slash));
    auto m = parse_number<unsigned long>(frequency.substr(slash + 1));
    if (!n || !m || *m == 0 || *n > *m) return std::nullopt;
    return static_cast<double>(*n) / static_cast<double>(*m);
  }
  if (!frequency.empty() && frequency.back() == '%') {
    auto p =
        parse_number<double>(frequency.substr(0, frequency.size() - 1), std::chars_format::fixed);
    if (!p || !(*p >= 0.0 && *p <= 100.0)) return std::nullopt;
    return *p / 100.0;
  }
  return std::nullopt;
}

namespace {

// Flattens per-term lists into the compressed (offset, edges) form.
void flatten(const std::vector<std::vector<TermIndex>>& lists, std::vector<std::uint32_t>& offset,
             std::vector<TermIndex>& edges) {
  offset.assign(lists.size() + 1, 0);
  std::size_t total = 0;
  for (const auto& l : lists) total += l.size();
  edges.clear();
  edges.reserve(total);
  for (std::size_t t = 0; t < lists.size(); ++t) {
    edges.insert(edges.end(), lists[t].begin(), lists[t].end());
    offset[t + 1] = static_cast<std::uint32_t>(edges.size());
  }
}

}  // namespace

Ontology Ontology::build(const OntologyRecords& records) {
  Ontology o;
  o.version_ = records.version;

  // Live terms get dense indices in file order, so indices are stable for a
  // given release and the checker's arrays line up with term().
  std::vector<const TermRecord*> live;
  for (const auto& r : records.terms)
    if (!r.obsolete) live.push_back(&r);
  const auto n = live.size();
  o.terms_.reserve(n);
  o.by_id_.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& r = *live[i];
    if (!o.by_id_.emplace(r.id, static_cast<TermIndex>(i)).second)
      throw std::invalid_argument("term " + r.id + " is defined twice");
    o.terms_.push_back(Term{r.id, r.label, r.definition, r.synonyms, r.xrefs});
  }
  // Alternative ids never displace a live id: HPO keeps some merged ids as
  // obsolete classes too, and the live term that claims them wins.
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& alt : live[i]->alt_ids) o.by_id_.emplace(alt, static_cast<TermIndex>(i));
  // Obsolete ids resolve to their replacement (itself possibly given by an
  // alternative id); without a usable replacement they stay unknown, so a
  // caller can tell "retired" from "current".
  for (const auto& r : records.terms) {
    if (!r.obsolete || r.replaced_by.empty()) continue;
    if (auto it = o.by_id_.find(r.replaced_by); it != o.by_id_.end()) {
      const TermIndex target = it->second;
      o.by_id_.emplace(r.id, target);
      for (const auto& alt : r.alt_ids) o.by_id_.emplace(alt, target);
    }
  }

  std::vector<std::vector<TermIndex>> parents(n), children(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& p : live[i]->parents) {
      auto it = o.by_id_.find(p);
      if (it == o.by_id_.end())
        throw std::invalid_argument("term " + live[i]->id + " has unknown parent " + p);
      auto& ps = parents[i];
      // A parent named twice (say once by an alternative id) is one edge.
      if (std::find(ps.begin(), ps.end(), it->second) == ps.end()) ps.push_back(it->second);
    }
    for (TermIndex p : parents[i]) children[p].push_back(static_cast<TermIndex>(i));
  }

  // Kahn's algorithm: a term is emitted once all its parents are.
  std::vector<std::uint32_t> pending(n);
  o.topo_.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    pending[i] = static_cast<std::uint32_t>(parents[i].size());
    if (pending[i] == 0) {
      o.roots_.push_back(static_cast<TermIndex>(i));
      o.topo_.push_back(static_cast<TermIndex>(i));
    }
  }
  for (std::size_t head = 0; head < o.topo_.size(); ++head)
    for (TermIndex c : children[o.topo_[head]])
      if (--pending[c] == 0) o.topo_.push_back(c);
  if (o.topo_.size() != n) {
    // Every unemitted term has an unemitted parent, so walking up from any
    // of them must revisit a term: that one is on a cycle.
    std::size_t t = 0;
    while (pending[t] == 0) ++t;
    std::vector<bool> seen(n, false);
    while (!seen[t]) {
      seen[t] = true;
      for (TermIndex p : parents[t])
        if (pending[p] != 0) {
          t = p;
          break;
        }
    }
    throw std::invalid_argument("term " + live[t]->id + " is its own ancestor (is_a cycle)");
  }

  // Parents first, so each term's closure is its own index merged with its
  // parents' finished closures.
  std::vector<std::vector<TermIndex>> ancestors(n);
  for (TermIndex t : o.topo_) {
    auto& a = ancestors[t];
    a.push_back(t);
    for (TermIndex p : parents[t]) a.insert(a.end(), ancestors[p].begin(), ancestors[p].end());
    std::sort(a.begin(), a.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
  }

  flatten(parents, o.parent_offset_, o.parent_edges_);
  flatten(children, o.child_offset_, o.child_edges_);
  flatten(ancestors, o.ancestor_offset_, o.ancestor_edges_);
  return o;
}

std::optional<TermIndex> Ontology::find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

std::span<const TermIndex> Ontology::parents(TermIndex t) const {
  return {parent_edges_.data() + parent_offset_[t], parent_offset_[t + 1] - parent_offset_[t]};
}

std::span<const TermIndex> Ontology::children(TermIndex t) const {
  return {child_edges_.data() + child_offset_[t], child_offset_[t + 1] - child_offset_[t]};
}

std::span<const TermIndex> Ontology::ancestors(TermIndex t) const {
  return {ancestor_edges_.data() + ancestor_offset_[t],
          ancestor_offset_[t + 1] - ancestor_offset_[t]};
}

bool Ontology::is_ancestor_or_self(TermIndex ancestor, TermIndex t) const {
  auto a = ancestors(t);
  return std::binary_search(a.begin(), a.end(), ancestor);
}

}  // namespace symptomdb::ontology
