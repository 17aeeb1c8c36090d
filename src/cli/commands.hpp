// The `symptomdb` subcommands. Each returns the process exit code; errors a
// user can fix are printed as one clear line on stderr.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace symptomdb::cli {

struct ServeOptions {
  std::string db = "symptomdb.db";
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  int threads = 0;
  std::vector<std::string> trusted_proxies;  // CIDRs whose X-Forwarded-* are believed
  std::string content_dir;  // bundled sample content, imported into an empty database
  bool import_sample = true;
  std::string access_log = "-";  // "-" = stderr, "off", or a file path
  double refresh_seconds = 2.0;
  double comment_hold_hours = 24;  // comments from younger accounts wait for a moderator
  int reports_to_hide = 3;         // reports that hide a comment until reviewed
};

int serve(const ServeOptions& options);
int import_medquad(const std::string& db, const std::string& dir);
// The HPO ontology (obographs JSON or OBO, told apart by content) and its
// disease annotations; each replaces what an earlier import stored.
// With `if_missing`, a database that already holds the data is left alone
// (scripts/run.sh imports ../shared's HPO files on every start this way).
int import_hpo(const std::string& db, const std::string& file, bool if_missing = false);
int import_hpoa(const std::string& db, const std::string& file, bool if_missing = false);
int import_files(const std::string& db, const std::vector<std::string>& paths, bool markdown);
int show(const std::string& db, const std::string& slug, bool json);
int list(const std::string& db);
int ask(const std::string& db, const std::string& question, std::size_t limit, bool json);
int export_markdown(const std::string& db, const std::string& out_dir);
int user_add_command(const std::string& db, const std::string& username,
                     const std::string& display_name, const std::string& role);
int user_set_role(const std::string& db, const std::string& username, const std::string& role);
int user_set_disabled(const std::string& db, const std::string& username, bool disabled);
// Creates or updates an author profile (an editor's credential makes their
// approvals "medically reviewed").
int author_set(const std::string& db, const std::string& name, const std::string& credential,
               const std::string& affiliation);
// Copies a SQLite database into an empty PostgreSQL one (store/transfer.hpp).
int migrate(const std::string& from, const std::string& to);
int user_link_author(const std::string& db, const std::string& username, const std::string& author);

// Where the bundled content lives: ./content when run from the source tree,
// else the source directory the binary was built from.
std::string default_content_dir();

}  // namespace symptomdb::cli
