// Turning result rows into domain values, written once for both stores.
//
// Each store reads rows through its own C API (store/sqlite.hpp,
// store/postgresql/pg.hpp), but the tables, the columns and what a row means
// are the same. A row here is anything with text(column), integer(column)
// and is_null(column): SQLite's Statement and PostgreSQL's pg::RowRef both
// are. The SELECT column lists live beside the functions that read them, so
// a column cannot move in one without the other.
//
// Reads that take several queries (a whole article, the ontology) are
// written against `each_row(sql, f)`: the store runs `sql` (binding the one
// parameter, where the query has one) and calls `f(row)` for every row. The
// assembling then is one piece of code, whichever database the rows came
// from.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/account.hpp"
#include "core/article.hpp"
#include "core/editorial.hpp"
#include "core/error.hpp"
#include "ontology/ontology.hpp"

namespace symptomdb::store {

template <class R>
concept Row = requires(const R& row, int column) {
  { row.text(column) } -> std::convertible_to<std::string>;
  { row.integer(column) } -> std::convertible_to<std::int64_t>;
  { row.is_null(column) } -> std::convertible_to<bool>;
};

// What differs between the two SQL dialects in the queries built here.
struct Dialect {
  std::string_view param;       // the first statement parameter: "?" or "$1"
  std::string_view byte_order;  // after a text column in ORDER BY: byte-wise order
};

// Every row of `rows` (SQLite's Statement or a pg::Result: anything with
// each(f)) made a T by `from`; or the first one, if any.
template <class T, class Rows, class From>
std::vector<T> all(Rows&& rows, From&& from) {
  std::vector<T> out;
  rows.each([&](const auto& row) { out.push_back(from(row)); });
  return out;
}
template <class T, class Rows, class From>
std::optional<T> first(Rows&& rows, From&& from) {
  std::optional<T> out;
  rows.each([&](const auto& row) {
    if (!out) out = from(row);
  });
  return out;
}

template <Row R>
std::optional<std::int64_t> nullable(const R& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return row.integer(column);
}

// One column into one member, by the member's type: NULL leaves an optional
// empty; a 0/1 integer is a flag; an enum is read from its name (an unknown
// name gives the type's safe default).
template <Row R>
void read_column(const R& row, int c, std::string& out) {
  out = row.text(c);
}
template <Row R>
void read_column(const R& row, int c, std::int64_t& out) {
  out = row.integer(c);
}
template <Row R>
void read_column(const R& row, int c, std::optional<std::int64_t>& out) {
  out = nullable(row, c);
}
template <Row R>
void read_column(const R& row, int c, bool& out) {
  out = row.integer(c) != 0;
}
template <Row R>
void read_column(const R& row, int c, char& out) {  // one letter; empty keeps the default
  if (const auto text = row.text(c); !text.empty()) out = text[0];
}
template <Row R>
void read_column(const R& row, int c, Role& out) {
  out = role_from_string(row.text(c)).value_or(Role::reader);
}
template <Row R>
void read_column(const R& row, int c, CommentStatus& out) {
  out = comment_status_from_string(row.text(c)).value_or(CommentStatus::pending);
}
template <Row R>
void read_column(const R& row, int c, DraftState& out) {
  out = draft_state_from_string(row.text(c)).value_or(DraftState::draft);
}
template <Row R>
void read_column(const R& row, int c, ReviewAction& out) {
  const auto action = row.text(c);
  out = action == "approved"   ? ReviewAction::approved
        : action == "returned" ? ReviewAction::returned
                               : ReviewAction::submitted;
}

// Columns `first`, `first` + 1, ... into the given members of `out`, in
// order: a mapper is then the list of members in its SELECT's column order.
template <Row R, class T, class... Members>
void read_into(const R& row, int first, T& out, Members T::*... members) {
  int column = first;
  (read_column(row, column++, out.*members), ...);
}

// A mapper that reads columns 0, 1, ... into the given members of a T.
template <class T, auto... Members>
inline constexpr auto columns_into = []<Row R>(const R& row) {
  T out;
  read_into(row, 0, out, Members...);
  return out;
};

// --- Accounts. ---

// The columns user_from() reads, then the password hash (column 7).
inline constexpr const char* kUserColumns =
    "id, username, display_name, role, disabled, author_id, created_at, password_hash";

inline constexpr auto user_from =
    columns_into<User, &User::id, &User::username, &User::display_name, &User::role,
                 &User::disabled, &User::author_id, &User::created_at>;

// A session with its user; the store adds its WHERE (id hash, expiry,
// enabled user).
inline constexpr const char* kSessionSelect =
    "SELECT u.id, u.username, u.display_name, u.role, u.disabled, u.author_id, u.created_at, "
    "s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id ";

inline constexpr auto session_from = []<Row R>(const R& row) -> Session {
  return {user_from(row), row.text(7), row.integer(8)};
};

// An author profile with its rating; the store adds its WHERE.
inline constexpr const char* kAuthorSelect =
    "SELECT a.id, a.slug, a.name, a.credential, a.affiliation, a.bio, "
    "(SELECT AVG(stars) FROM author_ratings r WHERE r.author_id = a.id), "
    "(SELECT COUNT(*) FROM author_ratings r WHERE r.author_id = a.id), "
    "(SELECT id FROM users u WHERE u.author_id = a.id ORDER BY id LIMIT 1) FROM authors a ";

inline constexpr auto author_from = []<Row R>(const R& row) -> AuthorProfile {
  AuthorProfile p;
  read_into(row, 0, p, &AuthorProfile::id, &AuthorProfile::slug, &AuthorProfile::name,
            &AuthorProfile::credential, &AuthorProfile::affiliation, &AuthorProfile::bio);
  p.rating.count = row.integer(7);
  // AVG is REAL text on SQLite and NUMERIC text on PostgreSQL; stod reads both.
  if (p.rating.count > 0) p.rating.average = std::stod(row.text(6));
  p.user_id = nullable(row, 8);
  return p;
};

// --- Comments. ---

inline constexpr const char* kCommentSelect =
    "SELECT c.id, c.article_slug, c.user_id, u.display_name, c.parent_id, c.body, c.status, "
    "c.held_reason, c.created_at, c.edited_at, "
    "(SELECT COUNT(*) FROM comment_reports r WHERE r.comment_id = c.id), u.role, "
    "CASE WHEN c.deleted_at IS NULL THEN 0 ELSE 1 END "
    "FROM comments c JOIN users u ON u.id = c.user_id ";

inline constexpr auto comment_from = []<Row R>(const R& row) -> Comment {
  Comment c;
  read_into(row, 0, c, &Comment::id, &Comment::article_slug, &Comment::user_id,
            &Comment::author_name, &Comment::parent_id, &Comment::body, &Comment::status,
            &Comment::held_reason, &Comment::created_at, &Comment::edited_at, &Comment::reports,
            &Comment::author_role, &Comment::deleted);
  if (c.deleted) {
    // What was deleted is not handed out, whatever the caller does with it.
    c.author_name.clear();
    c.author_role = Role::reader;
    c.body.clear();
  }
  return c;
};

// --- The editorial workflow. ---

inline constexpr const char* kDraftSelect =
    "SELECT d.slug, d.state, d.owner_id, u.display_name, d.created_at, d.updated_at, "
    "(SELECT MAX(ordinal) FROM revisions r WHERE r.slug = d.slug), "
    "(SELECT title FROM revisions r WHERE r.slug = d.slug ORDER BY ordinal DESC LIMIT 1), "
    "(SELECT note FROM review_events e WHERE e.slug = d.slug AND e.action <> 'submitted' "
    "ORDER BY e.id DESC LIMIT 1), u.author_id "
    "FROM drafts d JOIN users u ON u.id = d.owner_id ";

inline constexpr auto draft_from =
    columns_into<Draft, &Draft::slug, &Draft::state, &Draft::owner_id, &Draft::owner_name,
                 &Draft::created_at, &Draft::updated_at, &Draft::latest, &Draft::title,
                 &Draft::last_note, &Draft::owner_author_id>;

inline constexpr const char* kRevisionSelect =
    "SELECT r.id, r.slug, r.ordinal, r.markdown, r.author_id, u.display_name, r.created_at, "
    "r.note, r.state FROM revisions r JOIN users u ON u.id = r.author_id ";

inline constexpr auto revision_from =
    columns_into<Revision, &Revision::id, &Revision::slug, &Revision::ordinal, &Revision::markdown,
                 &Revision::author_id, &Revision::author_name, &Revision::created_at,
                 &Revision::note, &Revision::state>;

inline constexpr const char* kReviewEventSelect =
    "SELECT e.id, e.slug, e.ordinal, e.action, e.user_id, u.display_name, e.note, e.created_at "
    "FROM review_events e JOIN users u ON u.id = e.user_id ";

inline constexpr auto review_event_from =
    columns_into<ReviewEvent, &ReviewEvent::id, &ReviewEvent::slug, &ReviewEvent::ordinal,
                 &ReviewEvent::action, &ReviewEvent::user_id, &ReviewEvent::user_name,
                 &ReviewEvent::note, &ReviewEvent::created_at>;

// A draft's state and latest revision, which every workflow step checks
// (store/common.hpp) before it changes anything.
inline constexpr const char* kDraftHeadSelect =
    "SELECT d.state, (SELECT MAX(ordinal) FROM revisions r WHERE r.slug = d.slug) FROM drafts d ";

struct DraftHead {
  DraftState state = DraftState::draft;
  std::int64_t latest = 0;
};

inline constexpr auto draft_head_from =
    columns_into<DraftHead, &DraftHead::state, &DraftHead::latest>;

// --- Articles. ---

// Every article (or, with `one`, the one whose slug is the parameter) with
// its condition, author, sections, items, sources, synonyms, CUIs and open
// questions, ordered by slug byte-wise. Children are read in one query per
// table and attached by id, rather than one query per article, so a full
// load stays fast for large imports.
template <class EachRow>
std::vector<Article> read_articles(EachRow&& each_row, const Dialect& d, bool one) {
  const std::string slug_is = one ? std::string("a.slug = ") + std::string(d.param) : "";
  std::vector<Article> out;
  std::map<std::int64_t, std::size_t> by_id;
  each_row(
      "SELECT a.id, a.slug, a.title, c.name, c.id, COALESCE(au.name, ''), "
      "COALESCE(au.credential, ''), COALESCE(au.affiliation, ''), a.site, a.introduction, "
      "a.reviewed_on, a.license, a.is_sample, a.format, a.source_file, a.imported_at, "
      "c.kind, a.collection, a.document_id, a.url, a.reviewed_by, a.reviewer_credential, "
      "a.contributors, a.semantic_types, a.semantic_group "
      "FROM articles a JOIN conditions c ON c.id = a.condition_id "
      "LEFT JOIN authors au ON au.id = a.author_id " +
          (one ? "WHERE " + slug_is : std::string()) + " ORDER BY a.slug" +
          std::string(d.byte_order),
      [&](const auto& row) {
        Article a;
        a.slug = row.text(1);
        a.title = row.text(2);
        a.condition.name = row.text(3);
        a.author = {row.text(5), row.text(6), row.text(7)};
        a.site = row.text(8);
        a.introduction = row.text(9);
        a.reviewed_on = row.text(10);
        a.license = row.text(11);
        a.sample = row.integer(12) != 0;
        a.provenance = {row.text(13), row.text(14), row.text(15)};
        a.condition.kind = row.text(16);
        a.collection = row.text(17);
        a.document_id = row.text(18);
        a.url = row.text(19);
        a.reviewed_by = {row.text(20), row.text(21)};
        // One name per line (joined_contributors() joins them so).
        const std::string types = row.text(23);
        for (std::string_view rest = types; !rest.empty();) {
          const auto space = rest.find(' ');
          if (space != 0) a.condition.semantic_types.emplace_back(rest.substr(0, space));
          rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
        }
        a.condition.semantic_group = row.text(24);
        const std::string contributors = row.text(22);
        for (std::string_view rest = contributors; !rest.empty();) {
          const auto nl = rest.find('\n');
          a.contributors.emplace_back(rest.substr(0, nl));
          rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
        }
        by_id[row.integer(0)] = out.size();
        out.push_back(std::move(a));
      });
  if (out.empty()) return out;

  // For one article, only its own children are read.
  const std::string of_article =
      one ? " WHERE article_id = (SELECT a.id FROM articles a WHERE " + slug_is + ")" : "";
  // Runs a child query and hands each row to `f` with the article it
  // belongs to.
  auto children = [&](const std::string& select, const std::string& order, auto&& f) {
    each_row(select + of_article + " ORDER BY " + order, [&](const auto& row) {
      if (auto it = by_id.find(row.integer(0)); it != by_id.end()) f(out[it->second], row);
    });
  };
  children("SELECT article_id, synonym FROM article_synonyms", "article_id, position",
           [](Article& a, const auto& row) { a.condition.synonyms.push_back(row.text(1)); });
  children("SELECT article_id, cui FROM article_cuis",
           "article_id, cui" + std::string(d.byte_order),
           [](Article& a, const auto& row) { a.condition.cuis.push_back(row.text(1)); });
  children("SELECT article_id, pair, qtype, question FROM open_questions", "article_id, position",
           [](Article& a, const auto& row) {
             a.open_questions.push_back({row.text(1), row.text(2), row.text(3)});
           });
  children("SELECT article_id, title, url FROM article_sources", "article_id, position",
           [](Article& a, const auto& row) {
             a.sources.push_back({row.text(1), row.text(2)});
           });

  // Section id -> its article and position (articles no longer move; the
  // sections of one article may, while they are being added).
  std::map<std::int64_t, std::pair<Article*, std::size_t>> section_at;
  children(
      "SELECT article_id, id, type, heading, intro, original_type, source_collection, "
      "source_document, source_pair, source_url FROM sections",
      "article_id, position", [&](Article& a, const auto& row) {
        Section s;
        s.type = section_type_from_string(row.text(2)).value_or(SectionType::other);
        s.heading = row.text(3);
        s.intro = row.text(4);
        s.original_type = row.text(5);
        s.source = {row.text(6), row.text(7), row.text(8), row.text(9)};
        section_at[row.integer(1)] = {&a, a.sections.size()};
        a.sections.push_back(std::move(s));
      });
  each_row(
      one ? "SELECT i.section_id, i.heading, i.body FROM items i JOIN sections s ON s.id = "
            "i.section_id JOIN articles a ON a.id = s.article_id WHERE " +
                slug_is + " ORDER BY i.section_id, i.position"
          : std::string(
                "SELECT section_id, heading, body FROM items ORDER BY section_id, position"),
      [&](const auto& row) {
        if (auto it = section_at.find(row.integer(0)); it != section_at.end())
          it->second.first->sections[it->second.second].items.push_back({row.text(1), row.text(2)});
      });
  return out;
}

// --- The phenotype ontology and annotations. ---

// Both are stored with an ordinal per row, so they come back exactly in the
// order they were put.
template <class EachRow>
std::optional<ontology::OntologyRecords> read_ontology(EachRow&& each_row) {
  ontology::OntologyRecords out;
  bool found = false;
  each_row(std::string("SELECT version, source_file FROM hpo_release WHERE id = 1"),
           [&](const auto& row) {
             out.version = row.text(0);
             out.source = row.text(1);
             found = true;
           });
  if (!found) return std::nullopt;
  // Ordinals are 0..n-1 (put_ontology writes them so), hence direct
  // indexing; a gap would mean someone else wrote the table.
  each_row(std::string("SELECT ordinal, id, label, definition, comment, obsolete, replaced_by "
                       "FROM hpo_terms ORDER BY ordinal"),
           [&](const auto& row) {
             if (row.integer(0) != static_cast<std::int64_t>(out.terms.size()))
               throw StoreError("hpo_terms: ordinals are not contiguous");
             ontology::TermRecord t;
             read_into(row, 1, t, &ontology::TermRecord::id, &ontology::TermRecord::label,
                       &ontology::TermRecord::definition, &ontology::TermRecord::comment,
                       &ontology::TermRecord::obsolete, &ontology::TermRecord::replaced_by);
             out.terms.push_back(std::move(t));
           });
  auto term_at = [&out](std::int64_t ordinal) -> ontology::TermRecord& {
    if (ordinal < 0 || ordinal >= static_cast<std::int64_t>(out.terms.size()))
      throw StoreError("HPO table row refers to missing term " + std::to_string(ordinal));
    return out.terms[static_cast<std::size_t>(ordinal)];
  };
  each_row(
      std::string("SELECT term, text, scope, layperson FROM hpo_synonyms ORDER BY term, ordinal"),
      [&](const auto& row) {
        term_at(row.integer(0))
            .synonyms.push_back(
                {row.text(1), ontology::synonym_scope_from(row.text(2)), row.integer(3) != 0});
      });
  auto read_list = [&](const char* table, const char* column,
                       std::vector<std::string> ontology::TermRecord::*list) {
    each_row(std::string("SELECT term, ") + column + " FROM " + table + " ORDER BY term, ordinal",
             [&](const auto& row) { (term_at(row.integer(0)).*list).push_back(row.text(1)); });
  };
  read_list("hpo_alt_ids", "alt_id", &ontology::TermRecord::alt_ids);
  read_list("hpo_xrefs", "xref", &ontology::TermRecord::xrefs);
  read_list("hpo_parents", "parent", &ontology::TermRecord::parents);
  return out;
}

template <class EachRow>
std::optional<ontology::AnnotationRecords> read_annotations(EachRow&& each_row) {
  ontology::AnnotationRecords out;
  bool found = false;
  each_row(std::string("SELECT version, hpo_version, source_file FROM hpo_annotation_release "
                       "WHERE id = 1"),
           [&](const auto& row) {
             out.version = row.text(0);
             out.hpo_version = row.text(1);
             out.source = row.text(2);
             found = true;
           });
  if (!found) return std::nullopt;
  each_row(std::string("SELECT COUNT(*) FROM hpo_annotations"),
           [&](const auto& row) { out.rows.reserve(static_cast<std::size_t>(row.integer(0))); });
  each_row(std::string("SELECT disease_id, disease_name, negated, term_id, reference, evidence, "
                       "onset, frequency, sex, modifier, aspect, biocuration FROM "
                       "hpo_annotations ORDER BY ordinal"),
           [&](const auto& row) {
             using A = ontology::Annotation;
             A a;
             read_into(row, 0, a, &A::disease_id, &A::disease_name, &A::negated, &A::term_id,
                       &A::reference, &A::evidence, &A::onset, &A::frequency, &A::sex, &A::modifier,
                       &A::aspect, &A::biocuration);
             out.rows.push_back(std::move(a));
           });
  return out;
}

// --- Writing a phenotype release: the rows, table by table. ---

// A value to store: text, an integer (flags as 0/1) or NULL.
using Value = std::variant<std::string_view, std::int64_t, std::nullptr_t>;

struct Table {
  const char* name;
  const char* columns;  // in the order the values come
};

inline constexpr Table kHpoRelease{"hpo_release", "id, version, source_file, imported_at"};
inline constexpr Table kHpoTerms{"hpo_terms",
                                 "ordinal, id, label, definition, comment, obsolete, replaced_by"};
inline constexpr Table kHpoSynonyms{"hpo_synonyms", "term, ordinal, text, scope, layperson"};
inline constexpr Table kHpoAltIds{"hpo_alt_ids", "term, ordinal, alt_id"};
inline constexpr Table kHpoXrefs{"hpo_xrefs", "term, ordinal, xref"};
inline constexpr Table kHpoParents{"hpo_parents", "term, ordinal, parent"};
// Parents before children: the order rows may be added in (and, reversed,
// deleted in).
inline constexpr const Table* kOntologyTables[] = {&kHpoRelease, &kHpoTerms, &kHpoSynonyms,
                                                   &kHpoAltIds,  &kHpoXrefs, &kHpoParents};

inline constexpr Table kHpoAnnotationRelease{"hpo_annotation_release",
                                             "id, version, hpo_version, source_file, imported_at"};
inline constexpr Table kHpoAnnotations{
    "hpo_annotations",
    "ordinal, disease_id, disease_name, negated, term_id, reference, evidence, onset, frequency, "
    "sex, modifier, aspect, biocuration"};
inline constexpr const Table* kAnnotationTables[] = {&kHpoAnnotationRelease, &kHpoAnnotations};

// Hands every row that stores `records` to add(table, {values...}), with an
// ordinal per row so read_ontology() gets them back in the same order;
// `imported_at` is the release's time stamp.
template <class Add>
void ontology_rows(const ontology::OntologyRecords& records, const std::string& imported_at,
                   Add&& add) {
  add(kHpoRelease, {std::int64_t{1}, records.version, records.source, imported_at});
  auto add_list = [&](const Table& table, std::int64_t term,
                      const std::vector<std::string>& values) {
    for (std::size_t i = 0; i < values.size(); ++i)
      add(table, {term, static_cast<std::int64_t>(i), values[i]});
  };
  for (std::size_t ti = 0; ti < records.terms.size(); ++ti) {
    const auto& t = records.terms[ti];
    const auto term = static_cast<std::int64_t>(ti);
    add(kHpoTerms,
        {term, t.id, t.label, t.definition, t.comment, std::int64_t{t.obsolete}, t.replaced_by});
    for (std::size_t i = 0; i < t.synonyms.size(); ++i)
      add(kHpoSynonyms,
          {term, static_cast<std::int64_t>(i), t.synonyms[i].text,
           ontology::to_string(t.synonyms[i].scope), std::int64_t{t.synonyms[i].layperson}});
    add_list(kHpoAltIds, term, t.alt_ids);
    add_list(kHpoXrefs, term, t.xrefs);
    add_list(kHpoParents, term, t.parents);
  }
}

template <class Add>
void annotation_rows(const ontology::AnnotationRecords& records, const std::string& imported_at,
                     Add&& add) {
  add(kHpoAnnotationRelease,
      {std::int64_t{1}, records.version, records.hpo_version, records.source, imported_at});
  for (std::size_t i = 0; i < records.rows.size(); ++i) {
    const auto& a = records.rows[i];
    add(kHpoAnnotations,
        {static_cast<std::int64_t>(i), a.disease_id, a.disease_name, std::int64_t{a.negated},
         a.term_id, a.reference, a.evidence, a.onset, a.frequency, a.sex, a.modifier,
         std::string_view(&a.aspect, 1), a.biocuration});
  }
}

// Changes whenever the ontology or the annotations are imported again.
// imported_at has one-second resolution; the row counts tell apart two
// different files imported within the same second. The same SQL on both.
inline constexpr const char* kPhenotypeStampSql =
    "SELECT COALESCE((SELECT version || '|' || source_file || '|' || imported_at"
    "                 FROM hpo_release WHERE id = 1), '') || '|' ||"
    " (SELECT COUNT(*) FROM hpo_terms) || '|' ||"
    " COALESCE((SELECT version || '|' || source_file || '|' || imported_at"
    "           FROM hpo_annotation_release WHERE id = 1), '') || '|' ||"
    " (SELECT COUNT(*) FROM hpo_annotations)";

}  // namespace symptomdb::store
