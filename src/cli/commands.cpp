#include "cli/commands.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unordered_set>

#include "app/server_assembly.hpp"
#include "article_format/markdown_export.hpp"
#include "core/error.hpp"
#include "core/user_text.hpp"
#include "ingest/collect.hpp"
#include "ingest/hpo_json.hpp"
#include "ingest/hpo_obo.hpp"
#include "ingest/hpoa.hpp"
#include "ingest/medquad.hpp"
#include "ontology/ontology.hpp"
#include "store/postgresql/postgresql_store.hpp"
#include "store/store.hpp"
#include "store/transfer.hpp"
#include "text/source_file.hpp"
#include "web/accounts.hpp"
#include "web/article_json.hpp"
#include "web/qa_json.hpp"
#include "web/security.hpp"
#include "web/site.hpp"

namespace symptomdb::cli {
namespace {

namespace fs = std::filesystem;

int fail(const std::string& message) {
  std::cerr << "symptomdb: " << message << "\n";
  return 1;
}

// Word-wraps a paragraph for the terminal.
void print_wrapped(std::ostream& out, std::string_view text, std::string_view indent,
                   std::size_t width = 78) {
  std::size_t col = 0;
  std::string word;
  auto flush_word = [&] {
    if (word.empty()) return;
    if (col > 0 && col + 1 + word.size() > width) {
      out << "\n";
      col = 0;
    }
    if (col == 0) {
      out << indent;
      col = indent.size();
    } else {
      out << ' ';
      ++col;
    }
    out << word;
    col += word.size();
    word.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      flush_word();
      const bool paragraph = i + 1 < text.size() && text[i + 1] == '\n';
      out << "\n";
      if (paragraph) {
        out << "\n";
        ++i;
      }
      col = 0;
    } else if (c == ' ') {
      flush_word();
    } else {
      word.push_back(c);
    }
  }
  flush_word();
  if (col > 0) out << "\n";
}

}  // namespace

std::string default_content_dir() {
  std::error_code ec;
  if (fs::is_directory("content", ec)) return "content";
  return std::string(SYMPTOMDB_SOURCE_DIR) + "/content";
}

int import_files(const std::string& db, const std::vector<std::string>& paths, bool markdown) {
  try {
    const auto files = ingest::collect_files(paths, markdown ? ".md" : ".txt");
    if (files.empty()) return fail("no " + std::string(markdown ? ".md" : ".txt") + " files found");
    // Parse everything before opening a transaction: a bad file leaves the
    // database exactly as it was.
    const auto articles =
        ingest::parse_files(files, markdown ? ingest::Format::markdown : ingest::Format::seed_text);
    auto store = store::open_store(db);
    const auto summary = store->put_articles(articles);
    std::cout << fmt::format("imported {} article{} into {} ({} new, {} replaced)\n",
                             articles.size(), articles.size() == 1 ? "" : "s",
                             store::describe_location(db), summary.added, summary.replaced);
    for (const auto& a : articles) std::cout << "  " << a.slug << "  " << a.title << "\n";
    return 0;
  } catch (const ParseError& e) {
    return fail(std::string(e.what()) + " (nothing was imported)");
  } catch (const StoreError& e) {
    return fail(std::string(e.what()) + " (nothing was imported)");
  }
}

int import_medquad(const std::string& db, const std::string& dir) {
  try {
    const auto started = std::chrono::steady_clock::now();
    const bool tty = ::isatty(STDERR_FILENO);
    auto bar = [&](std::size_t done, std::size_t total) {
      if (!tty || total == 0) return;
      const int width = 30;
      const int filled = static_cast<int>(width * done / total);
      std::cerr << fmt::format("\rreading  [{}{}] {}/{} files", std::string(filled, '#'),
                               std::string(width - filled, ' '), done, total)
                << std::flush;
    };
    const auto mq = ingest::read_medquad(dir, bar);
    if (tty)
      std::cerr << "\rwriting  " << mq.articles.size() << " articles...            " << std::flush;
    auto store = store::open_store(db);
    const auto summary = store->put_articles(mq.articles);
    if (tty) std::cerr << "\r" << std::string(60, ' ') << "\r";
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << fmt::format(
        "imported MedQuAD into {}: {} documents, {} answered pairs, {} open questions, {} "
        "conditions; articles {} new, {} replaced; in {:.1f} s\n",
        store::describe_location(db), mq.documents, mq.answered_pairs, mq.open_pairs, mq.conditions,
        summary.added, summary.replaced, secs);
    // Name the skipped files (a handful in the published dataset).
    for (std::size_t i = 0; i < mq.skipped.size() && i < 10; ++i)
      std::cout << "  skipped " << mq.skipped[i] << "\n";
    if (mq.skipped.size() > 10)
      std::cout << "  ... and " << mq.skipped.size() - 10 << " more skipped\n";
    return 0;
  } catch (const ParseError& e) {
    return fail(std::string(e.what()) + " (nothing was imported)");
  } catch (const StoreError& e) {
    return fail(std::string(e.what()) + " (nothing was imported)");
  }
}

