#include "peers.hpp"

#include <sqlite3.h>
#include <xapian.h>

#include <cctype>
#include <stdexcept>

namespace symptomdb::bench {
namespace {

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

// In-memory FTS5 table with the Porter stemmer, ranked by bm25() with the
// heading weighted twice the text (as symptomdb weights them).
class Fts5Peer final : public Peer {
 public:
  explicit Fts5Peer(const std::vector<PeerDoc>& docs) {
    check(sqlite3_open(":memory:", &db_), db_, "open");
    check(sqlite3_exec(
              db_, "CREATE VIRTUAL TABLE u USING fts5(heading, body, tokenize='porter unicode61')",
              nullptr, nullptr, nullptr),
          db_, "create");
    check(sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr), db_, "begin");
    sqlite3_stmt* ins = nullptr;
    check(sqlite3_prepare_v2(db_, "INSERT INTO u(rowid, heading, body) VALUES (?, ?, ?)", -1, &ins,
                             nullptr),
          db_, "prepare");
    for (std::size_t i = 0; i < docs.size(); ++i) {
      sqlite3_bind_int64(ins, 1, static_cast<sqlite3_int64>(i) + 1);
      sqlite3_bind_text(ins, 2, docs[i].heading.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(ins, 3, docs[i].text.c_str(), -1, SQLITE_STATIC);
      check(sqlite3_step(ins), db_, "insert");
      sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    check(sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr), db_, "commit");
    check(sqlite3_prepare_v2(
              db_, "SELECT rowid FROM u WHERE u MATCH ? ORDER BY bm25(u, 2.0, 1.0) LIMIT ?", -1,
              &query_, nullptr),
          db_, "prepare query");
  }
  ~Fts5Peer() override {
    sqlite3_finalize(query_);
    sqlite3_close(db_);
  }
  std::string name() const override { return "SQLite FTS5 BM25"; }

  std::vector<std::size_t> rank(std::string_view question, std::size_t k) override {
    // Every word as a quoted term, OR-ed: the usual way to put free text to FTS5.
    std::string expr, word;
    auto flush = [&] {
      if (word.empty()) return;
      if (!expr.empty()) expr += " OR ";
      expr += "\"" + word + "\"";
      word.clear();
    };
    for (unsigned char c : question) {
      if (std::isalnum(c) || c >= 0x80)
        word.push_back(static_cast<char>(std::tolower(c)));
      else
        flush();
    }
    flush();
    std::vector<std::size_t> out;
    if (expr.empty()) return out;
    sqlite3_bind_text(query_, 1, expr.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(query_, 2, static_cast<sqlite3_int64>(k));
    while (sqlite3_step(query_) == SQLITE_ROW)
      out.push_back(static_cast<std::size_t>(sqlite3_column_int64(query_, 0) - 1));
    sqlite3_reset(query_);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* query_ = nullptr;
};

// In-memory Xapian database, English stemming (STEM_SOME), English stop
// words, BM25 weighting, heading terms indexed with double weight.
class XapianPeer final : public Peer {
 public:
  explicit XapianPeer(const std::vector<PeerDoc>& docs)
      : db_(std::string(), Xapian::DB_BACKEND_INMEMORY), stemmer_("english") {
    Xapian::TermGenerator gen;
    gen.set_stemmer(stemmer_);
    gen.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    for (std::size_t i = 0; i < docs.size(); ++i) {
      Xapian::Document doc;
      gen.set_document(doc);
      gen.index_text(docs[i].heading, 2);
      gen.increase_termpos();
      gen.index_text(docs[i].text);
      doc.add_value(0, std::to_string(i));
      db_.add_document(doc);
    }
    db_.commit();
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_stopper(&stopper_);
    parser_.set_default_op(Xapian::Query::OP_OR);
    parser_.set_database(db_);
  }
  std::string name() const override { return "Xapian BM25"; }

  std::vector<std::size_t> rank(std::string_view question, std::size_t k) override {
    std::vector<std::size_t> out;
    Xapian::Query query;
    try {
      query = parser_.parse_query(std::string(question), 0);
    } catch (const Xapian::QueryParserError&) {
      return out;
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(k));
    for (auto it = mset.begin(); it != mset.end(); ++it)
      out.push_back(std::stoul(it.get_document().get_value(0)));
    return out;
  }

 private:
  Xapian::WritableDatabase db_;
  Xapian::Stem stemmer_;
  Xapian::SimpleStopper stopper_{kStopWords,
                                 kStopWords + sizeof(kStopWords) / sizeof(kStopWords[0])};
  Xapian::QueryParser parser_;
  static constexpr const char* kStopWords[] = {
      "a",    "about", "an",    "and",   "are",   "as",   "at",   "be",  "by",  "can",
      "do",   "does",  "for",   "from",  "has",   "have", "how",  "i",   "if",  "in",
      "is",   "it",    "its",   "me",    "my",    "of",   "on",   "or",  "so",  "that",
      "the",  "their", "them",  "there", "these", "they", "this", "to",  "was", "we",
      "what", "when",  "which", "who",   "why",   "will", "with", "you", "your"};
};

}  // namespace

std::unique_ptr<Peer> make_fts5_peer(const std::vector<PeerDoc>& docs) {
  return std::make_unique<Fts5Peer>(docs);
}

std::unique_ptr<Peer> make_xapian_peer(const std::vector<PeerDoc>& docs) {
  return std::make_unique<XapianPeer>(docs);
}

}  // namespace symptomdb::bench
