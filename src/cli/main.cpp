// symptomdb: the command-line front end. Argument parsing only; the work is
// in commands.cpp and the libraries under src/.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  using namespace symptomdb::cli;
  CLI::App app{"symptomdb: a self-hosted medical knowledge base"};
  app.set_version_flag("--version", std::string(SYMPTOMDB_VERSION));
  app.require_subcommand(1);
  std::string db = "symptomdb.db";

  ServeOptions serve_opts;
  auto* serve_cmd = app.add_subcommand("serve", "Run the web server");
  serve_cmd->add_option("--db", serve_opts.db, "SQLite file (made if missing) or postgresql:// URL")
      ->capture_default_str();
  serve_cmd->add_option("--host", serve_opts.host, "Address to listen on")->capture_default_str();
  serve_cmd->add_option("--port", serve_opts.port, "Port to listen on (0 picks a free one)")
      ->capture_default_str();
  serve_cmd->add_option("--threads", serve_opts.threads, "Worker threads (0 = one per core)")
      ->check(CLI::Range(0, 256));
  serve_cmd->add_option("--trusted-proxy", serve_opts.trusted_proxies,
                        "Reverse proxy address or CIDR (repeatable) whose X-Forwarded-For and "
                        "X-Forwarded-Proto are believed");
  serve_cmd->add_option("--content", serve_opts.content_dir,
                        "Sample content imported into an empty database");
  serve_cmd->add_flag("!--no-sample", serve_opts.import_sample,
                      "Do not import sample content into an empty database");
  serve_cmd
      ->add_option("--access-log", serve_opts.access_log,
                   "Access log: '-' for stderr, 'off', or a file")
      ->capture_default_str();
  serve_cmd
      ->add_option("--refresh-seconds", serve_opts.refresh_seconds,
                   "How often to look for changes made by imports")
      ->check(CLI::Range(0.05, 3600.0))
      ->capture_default_str();

  serve_cmd
      ->add_option("--comment-hold-hours", serve_opts.comment_hold_hours,
                   "Comments from accounts younger than this wait for a moderator (0: none)")
      ->check(CLI::Range(0.0, 24.0 * 365))
      ->capture_default_str();
  serve_cmd
      ->add_option("--reports-to-hide", serve_opts.reports_to_hide,
                   "Reports that hide a comment until an editor reviews it")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();

  auto* import_cmd = app.add_subcommand("import", "Import articles into the database");
  import_cmd->require_subcommand(1);
  std::vector<std::string> seed_paths, md_paths;
  auto* seed_cmd = import_cmd->add_subcommand("seed", "Plain-text article pages (like the seed)");
  seed_cmd->add_option("files", seed_paths, "Files or folders of .txt files")->required();
  seed_cmd->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  auto* md_cmd = import_cmd->add_subcommand("markdown", "Articles in the native Markdown format");
  md_cmd->add_option("paths", md_paths, "Files or folders of .md files")->required();
  md_cmd->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();

  std::string medquad_dir;
  auto* mq_cmd =
      import_cmd->add_subcommand("medquad", "The MedQuAD dataset (a folder of XML files)");
  mq_cmd->add_option("dir", medquad_dir, "The MedQuAD folder, e.g. ../shared/data/medquad")
      ->required();
  mq_cmd->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();

  std::string hpo_file, hpoa_file;
  bool if_missing = false;
  auto* hpo_cmd = import_cmd->add_subcommand(
      "hpo", "The Human Phenotype Ontology (hp.json in obographs JSON, or hp.obo)");
  hpo_cmd->add_option("file", hpo_file, "e.g. ../shared/data/hpo/hp.json")->required();
  hpo_cmd->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  hpo_cmd->add_flag("--if-missing", if_missing,
                    "Do nothing when the database already holds an ontology");
  auto* hpoa_cmd = import_cmd->add_subcommand("hpoa", "HPO disease annotations (phenotype.hpoa)");
  hpoa_cmd->add_option("file", hpoa_file, "e.g. ../shared/data/hpo/phenotype.hpoa")->required();
  hpoa_cmd->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  hpoa_cmd->add_flag("--if-missing", if_missing,
                     "Do nothing when the database already holds annotations");

  std::string slug;
  bool as_json = false;
  auto* show_cmd = app.add_subcommand("show", "Print an article in the terminal");
  show_cmd->add_option("slug", slug, "Article slug, e.g. muscle-atrophy")->required();
  show_cmd->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  show_cmd->add_flag("--json", as_json, "Print the API's JSON instead");

  std::string question;
  std::size_t ask_limit = 5;
  auto* ask_cmd = app.add_subcommand("ask", "Answer a health question from the knowledge base");
  ask_cmd->add_option("question", question, "The question, in quotes")->required();
  ask_cmd->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  ask_cmd->add_option("--limit", ask_limit, "How many answers")->check(CLI::Range(1, 50));
  ask_cmd->add_flag("--json", as_json, "Print the API's JSON instead");

  auto* list_cmd = app.add_subcommand("list", "List the articles in the database");
  list_cmd->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();

  auto* user_cmd = app.add_subcommand("user", "Manage accounts (the first admin is made here)");
  user_cmd->require_subcommand(1);
  std::string username, display_name, role_name = "reader", author_slug;
  auto* user_add =
      user_cmd->add_subcommand("add", "Create an account; the password is read from stdin");
  user_add->add_option("username", username, "Login name")->required();
  user_add->add_option("--display-name", display_name,
                       "Name shown on comments (default: the username)");
  user_add->add_option("--role", role_name, "reader, author, editor or admin")
      ->capture_default_str();
  user_add->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  auto* user_role = user_cmd->add_subcommand("role", "Change an account's role");
  user_role->add_option("username", username)->required();
  user_role->add_option("role", role_name, "reader, author, editor or admin")->required();
  user_role->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  auto* user_disable =
      user_cmd->add_subcommand("disable", "Disable an account (signs it out everywhere)");
  user_disable->add_option("username", username)->required();
  user_disable->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  auto* user_enable = user_cmd->add_subcommand("enable", "Enable a disabled account");
  user_enable->add_option("username", username)->required();
  user_enable->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  auto* user_author =
      user_cmd->add_subcommand("link-author", "Let an account write as an author profile");
  user_author->add_option("username", username)->required();
  user_author->add_option("author", author_slug, "Author slug, e.g. haroon-rashid")->required();
  user_author->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();

  std::string author_name, author_credential, author_affiliation;
  auto* author_cmd = app.add_subcommand("author", "Manage author profiles");
  author_cmd->require_subcommand(1);
  auto* author_set_cmd =
      author_cmd->add_subcommand("set", "Create or update the profile with this name");
  author_set_cmd->add_option("name", author_name, "Name as the byline shows it")->required();
  author_set_cmd->add_option("--credential", author_credential, "MD, RN, PharmD, ...");
  author_set_cmd->add_option("--affiliation", author_affiliation, "Clinic or institution");
  author_set_cmd->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();

  std::string out_dir;
  auto* export_cmd = app.add_subcommand("export", "Write every article out as Markdown");
  export_cmd->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  export_cmd->add_option("--out", out_dir, "Folder to write <slug>.md files into")->required();

  std::string migrate_from, migrate_to;
  auto* migrate_cmd = app.add_subcommand(
      "migrate", "Copy a SQLite database into a new PostgreSQL one, verified table by table");
  migrate_cmd->add_option("--from", migrate_from, "SQLite database file")->required();
  migrate_cmd->add_option("--to", migrate_to, "postgresql:// URL of an empty database")->required();

  CLI11_PARSE(app, argc, argv);
  if (*serve_cmd) {
    if (serve_opts.content_dir.empty()) serve_opts.content_dir = default_content_dir();
    return serve(serve_opts);
  }
  if (*seed_cmd) return import_files(db, seed_paths, false);
  if (*md_cmd) return import_files(db, md_paths, true);
  if (*mq_cmd) return import_medquad(db, medquad_dir);
  if (*hpo_cmd) return import_hpo(db, hpo_file, if_missing);
  if (*hpoa_cmd) return import_hpoa(db, hpoa_file, if_missing);
  if (*show_cmd) return show(db, slug, as_json);
  if (*list_cmd) return list(db);
  if (*ask_cmd) return ask(db, question, ask_limit, as_json);
  if (*export_cmd) return export_markdown(db, out_dir);
  if (*user_add) return user_add_command(db, username, display_name, role_name);
  if (*user_role) return user_set_role(db, username, role_name);
  if (*user_disable) return user_set_disabled(db, username, true);
  if (*user_enable) return user_set_disabled(db, username, false);
  if (*user_author) return user_link_author(db, username, author_slug);
  if (*author_set_cmd) return author_set(db, author_name, author_credential, author_affiliation);
  if (*migrate_cmd) return migrate(migrate_from, migrate_to);
  return 2;
}