namespace {

// One-line stage messages on stderr, overwritten in place, when a person is
// watching; nothing when stderr is a pipe or a file (tests, scripts).
class Progress {
 public:
  Progress() : tty_(::isatty(STDERR_FILENO)) {}
  ~Progress() { clear(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void stage(const std::string& what) {
    if (!tty_) return;
    clear();
    std::cerr << what << "..." << std::flush;
    shown_ = what.size() + 3;
  }
  void clear() {
    if (!tty_ || shown_ == 0) return;
    std::cerr << "\r" << std::string(shown_, ' ') << "\r" << std::flush;
    shown_ = 0;
  }

 private:
  bool tty_;
  std::size_t shown_ = 0;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// hp.json is 22 MB and phenotype.hpoa 34 MB today; leave room for growth.
constexpr std::size_t kMaxHpoFileBytes = 512u * 1024 * 1024;

}  // namespace

int import_hpo(const std::string& db, const std::string& file, bool if_missing) {
  try {
    if (if_missing && store::open_store(db)->load_ontology()) {
      std::cout << db << " already holds an ontology; not importing " << file << "\n";
      return 0;
    }
    const auto started = std::chrono::steady_clock::now();
    Progress progress;
    progress.stage("reading " + file);
    const auto source = text::read_source_file(file, kMaxHpoFileBytes);
    const auto first = source.text.find_first_not_of(" \t\n");
    const bool json = first != std::string::npos && source.text[first] == '{';
    progress.stage(std::string("parsing ") + (json ? "obographs JSON" : "OBO"));
    const auto records = json ? ingest::parse_obographs_json(source.text, source.name)
                              : ingest::parse_obo(source.text, source.name);
    // Build the graph once before storing: an ontology the checker could not
    // load (unknown parent, cycle) is refused here rather than later.
    progress.stage("checking the is_a graph");
    const auto graph = ontology::Ontology::build(records);
    std::size_t obsolete = 0, alt_ids = 0, synonyms = 0, layperson = 0, edges = 0;
    for (const auto& t : records.terms) {
      obsolete += t.obsolete ? 1 : 0;
      alt_ids += t.alt_ids.size();
      synonyms += t.synonyms.size();
      for (const auto& s : t.synonyms) layperson += s.layperson ? 1 : 0;
      edges += t.parents.size();
    }
    progress.stage(fmt::format("writing {} terms", records.terms.size()));
    store::open_store(db)->put_ontology(records);
    progress.clear();
    std::cout << fmt::format(
        "imported the Human Phenotype Ontology release {} into {}: {} terms ({} obsolete, {} "
        "current), {} alternative ids, {} synonyms ({} layperson), {} is_a edges; in {:.1f} s\n",
        records.version.empty() ? "(unversioned)" : records.version, store::describe_location(db),
        records.terms.size(), obsolete, graph.size(), alt_ids, synonyms, layperson, edges,
        seconds_since(started));
    return 0;
  } catch (const ParseError& e) {
    return fail(std::string(e.what()) + " (nothing was imported)");
  } catch (const std::invalid_argument& e) {
    return fail(file + ": " + e.what() + " (nothing was imported)");
  } catch (const StoreError& e) {
    return fail(std::string(e.what()) + " (nothing was imported)");
  }
}

int import_hpoa(const std::string& db, const std::string& file, bool if_missing) {
  try {
    if (if_missing && store::open_store(db)->load_annotations()) {
      std::cout << db << " already holds annotations; not importing " << file << "\n";
      return 0;
    }
    const auto started = std::chrono::steady_clock::now();
    Progress progress;
    progress.stage("reading " + file);
    const auto source = text::read_source_file(file, kMaxHpoFileBytes);
    progress.stage("parsing annotations");
    const auto records = ingest::parse_hpoa(source.text, source.name);
    std::unordered_set<std::string_view> diseases;
    std::size_t negated = 0;
    for (const auto& a : records.rows) {
      diseases.insert(a.disease_id);
      negated += a.negated ? 1 : 0;
    }
    progress.stage(fmt::format("writing {} annotations", records.rows.size()));
    auto store = store::open_store(db);
    store->put_annotations(records);

    // Rows are stored as written; say how many the current ontology will map
    // (alternative or replaced obsolete ids) and how many it cannot place.
    std::string against = "; no ontology stored to check term ids against (import hpo first)";
    progress.stage("checking term ids against the stored ontology");
    if (const auto stored = store->load_ontology()) {
      const auto graph = ontology::Ontology::build(*stored);
      std::size_t mapped = 0, unknown = 0;
      for (const auto& a : records.rows) {
        const auto t = graph.find(a.term_id);
        if (!t)
          ++unknown;
        else if (graph.term(*t).id != a.term_id)
          ++mapped;
      }
      against = fmt::format(
          "; against HPO {}: {} rows name a term by an alternative or obsolete id, {} name "
          "unknown terms",
          stored->version, mapped, unknown);
    }
    progress.clear();
    std::cout << fmt::format(
        "imported HPO annotations release {} (made with HPO {}) into {}: {} rows, {} diseases, "
        "{} negated{}; in {:.1f} s\n",
        records.version.empty() ? "(unversioned)" : records.version,
        records.hpo_version.empty() ? "(not stated)" : records.hpo_version,
        store::describe_location(db), records.rows.size(), diseases.size(), negated, against,
        seconds_since(started));
    return 0;
  } catch (const ParseError& e) {
    return fail(std::string(e.what()) + " (nothing was imported)");
  } catch (const StoreError& e) {
    return fail(std::string(e.what()) + " (nothing was imported)");
  } catch (const std::invalid_argument& e) {
    return fail(db + ": the stored ontology does not build: " + e.what());
  }
}

int show(const std::string& db, const std::string& slug, bool json) {
  try {
    if (!store::is_postgresql_url(db) && !fs::exists(db))
      return fail("no database at '" + db + "'");
    auto store = store::open_store(db);
    const auto article = store->find_article(slug);
    if (!article) return fail("no article '" + slug + "' in " + db + " (try: symptomdb list)");
    if (json) {
      std::cout << web::article_json(*article).dump(2) << "\n";
      return 0;
    }
    const Article& a = *article;
    auto& out = std::cout;
    if (a.sample) out << "[Sample content, not clinically reviewed]\n";
    out << a.title << "\n" << std::string(std::min<std::size_t>(a.title.size(), 78), '=') << "\n";
    out << "Condition: " << a.condition.name;
    if (!a.condition.synonyms.empty()) {
      out << " (also: ";
      for (std::size_t i = 0; i < a.condition.synonyms.size(); ++i)
        out << (i ? ", " : "") << a.condition.synonyms[i];
      out << ")";
    }
    out << "\n";
    if (!a.author.empty()) {
      out << "By " << a.author.name;
      if (!a.author.credential.empty()) out << ", " << a.author.credential;
      if (!a.author.affiliation.empty()) out << " - " << a.author.affiliation;
      out << "\n";
    }
    if (!a.reviewed_by.empty()) {
      out << "Medically reviewed by " << a.reviewed_by.name;
      if (!a.reviewed_by.credential.empty()) out << ", " << a.reviewed_by.credential;
      out << " on " << a.reviewed_on << "\n";
    } else if (!a.reviewed_on.empty()) {
      out << "Last reviewed " << a.reviewed_on << "\n";
    }
    out << "\n";
    print_wrapped(out, a.introduction, "");
    for (const auto& s : a.sections) {
      const auto heading = s.display_heading();
      out << "\n"
          << heading << " [" << to_string(s.type) << "]\n"
          << std::string(std::min<std::size_t>(heading.size(), 78), '-') << "\n";
      if (!s.intro.empty()) print_wrapped(out, s.intro, "");
      for (const auto& item : s.items) {
        out << "\n  * " << (item.heading.empty() ? "(no heading in source)" : item.heading) << "\n";
        print_wrapped(out, item.text, "    ");
      }
    }
    out << "\nSource: " << a.provenance.source_file << " (" << a.provenance.format << "), imported "
        << a.provenance.imported_at << "\n";
    out << "This is health information, not a diagnosis. In an emergency call your local "
           "emergency number.\n";
    return 0;
  } catch (const StoreError& e) {
    return fail(e.what());
  }
}

int ask(const std::string& db, const std::string& question, std::size_t limit, bool json) {
  try {
    if (!store::is_postgresql_url(db) && !fs::exists(db))
      return fail("no database at '" + db + "'");
    auto store = store::open_store(db);
    const qa::Engine engine(std::make_shared<const Snapshot>(store->load_articles()));
    const auto r = engine.ask(question, limit);
    if (json) {
      std::cout << web::ask_json(engine, r).dump(2) << "\n";
      return 0;
    }
    auto& out = std::cout;
    const auto& conditions = engine.snapshot().conditions();
    if (r.emergency) out << "!! " << r.emergency->message << "\n\n";
    if (!r.focus.empty()) {
      out << "About: " << conditions[r.focus.front().condition].name << " (matched \""
          << r.focus.front().matched << "\")";
      if (!r.intents.empty()) {
        out << "; asking about:";
        for (const auto& i : r.intents) out << " " << to_string(i.type);
      }
      out << "\n";
    }
    for (const auto& c : r.corrections)
      out << "(read \"" << c.from << "\" as \"" << c.to << "\")\n";
    for (std::size_t k = 0; k < r.answers.size(); ++k) {
      const auto& a = r.answers[k];
      out << "\n"
          << k + 1 << ". [" << to_string(a.type) << (a.asked ? "" : ", offered instead") << "] "
          << a.heading << "\n";
      print_wrapped(out, a.text, "   ");
      out << "   Source: " << (a.source.author.empty() ? a.source.collection : a.source.author);
      if (!a.source.document.empty())
        out << ", " << a.source.collection << " " << a.source.document;
      if (!a.source.pair.empty()) out << " pair " << a.source.pair;
      if (!a.source.url.empty()) out << " <" << a.source.url << ">";
      if (!a.source.license.empty()) out << " (" << a.source.license << ")";
      out << "\n";
    }
    for (auto t : r.missing)
      out << "\nNo answer about " << to_string(t) << " is held for this condition.\n";
    if (r.reverse) {
      out << "\nConditions whose articles mention it:\n";
      for (const auto& h : r.conditions)
        out << "  - " << conditions[h.condition].name << ": \"" << h.passage << "\"\n";
    }
    if (r.answers.empty() && !r.reverse) {
      if (r.not_covered.empty())
        out << "No answer found: the question names no condition this knowledge base covers.\n";
      else
        out << "No answer found: the question asks about "
            << fmt::format("{}", fmt::join(r.not_covered, ", "))
            << ", which this knowledge base holds nothing about.\n";
      if (!r.suggestions.empty()) {
        out << (r.not_covered.empty() ? "Did you mean:" : "The message also names:");
        for (auto c : r.suggestions) out << " " << conditions[c].name << ";";
        out << "\n";
      }
    }
    out << "\nHealth information, not a diagnosis. In an emergency call your local emergency "
           "number.\n";
    return 0;
  } catch (const StoreError& e) {
    return fail(e.what());
  }
}

int list(const std::string& db) {
  try {
    if (!store::is_postgresql_url(db) && !fs::exists(db))
      return fail("no database at '" + db + "'");
    auto store = store::open_store(db);
    for (const auto& a : store->load_articles())
      std::cout << a.slug << "\t" << a.condition.name << "\t" << a.title << "\n";
    return 0;
  } catch (const StoreError& e) {
    return fail(e.what());
  }
}

int export_markdown(const std::string& db, const std::string& out_dir) {
  try {
    if (!store::is_postgresql_url(db) && !fs::exists(db))
      return fail("no database at '" + db + "'");
    auto store = store::open_store(db);
    fs::create_directories(out_dir);
    const auto articles = store->load_articles();
    for (const auto& a : articles) {
      const fs::path path = fs::path(out_dir) / (a.slug + ".md");
      // Write to a temporary file and rename, so a crash never leaves half a file.
      const fs::path tmp = path.string() + ".tmp";
      {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f << article_format::to_markdown(a) << "\n";
        if (!f) return fail("cannot write " + tmp.string());
      }
      fs::rename(tmp, path);
    }
    std::cout << fmt::format("exported {} article{} to {}\n", articles.size(),
                             articles.size() == 1 ? "" : "s", out_dir);
    return 0;
  } catch (const StoreError& e) {
    return fail(e.what());
  } catch (const fs::filesystem_error& e) {
    return fail(e.what());
  }
}

namespace {

// Reads one line from stdin without echoing it when stdin is a terminal.
std::string read_secret(const char* prompt) {
  const bool tty = ::isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    std::cerr << prompt << std::flush;
    ::tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  return line;
}

}  // namespace

int user_add_command(const std::string& db, const std::string& username,
                     const std::string& display_name, const std::string& role_name) {
  try {
    const auto role = role_from_string(role_name);
    if (!role) return fail("unknown role '" + role_name + "' (reader, author, editor, admin)");
    if (auto problem = check_username(username); !problem.empty()) return fail(problem);
    const std::string password = read_secret("Password: ");
    const std::string shown = display_name.empty() ? username : display_name;
    if (auto problem = check_display_name(shown, at_least(*role, Role::editor)); !problem.empty())
      return fail(problem);
    if (auto problem = check_password(password, {username, shown}); !problem.empty())
      return fail(problem);
    auto store = store::open_store(db);
    User u;
    u.username = username;
    u.display_name = shown;
    u.role = *role;
    store->create_user(u, web::hash_password(password));
    std::cout << "created " << to_string(*role) << " '" << username << "'\n";
    return 0;
  } catch (const store::AccountExists& e) {
    return fail(e.what());
  } catch (const store::NameTaken& e) {
    return fail(e.what());
  } catch (const StoreError& e) {
    return fail(e.what());
  }
}

int user_set_role(const std::string& db, const std::string& username,
                  const std::string& role_name) {
  try {
    const auto role = role_from_string(role_name);
    if (!role) return fail("unknown role '" + role_name + "' (reader, author, editor, admin)");
    if (!store::open_store(db)->set_role(username, *role))
      return fail("no account '" + username + "'");
    std::cout << "'" << username << "' is now " << to_string(*role) << "\n";
    return 0;
  } catch (const StoreError& e) {
    return fail(e.what());
  }
}

int user_set_disabled(const std::string& db, const std::string& username, bool disabled) {
  try {
    if (!store::open_store(db)->set_disabled(username, disabled))
      return fail("no account '" + username + "'");
    std::cout << "'" << username << "' is " << (disabled ? "disabled" : "enabled") << "\n";
    return 0;
  } catch (const StoreError& e) {
    return fail(e.what());
  }
}

int user_link_author(const std::string& db, const std::string& username,
                     const std::string& author) {
  try {
    if (!store::open_store(db)->link_author(username, author))
      return fail("no account '" + username + "' or no author '" + author + "'");
    std::cout << "'" << username << "' writes as author '" << author << "'\n";
    return 0;
  } catch (const StoreError& e) {
    return fail(e.what());
  }
}

int author_set(const std::string& db, const std::string& name, const std::string& credential,
               const std::string& affiliation) {
  for (const auto& field : {name, credential, affiliation})
    if (auto problem = check_user_text(field, TextShape::line); !problem.empty())
      return fail("author: " + problem);
  try {
    const auto slug = store::open_store(db)->put_author({name, credential, affiliation});
    std::cout << "author profile '" << slug << "': " << name
              << (credential.empty() ? "" : ", " + credential) << "\n";
    return 0;
  } catch (const StoreError& e) {
    return fail(e.what());
  }
}

int migrate(const std::string& from, const std::string& to) {
  try {
    std::size_t rows = 0;
    store::copy_sqlite_to_postgresql(from, to, [&](const store::TableTransfer& t) {
      rows += t.rows;
      std::cout << fmt::format("{:<24} {:>9} rows  checksum {:016x}  verified\n", t.table, t.rows,
                               t.checksum);
    });
    std::cout << fmt::format("copied {} rows from {} to {}\n", rows, from,
                             store::describe_location(to));
    return 0;
  } catch (const StoreError& e) {
    return fail(e.what());
  }
}

int serve(const ServeOptions& o) {
  app::ServerConfig config;
  config.db = o.db;
  config.access_log = o.access_log;
  if (o.import_sample) config.sample_content_dir = o.content_dir;
  config.refresh_seconds = o.refresh_seconds;
  config.comments.hold_accounts_younger_than =
      static_cast<std::int64_t>(o.comment_hold_hours * 3600);
  config.comments.report_threshold = o.reports_to_hide;
  config.http.host = o.host;
  config.http.port = o.port;
  config.http.threads = o.threads;
  config.http.trusted_proxies = o.trusted_proxies;
  config.version = SYMPTOMDB_VERSION;
  try {
    app::ServerAssembly server(std::move(config));
    server.run([&](std::uint16_t port) {
      std::cout << "symptomdb listening on http://" << o.host << ":" << port << "/ (database "
                << store::describe_location(o.db) << ")" << std::endl;
    });
    return 0;
  } catch (const ParseError& e) {
    return fail(std::string("sample content: ") + e.what());
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}

}  // namespace symptomdb::cli
