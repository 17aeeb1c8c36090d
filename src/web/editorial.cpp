#include "web/editorial.hpp"
#include "text/lines.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <variant>

#include "core/error.hpp"
#include "core/slug.hpp"
#include "core/user_text.hpp"
#include "ingest/markdown_article.hpp"
#include "ingest/markdown_export.hpp"
#include "ingest/source_file.hpp"
#include "text/line_diff.hpp"
#include "web/accounts.hpp"
#include "web/http_util.hpp"
#include "web/pages.hpp"
#include "web/security.hpp"

namespace symptomdb::web {

using nlohmann::json;

// What an operation found wrong, in the words both an HTML page and a JSON
// error use.
struct Editorial::Failure {
  int status = 400;
  std::string code;
  std::string message;
};

// The article at a slug as one user may see it: its draft (if any is being
// worked on), the live copy (if published) and what the user may do.
struct Editorial::Context {
  std::optional<Draft> draft;
  const Article* live = nullptr;
  bool may_edit = false;
  bool editor = false;
  bool exists() const { return draft || live; }
};

namespace {

using Failure = Editorial::Failure;
constexpr std::size_t kMaxSlugChars = 80;

std::string utc_today() {
  return fmt::format("{:%F}", fmt::gmtime(std::time(nullptr)));
}

// "2026-12-01T09:50:12Z" -> "2026-12-01 09:50 UTC".
std::string when(const std::string& iso) {
  if (iso.size() < 16) return iso;
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

Response page(std::string_view title, const std::string& body, int status = 200) {
  Response r;
  r.status = status;
  r.body = render_plain_page(title, body);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

std::string trimmed(std::string_view s) {
  return std::string(text::trim(s));
}

bool has_control(std::string_view s) {
  return !check_user_text(s, TextShape::line).empty();
}

// Front-matter keys symptomdb fills in itself when an article is published:
// the byline comes from the writer's author profile and the review lines
// from the approving editor, so nobody can type a review that did not happen.
constexpr std::string_view kManagedKeys[] = {"author",   "credential",  "affiliation",
                                             "reviewed", "reviewed_by", "reviewer_credential"};

// The first managed key in the front matter and its line, if any.
std::optional<std::pair<int, std::string>> managed_key(std::string_view markdown) {
  const auto lines = text::split_lines(markdown);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto line = lines[i];
    if (text::trim(line) == "---") break;
    if (line.empty() || line[0] == ' ' || line[0] == '\t' || line[0] == '-' || line[0] == '#')
      continue;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key(text::trim(line.substr(0, colon)));
    for (auto k : kManagedKeys)
      if (key == k) return std::pair{static_cast<int>(i) + 1, key};
  }
  return std::nullopt;
}

int key_line(std::string_view markdown, std::string_view key) {
  const auto lines = text::split_lines(markdown);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (text::trim(lines[i]) == "---") break;
    if (lines[i].starts_with(key) && lines[i].substr(key.size()).find(':') != std::string::npos)
      return static_cast<int>(i) + 1;
  }
  return 2;
}

struct Checked {
  Article article;
  std::string markdown;  // normalised: UTF-8 checked, "\n" line endings
};

// Validates an editor's text as the article it would publish at `slug`.
std::variant<Checked, Failure> check_markdown(std::string text, std::string_view slug,
                                              const EditorialPolicy& policy) {
  if (text.size() > policy.max_markdown_bytes)
    return Failure{
        413, "article_too_large",
        fmt::format("An article has at most {} KiB of text.", policy.max_markdown_bytes / 1024)};
  const std::string name = std::string(slug) + ".md";
  if (auto problem = check_user_text(text, TextShape::paragraphs); !problem.empty())
    return Failure{422, "invalid_markdown", name + ": " + problem};
  try {
    auto file = ingest::source_from_text(name, std::move(text), policy.max_markdown_bytes);
    Article a = ingest::parse_markdown_article(file);
    if (auto managed = managed_key(file.text))
      return Failure{422, "invalid_markdown",
                     fmt::format("{}:{}: '{}' is filled in by symptomdb: the byline is the "
                                 "writer's author profile, and the review lines are set when an "
                                 "editor approves. Remove it.",
                                 name, managed->first, managed->second)};
    if (a.slug != slug)
      return Failure{422, "invalid_markdown",
                     fmt::format("{}:{}: the article's address is fixed: 'slug' must be '{}'", name,
                                 key_line(file.text, "slug"), slug)};
    if (a.title.size() > policy.max_title_chars)
      return Failure{422, "invalid_markdown",
                     fmt::format("{}:{}: a title has at most {} characters", name,
                                 key_line(file.text, "title"), policy.max_title_chars)};
    return Checked{std::move(a), std::move(file.text)};
  } catch (const ParseError& e) {
    return Failure{422, "invalid_markdown", e.what()};
  }
}

// The published article's Markdown as an editor starts from: without the
// fields symptomdb fills in at publication.
std::string editable_markdown(const Article& live) {
  Article a = live;
  a.author = {};
  a.reviewed_on.clear();
  a.reviewed_by = {};
  return ingest::to_markdown(a);
}

std::string starter_markdown(const std::string& slug, const std::string& title,
                             const std::string& condition) {
  Article a;
  a.slug = slug;
  a.title = title;
  a.condition.name = condition;
  a.introduction =
      "Write the introduction here: what the condition is and who this article is for.";
  a.sections.push_back(
      {.type = SectionType::causes, .intro = "Each `###` heading below a section is one item."});
  a.sections.back().items.push_back({"A first cause", "Explain it in plain words."});
  a.sections.push_back(
      {.type = SectionType::when_to_see_a_doctor, .intro = "Say when to get help, and how fast."});
  return ingest::to_markdown(a);
}

// A slug from the title: at most kMaxSlugChars, cut at a word boundary.
std::string slug_for(const std::string& title) {
  std::string s = slugify(title);
  if (s.size() > kMaxSlugChars) {
    s.resize(kMaxSlugChars);
    if (auto dash = s.rfind('-'); dash != std::string::npos && dash > 20) s.resize(dash);
  }
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s;
}

json revision_json(const Revision& r, bool with_markdown) {
  json j = {{"ordinal", r.ordinal},
            {"author", {{"id", r.author_id}, {"name", r.author_name}}},
            {"created_at", r.created_at},
            {"note", r.note},
            {"state", to_string(r.state)}};
  if (with_markdown) j["markdown"] = r.markdown;
  return j;
}

json draft_json(const Draft& d) {
  return {{"slug", d.slug},
          {"title", d.title},
          {"state", to_string(d.state)},
          {"owner", {{"id", d.owner_id}, {"name", d.owner_name}}},
          {"created_at", d.created_at},
          {"updated_at", d.updated_at},
          {"latest_revision", d.latest},
          {"last_note", d.last_note},
          {"edit_url", "/articles/" + d.slug + "/edit"},
          {"history_url", "/articles/" + d.slug + "/history"}};
}

std::string diff_table(const std::vector<text::DiffHunk>& hunks, std::int64_t from,
                       std::int64_t to) {
  if (hunks.empty()) return "<p>No lines changed.</p>";
  std::string out = fmt::format(
      "<table class=\"diff\"><caption>Changes from revision {} to revision {}</caption>"
      "<thead><tr><th scope=\"col\">Old</th><th scope=\"col\">New</th><th "
      "scope=\"col\">Line</th></tr></thead>",
      from, to);
  for (const auto& h : hunks) {
    out += fmt::format(
        "<tbody><tr class=\"diff-hunk\"><td colspan=\"3\">@@ -{},{} +{},{} @@</td></tr>",
        h.old_start, h.old_count, h.new_start, h.new_count);
    for (const auto& l : h.lines) {
      const std::string old_no = l.old_line ? std::to_string(l.old_line) : "";
      const std::string new_no = l.new_line ? std::to_string(l.new_line) : "";
      const std::string text = html_escape(l.text);
      switch (l.op) {
        case text::DiffOp::same:
          out += fmt::format("<tr class=\"diff-same\"><td>{}</td><td>{}</td><td>  {}</td></tr>",
                             old_no, new_no, text);
          break;
        case text::DiffOp::removed:
          out += fmt::format(
              "<tr class=\"diff-del\"><td>{}</td><td></td><td><del><span "
              "class=\"visually-hidden\">removed: </span>- {}</del></td></tr>",
              old_no, text);
          break;
        case text::DiffOp::added:
          out += fmt::format(
              "<tr class=\"diff-add\"><td></td><td>{}</td><td><ins><span "
              "class=\"visually-hidden\">added: </span>+ {}</ins></td></tr>",
              new_no, text);
          break;
      }
    }
    out += "</tbody>";
  }
  out += "</table>";
  return out;
}

json diff_json(const std::vector<text::DiffHunk>& hunks) {
  json list = json::array();
  for (const auto& h : hunks) {
    json lines = json::array();
    for (const auto& l : h.lines)
      lines.push_back({{"op", l.op == text::DiffOp::same      ? " "
                              : l.op == text::DiffOp::removed ? "-"
                                                              : "+"},
                       {"text", l.text},
                       {"old_line", l.old_line ? json(l.old_line) : json(nullptr)},
                       {"new_line", l.new_line ? json(l.new_line) : json(nullptr)}});
    list.push_back({{"old_start", h.old_start},
                    {"old_count", h.old_count},
                    {"new_start", h.new_start},
                    {"new_count", h.new_count},
                    {"lines", std::move(lines)}});
  }
  return list;
}

// What the edit page shows besides the draft itself.
struct EditView {
  std::string markdown;
  std::string note;
  std::string error;    // next to the editor
  std::string message;  // after a save
  std::string preview_html;
  std::int64_t base = 0;  // the revision the text is based on
};

}  // namespace

Editorial::Context Editorial::context(const User& user, std::string_view slug,
                                      const Site& site) const {
  Context c;
  c.draft = store_.draft(slug);
  c.live = site.snapshot().article(slug);
  c.editor = at_least(user.role, Role::editor);
  if (c.editor) {
    c.may_edit = c.exists();
  } else if (at_least(user.role, Role::author)) {
    // A round of work belongs to whoever started it; once published, the
    // article's byline may start the next one.
    c.may_edit = c.draft && c.draft->owner_id == user.id;
    if (!c.may_edit && (!c.draft || c.draft->state == DraftState::published) && c.live &&
        user.author_id && !c.live->author.empty()) {
      const auto profile = store_.author_by_id(*user.author_id);
      c.may_edit = profile && profile->slug == c.live->author.slug();
    }
  }
  return c;
}

std::string Editorial::edit_link(const std::optional<Session>& s, std::string_view slug,
                                 std::string_view author_slug) const {
  if (!s || !at_least(s->user.role, Role::author)) return "";
  bool ok = at_least(s->user.role, Role::editor);
  if (!ok) {
    const auto d = store_.draft(slug);
    ok = d && d->owner_id == s->user.id;
    if (!ok && (!d || d->state == DraftState::published) && s->user.author_id &&
        !author_slug.empty()) {
      const auto profile = store_.author_by_id(*s->user.author_id);
      ok = profile && profile->slug == author_slug;
    }
  }
  if (!ok) return "";
  return fmt::format(
      "<p class=\"edit-link\"><a href=\"/articles/{0}/edit\">Edit</a> &middot; <a "
      "href=\"/articles/{0}/history\">History</a></p>",
      html_escape(slug));
}

std::optional<Response> Editorial::handle(const App& app, const Request& req, const Site& site,
                                          const Accounts& accounts) const {
  const auto target = parse_target(req.target);
  if (!target) return std::nullopt;
  const std::string& p = target->path;
  const bool ours =
      p == "/write" || p == "/review" || p == "/api/v1/drafts" ||
      p.starts_with("/api/v1/drafts/") ||
      (p.starts_with("/articles/") &&
       (p.ends_with("/edit") || p.ends_with("/review") || p.find("/history") != std::string::npos));
  if (!ours) return std::nullopt;
  return route(app, req, site, accounts.session_of(req));
}

std::optional<Response> Editorial::route(const App& app, const Request& req, const Site& site,
                                         const std::optional<Session>& s) const {
  const auto target = parse_target(req.target);
  const std::string& path = target->path;
  const bool api = path.starts_with("/api/");

  // Which page or action: /write, /review, /articles/{slug}/{edit,review,
  // history[/n]}, /api/v1/drafts[/{slug}[/...]].
  std::string slug, action;
  std::optional<std::int64_t> number;
  std::string sub;  // "diff" under /revisions/{n}
  if (path == "/write" || path == "/review" || path == "/api/v1/drafts") {
    action = path;
  } else {
    const std::string_view rest = std::string_view(path).substr(api ? 15 : 10);
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= rest.size()) {
      auto end = rest.find('/', start);
      if (end == std::string_view::npos) end = rest.size();
      parts.push_back(rest.substr(start, end - start));
      start = end + 1;
    }
    if (parts.empty() || !is_valid_slug(parts[0])) {
      if (!api) return std::nullopt;  // an article page whose slug has "history" in it
      return app.error(req, 404, "draft_not_found", "No article is being written at this address.");
    }
    slug = std::string(parts[0]);
    if (api) {
      if (parts.size() == 1) {
        action = "draft";
      } else if (parts.size() == 2 && parts[1] != "draft" && parts[1] != "revision") {
        action = std::string(parts[1]);
      } else if (parts[1] == "revisions" && (parts.size() == 3 || parts.size() == 4)) {
        number = positive_integer(parts[2]);
        if (!number)
          return app.error(req, 404, "revision_not_found", "Revisions are numbered 1, 2, ...");
        action = "revision";
        if (parts.size() == 4) sub = std::string(parts[3]);
        if (!sub.empty() && sub != "diff")
          return app.error(req, 404, "not_found", "There is no such draft address.");
      } else {
        return app.error(req, 404, "not_found", "There is no such draft address.");
      }
      static const char* kApiActions[] = {"draft",  "revisions", "revision", "preview",
                                          "submit", "approve",   "return"};
      if (std::find(std::begin(kApiActions), std::end(kApiActions), action) ==
          std::end(kApiActions))
        return app.error(req, 404, "not_found", "There is no such draft address.");
    } else {
      if (parts.size() == 2 &&
          (parts[1] == "edit" || parts[1] == "review" || parts[1] == "history")) {
        action = std::string(parts[1]);
      } else if (parts.size() == 3 && parts[1] == "history") {
        number = positive_integer(parts[2]);
        if (!number)
          return app.error(req, 404, "revision_not_found", "Revisions are numbered 1, 2, ...");
        action = "diff";
      } else {
        return std::nullopt;
      }
    }
  }

  const bool post = req.method == "POST";
  if (req.method != "GET" && req.method != "HEAD" && !post) {
    Response r = app.error(req, 405, "method_not_allowed", "Use GET to read and POST to change.");
    r.headers.emplace_back("Allow", "GET, HEAD, POST");
    return r;
  }
  const bool post_only = action == "preview" || action == "submit" || action == "approve" ||
                         action == "return" || action == "review";
  const bool get_only = action == "/review" || action == "history" || action == "diff" ||
                        action == "draft" || action == "revision";
  if ((post_only && !post) || (get_only && post)) {
    Response r = app.error(
        req, 405, "method_not_allowed",
        post_only ? "This step is posted from the editor." : "This page can only be read.");
    r.headers.emplace_back("Allow", post_only ? "POST" : "GET, HEAD");
    return r;
  }

  // --- Reading the request. ---
  const bool json_body = req.content_type.starts_with("application/json");
  std::multimap<std::string, std::string> form;
  json body;
  if (post) {
    if (req.body.size() > policy_.max_body_bytes)
      return app.error(req, 413, "body_too_large", "The request is too large.");
    if (json_body) {
      body = json::parse(req.body, nullptr, false);
      if (body.is_discarded() || !body.is_object())
        return app.error(req, 400, "bad_json", "Send a JSON object (valid UTF-8).");
    } else {
      auto parsed = parse_form(req.body);
      if (!parsed) return app.error(req, 400, "bad_form", "The form could not be read.");
      form = std::move(*parsed);
    }
  }
  // A field from the JSON body or the form; nullopt when it is missing or
  // (in JSON) not a string.
  auto field = [&](const char* key) -> std::optional<std::string> {
    if (json_body) {
      if (!body.contains(key) || !body[key].is_string()) return std::nullopt;
      return body[key].get<std::string>();
    }
    auto it = form.find(key);
    if (it == form.end()) return std::nullopt;
    return it->second;
  };
  auto number_field = [&](const char* key) -> std::optional<std::int64_t> {
    if (json_body) {
      if (!body.contains(key) || !body[key].is_number_integer()) return std::nullopt;
      const auto v = body[key].get<std::int64_t>();
      return v > 0 ? std::optional(v) : std::nullopt;
    }
    const auto v = field(key);
    return v ? positive_integer(*v) : std::nullopt;
  };

  if (!s) {
    if (!post && !api) return redirect("/login?next=" + url_encode(path));
    return app.error(req, 401, "sign_in_required", "Sign in first.");
  }
  if (post) {
    const std::string sent = json_body ? req.csrf_header : field("csrf").value_or("");
    if (sent.empty() || !same_secret(sent, s->csrf_token))
      return app.error(req, 403, "csrf",
                       "The request lacks a valid CSRF token. Reload the page and try again.");
  }
  const User& user = s->user;
  const std::string csrf = html_escape(s->csrf_token);
  auto fail = [&](const Failure& f) { return app.error(req, f.status, f.code, f.message); };
  if (!at_least(user.role, Role::author))
    return fail({403, "authors_only", "Only authors and editors write articles."});

  // --- Operations shared by the pages and the API. ---
  auto note_of = [&](std::string_view key) -> std::variant<std::string, Failure> {
    std::string note = trimmed(field(std::string(key).c_str()).value_or(""));
    if (note.size() > policy_.max_note_chars || has_control(note))
      return Failure{
          400, "bad_note",
          fmt::format("A note is one line of at most {} characters.", policy_.max_note_chars)};
    return note;
  };
  // Saves `markdown` as the next revision; nothing is stored when the text
  // is the latest revision's (or, with no draft yet, the live article's).
  struct Saved {
    std::int64_t ordinal = 0;  // the latest revision after the save; 0 when there is none
    bool changed = false;
  };
  auto save = [&](Context& c, std::string markdown, const std::string& note,
                  std::optional<std::int64_t> base) -> std::variant<Saved, Failure> {
    if (!c.exists()) return Failure{404, "draft_not_found", "No article has this address."};
    if (!c.may_edit)
      return Failure{403, "not_yours", "Only its writer and the editors edit this article."};
    auto checked = check_markdown(std::move(markdown), slug, policy_);
    if (auto* f = std::get_if<Failure>(&checked)) return *f;
    auto& ok = std::get<Checked>(checked);
    const store::NewRevision rev{ok.article.title, ok.markdown, user.id, note};
    try {
      if (!c.draft) {
        const std::string first = editable_markdown(*c.live);
        if (first == ok.markdown) return Saved{0, false};
        const store::NewRevision both[] = {
            {c.live->title, first, user.id, "As published before this edit"}, rev};
        store_.create_draft(slug, user.id, both);
        c.draft = store_.draft(slug);
        return Saved{2, true};
      }
      if (const auto latest = store_.revision(slug, c.draft->latest);
          latest && latest->markdown == ok.markdown && (!base || *base == c.draft->latest))
        return Saved{c.draft->latest, false};
      const auto n = store_.add_revision(slug, rev, c.editor, base);
      c.draft = store_.draft(slug);
      return Saved{n, true};
    } catch (const store::StateConflict& e) {
      return Failure{409, "state_conflict", e.what()};
    }
  };
  auto submit = [&](Context& c) -> std::optional<Failure> {
    if (!c.draft)
      return Failure{409, "nothing_to_submit", "Save the article before submitting it."};
    if (!c.may_edit)
      return Failure{403, "not_yours", "Only its writer and the editors edit this article."};
    try {
      store_.change_state(slug, DraftState::draft, DraftState::in_review, ReviewAction::submitted,
                          user.id, "", c.draft->latest);
    } catch (const store::StateConflict& e) {
      return Failure{409, "state_conflict", e.what()};
    }
    return std::nullopt;
  };
  auto review_guard = [&](const Context& c) -> std::optional<Failure> {
    if (!c.editor) return Failure{403, "editors_only", "Only editors review articles."};
    if (!c.draft)
      return Failure{404, "draft_not_found", "Nothing of this article waits for review."};
    if (c.draft->owner_id == user.id)
      return Failure{403, "own_article", "Another editor reviews what you wrote."};
    return std::nullopt;
  };
  auto approve = [&](Context& c, std::int64_t ordinal,
                     const std::string& note) -> std::optional<Failure> {
    if (auto f = review_guard(c)) return f;
    const auto rev = store_.revision(slug, ordinal);
    if (!rev || ordinal != c.draft->latest)
      return Failure{409, "state_conflict",
                     fmt::format("Revision {} is the latest; review that one.", c.draft->latest)};
    // Four eyes: nobody approves text they wrote. Whoever saved any revision
    // since the last approval wrote part of what would be published now
    // (revisions are immutable and the approval needs `ordinal` to be the
    // latest, so nothing can slip in between this check and the publish).
    std::int64_t last_approved = 0;
    for (const auto& e : store_.review_events(slug))
      if (e.action == ReviewAction::approved && e.ordinal < ordinal)
        last_approved = std::max(last_approved, e.ordinal);
    const auto revisions = store_.revisions(slug);
    for (const auto& r : revisions)
      if (r.ordinal > last_approved && r.ordinal <= ordinal && r.author_id == user.id)
        return Failure{403, "own_words",
                       fmt::format("You wrote revision {} since the last approval; another "
                                   "editor reviews what you wrote.",
                                   r.ordinal)};
    auto checked = check_markdown(rev->markdown, slug, policy_);
    if (auto* f = std::get_if<Failure>(&checked)) return *f;
    Article a = std::move(std::get<Checked>(checked).article);
    // The byline: an edited article keeps its own; a new one is its
    // writer's author profile (none when the account has no profile).
    if (c.live) {
      a.author = c.live->author;
      keep_source_metadata(*c.live, a);
    } else if (c.draft->owner_author_id) {
      if (const auto p = store_.author_by_id(*c.draft->owner_author_id))
        a.author = {p->name, p->credential, p->affiliation};
    }
    a.reviewed_on = utc_today();
    // "Medically reviewed" only from someone with a clinical credential.
    if (user.author_id)
      if (const auto p = store_.author_by_id(*user.author_id); p && !p->credential.empty())
        a.reviewed_by = {p->name, p->credential};
    a.provenance = {"editorial", fmt::format("revision {}", ordinal), ""};
    // Every writer of the text being published is named on the page.
    for (const auto& r : revisions)
      if (r.ordinal <= ordinal && std::find(a.contributors.begin(), a.contributors.end(),
                                            r.author_name) == a.contributors.end())
        a.contributors.push_back(r.author_name);
    try {
      store_.publish_draft(slug, ordinal, a, user.id, note);
    } catch (const store::StateConflict& e) {
      return Failure{409, "state_conflict", e.what()};
    }
    if (republish_) republish_();
    return std::nullopt;
  };
  auto give_back = [&](Context& c, std::int64_t ordinal,
                       const std::string& note) -> std::optional<Failure> {
    if (auto f = review_guard(c)) return f;
    if (note.empty())
      return Failure{400, "note_required", "Say what needs to change before returning it."};
    try {
      store_.change_state(slug, DraftState::in_review, DraftState::draft, ReviewAction::returned,
                          user.id, note, ordinal);
    } catch (const store::StateConflict& e) {
      return Failure{409, "state_conflict", e.what()};
    }
    return std::nullopt;
  };
  // The article as it would be published, for the preview.
  auto preview = [&](const Context& c, std::string markdown) -> std::variant<std::string, Failure> {
    auto checked = check_markdown(std::move(markdown), slug, policy_);
    if (auto* f = std::get_if<Failure>(&checked)) return *f;
    Article a = std::move(std::get<Checked>(checked).article);
    if (c.live) {
      a.author = c.live->author;
      keep_source_metadata(*c.live, a);
    } else if (c.draft && c.draft->owner_author_id) {
      if (const auto p = store_.author_by_id(*c.draft->owner_author_id))
        a.author = {p->name, p->credential, p->affiliation};
    } else if (!c.draft && user.author_id) {
      if (const auto p = store_.author_by_id(*user.author_id))
        a.author = {p->name, p->credential, p->affiliation};
    }
    return render_article_preview(a);
  };

  // --- HTML pages. ---
  auto edit_page = [&](const Context& c, EditView v, int status) {
    const std::string title = c.draft ? c.draft->title : c.live ? c.live->title : slug;
    std::string out = fmt::format(
        "<section class=\"editor\" aria-labelledby=\"ed-h\"><h1 id=\"ed-h\">Edit: {}</h1>",
        html_escape(title));
    std::string state = c.draft ? std::string(state_label(c.draft->state))
                                : "Published (no draft yet: your first save starts one)";
    out += fmt::format("<p class=\"muted\">State: <strong class=\"draft-state\">{}</strong>",
                       html_escape(state));
    if (c.draft)
      out += fmt::format(" &middot; revision {} &middot; by {}", c.draft->latest,
                         html_escape(c.draft->owner_name));
    out +=
        fmt::format(" &middot; <a href=\"/articles/{0}/history\">History</a>", html_escape(slug));
    if (c.live)
      out += fmt::format(" &middot; <a href=\"/articles/{0}\">Live article</a>", html_escape(slug));
    out += "</p>";
    if (c.draft && c.draft->state == DraftState::draft && !c.draft->last_note.empty())
      out += fmt::format("<p class=\"form-error\" role=\"note\">Returned by the editor: {}</p>",
                         html_escape(c.draft->last_note));
    if (c.draft && c.draft->state == DraftState::in_review)
      out += "<p class=\"form-ok\" role=\"note\">Waiting for an editor's review.</p>";
    if (!v.message.empty())
      out += fmt::format("<p class=\"form-ok\" role=\"status\">{}</p>", html_escape(v.message));
    const bool may_save =
        c.may_edit && (!c.draft || c.draft->state != DraftState::in_review || c.editor);
    out += fmt::format(
        "<form class=\"edit-form\" method=\"post\" action=\"/articles/{}/edit\">"
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"base\" "
        "value=\"{}\">",
        html_escape(slug), csrf, v.base);
    out +=
        "<label for=\"markdown\">Article in Markdown: a front-matter block (title, "
        "condition, synonyms, sources) between <code>---</code> lines, then the introduction, "
        "<code>##</code> sections and <code>###</code> items</label>";
    if (!v.error.empty())
      out += fmt::format("<p class=\"form-error\" role=\"alert\" id=\"markdown-error\">{}</p>",
                         html_escape(v.error));
    out += fmt::format(
        "<textarea id=\"markdown\" name=\"markdown\" rows=\"28\" spellcheck=\"true\" "
        "required{}>{}</textarea>",
        v.error.empty() ? "" : " aria-invalid=\"true\" aria-describedby=\"markdown-error\"",
        html_escape(v.markdown));
    out += fmt::format(
        "<label for=\"note\">What changed (shown in the history)</label><input id=\"note\" "
        "name=\"note\" type=\"text\" maxlength=\"{}\" value=\"{}\">",
        policy_.max_note_chars, html_escape(v.note));
    out +=
        "<p class=\"edit-actions\"><button type=\"submit\" name=\"action\" "
        "value=\"preview\">Preview</button>";
    if (may_save) out += " <button type=\"submit\" name=\"action\" value=\"save\">Save</button>";
    if (may_save && (!c.draft || c.draft->state != DraftState::in_review))
      out += " <button type=\"submit\" name=\"action\" value=\"submit\">Submit for review</button>";
    out += "</p></form>";
    if (c.editor && c.draft && c.draft->state == DraftState::in_review &&
        c.draft->owner_id != user.id)
      out += fmt::format(
          "<section class=\"review-form\" aria-labelledby=\"rev-h\"><h2 id=\"rev-h\">Review "
          "revision {0}</h2><p><a href=\"/articles/{1}/history/{0}\">What changed in revision "
          "{0}</a></p><form method=\"post\" action=\"/articles/{1}/review\"><input type=\"hidden\" "
          "name=\"csrf\" value=\"{2}\"><input type=\"hidden\" name=\"revision\" value=\"{0}\">"
          "<label for=\"review-note\">Note to the writer (needed to return it)</label><input "
          "id=\"review-note\" name=\"note\" type=\"text\" maxlength=\"{3}\"><p><button "
          "type=\"submit\" name=\"action\" value=\"approve\">Approve and publish</button> <button "
          "type=\"submit\" name=\"action\" value=\"return\">Return to the writer</button></p>"
          "</form></section>",
          c.draft->latest, html_escape(slug), csrf, policy_.max_note_chars);
    out += "</section>";
    if (!v.preview_html.empty())
      out +=
          "<section class=\"preview\" aria-labelledby=\"preview-h\"><h2 id=\"preview-h\">Preview "
          "(not saved)</h2>" +
          v.preview_html + "</section>";
    return page("Edit: " + title, out, status);
  };
  auto latest_markdown = [&](const Context& c) {
    if (c.draft)
      if (auto r = store_.revision(slug, c.draft->latest)) return r->markdown;
    return c.live ? editable_markdown(*c.live) : std::string();
  };

  // The /write page: the form (with what was typed and why it was refused,
  // after a refusal) and the writer's own articles.
  auto write_page = [&](const std::string& error, const std::string& title,
                        const std::string& condition, int status) {
    std::string out = fmt::format(
        "<section class=\"form-page\" aria-labelledby=\"write-h\"><h1 id=\"write-h\">Write an "
        "article</h1><p>An article answers one question about one condition. Start with its "
        "title; you write the rest in the editor, preview it, and submit it for an editor's "
        "review.</p>{}<form method=\"post\" action=\"/write\"><input type=\"hidden\" "
        "name=\"csrf\" value=\"{}\"><p><label for=\"title\">Title (the question it "
        "answers)</label><br><input id=\"title\" name=\"title\" required maxlength=\"{}\" "
        "value=\"{}\"></p><p><label for=\"condition\">Condition</label><br><input "
        "id=\"condition\" name=\"condition\" required maxlength=\"{}\" value=\"{}\"></p><p><button "
        "type=\"submit\">Start writing</button></p></form>",
        error.empty()
            ? ""
            : fmt::format("<p class=\"form-error\" role=\"alert\">{}</p>", html_escape(error)),
        csrf, policy_.max_title_chars, html_escape(title), policy_.max_title_chars,
        html_escape(condition));
    const auto mine = store_.drafts(user.id, std::nullopt);
    out += "<h2>Your articles</h2>";
    if (mine.empty()) {
      out += "<p>You have not started any yet.</p>";
    } else {
      out += "<ul class=\"draft-list\">";
      for (const auto& d : mine)
        out += fmt::format(
            "<li><a href=\"/articles/{}/edit\">{}</a> <span class=\"muted\">({}, "
            "revision {}, {})</span></li>",
            html_escape(d.slug), html_escape(d.title), state_label(d.state), d.latest,
            when(d.updated_at));
      out += "</ul>";
    }
    out += "</section>";
    return page("Write an article", out, status);
  };

  if (action == "/write" || (action == "/api/v1/drafts" && post)) {
    if (!post) return write_page("", "", "", 200);
    const std::string title = trimmed(field("title").value_or(""));
    const std::string typed_condition = trimmed(field("condition").value_or(""));
    const std::string condition = typed_condition.empty() ? title : typed_condition;
    std::optional<Failure> f;
    if (title.empty() || title.size() > policy_.max_title_chars || has_control(title) ||
        condition.size() > policy_.max_title_chars || has_control(condition))
      f = Failure{400, "bad_title",
                  fmt::format("A title and a condition are one line of 1 to {} characters.",
                              policy_.max_title_chars)};
    const std::string new_slug = f ? "" : slug_for(title);
    if (!f && new_slug.empty())
      f = Failure{422, "bad_title", "The title needs some letters or digits."};
    if (!f && site.snapshot().article(new_slug))
      f = Failure{409, "article_exists",
                  "An article is published at /articles/" + new_slug +
                      "; open it and choose Edit, or pick another title."};
    if (!f) {
      slug = new_slug;
      auto checked = check_markdown(starter_markdown(slug, title, condition), slug, policy_);
      if (auto* bad = std::get_if<Failure>(&checked)) {
        f = *bad;
      } else {
        const store::NewRevision first[] = {
            {title, std::get<Checked>(checked).markdown, user.id, "Started the article"}};
        try {
          store_.create_draft(slug, user.id, first);
        } catch (const store::StateConflict& e) {
          f = Failure{409, "draft_exists", e.what()};
        }
      }
    }
    if (f) {
      if (api || json_body) return fail(*f);
      return write_page(f->message, title, typed_condition, f->status);
    }
    if (api) {
      json j = draft_json(*store_.draft(slug));
      j["markdown"] = store_.revision(slug, 1)->markdown;
      return json_response(201, j);
    }
    return redirect("/articles/" + slug + "/edit");
  }

  if (action == "/review") {
    if (!at_least(user.role, Role::editor))
      return fail({403, "editors_only", "Only editors review articles."});
    std::string out =
        "<section aria-labelledby=\"review-h\"><h1 id=\"review-h\">Articles waiting for "
        "review</h1>";
    const auto queue = store_.drafts(std::nullopt, DraftState::in_review);
    if (queue.empty())
      out += "<p>Nothing waits for review.</p>";
    else {
      out += "<ul class=\"draft-list review-queue\">";
      for (const auto& d : queue)
        out += fmt::format(
            "<li><a href=\"/articles/{}/edit\">{}</a> <span class=\"muted\">by {} "
            "&middot; revision {} &middot; submitted {}</span></li>",
            html_escape(d.slug), html_escape(d.title), html_escape(d.owner_name), d.latest,
            when(d.updated_at));
      out += "</ul>";
    }
    out += "</section>";
    return page("Review", out);
  }

  if (action == "/api/v1/drafts") {
    if (!post) {
      json list = json::array();
      const bool editor = at_least(user.role, Role::editor);
      for (const auto& d :
           store_.drafts(editor ? std::nullopt : std::optional(user.id), std::nullopt))
        list.push_back(draft_json(d));
      return json_response(200, {{"count", list.size()}, {"drafts", list}});
    }
  }

  Context c = context(user, slug, site);
  if (!c.exists())
    return fail({404, "draft_not_found", "No article is published or being written here."});
  if (!c.may_edit)
    return fail({403, "not_yours", "Only its writer and the editors work on this article."});

  if (action == "edit") {
    if (!post) {
      EditView v;
      v.markdown = latest_markdown(c);
      v.base = c.draft ? c.draft->latest : 0;
      if (auto saved = target->param("saved")) v.message = "Saved as revision " + *saved + ".";
      if (target->param("submitted") == "1") v.message = "Submitted for review.";
      if (target->param("returned") == "1") v.message = "Returned to the writer.";
      return edit_page(c, std::move(v), 200);
    }
    const std::string what = field("action").value_or("save");
    EditView v;
    v.markdown = field("markdown").value_or("");
    v.base = number_field("base").value_or(0);
    auto note = note_of("note");
    if (auto* f = std::get_if<Failure>(&note)) {
      v.error = f->message;
      return edit_page(c, std::move(v), f->status);
    }
    v.note = std::get<std::string>(note);
    if (what == "preview") {
      auto html = preview(c, v.markdown);
      if (auto* f = std::get_if<Failure>(&html)) {
        v.error = f->message;
        return edit_page(c, std::move(v), f->status);
      }
      v.preview_html = std::get<std::string>(html);
      return edit_page(c, std::move(v), 200);
    }
    if (what != "save" && what != "submit")
      return fail({400, "bad_action", "Choose Preview, Save or Submit for review."});
    auto saved = save(c, v.markdown, v.note,
                      v.base > 0 ? std::optional<std::int64_t>(v.base) : std::nullopt);
    if (auto* f = std::get_if<Failure>(&saved)) {
      v.error = f->message;
      return edit_page(c, std::move(v), f->status);
    }
    const auto done = std::get<Saved>(saved);
    if (what == "submit") {
      if (auto f = submit(c)) {
        v.error = f->message;
        return edit_page(c, std::move(v), f->status);
      }
      return redirect("/articles/" + slug + "/edit?submitted=1");
    }
    if (!done.changed) {
      v.message = "Nothing changed, so nothing was saved.";
      return edit_page(c, std::move(v), 200);
    }
    return redirect("/articles/" + slug + "/edit?saved=" + std::to_string(done.ordinal));
  }

  if (action == "review") {
    const std::string what = field("action").value_or("");
    const auto ordinal = number_field("revision");
    auto note = note_of("note");
    if (auto* f = std::get_if<Failure>(&note)) return fail(*f);
    if (!ordinal) return fail({400, "bad_revision", "Say which revision you reviewed."});
    std::optional<Failure> f;
    if (what == "approve")
      f = approve(c, *ordinal, std::get<std::string>(note));
    else if (what == "return")
      f = give_back(c, *ordinal, std::get<std::string>(note));
    else
      return fail({400, "bad_action", "Approve or return."});
    if (f) return fail(*f);
    if (what == "approve") return redirect("/articles/" + slug);
    return redirect("/review");
  }

  if (action == "history" || action == "diff") {
    const auto revisions = store_.revisions(slug);
    if (action == "history") {
      std::string out =
          fmt::format("<section aria-labelledby=\"hist-h\"><h1 id=\"hist-h\">History: {}</h1>",
                      html_escape(c.draft ? c.draft->title : c.live->title));
      out += fmt::format("<p><a href=\"/articles/{0}/edit\">Edit</a>{1}</p>", html_escape(slug),
                         c.live ? fmt::format(" &middot; <a href=\"/articles/{}\">Live article</a>",
                                              html_escape(slug))
                                : "");
      if (revisions.empty()) {
        out += "<p>No revisions yet: this article was imported, not written here.</p>";
      } else {
        out +=
            "<table class=\"history\"><caption>Revisions, newest first</caption><thead><tr><th "
            "scope=\"col\">Revision</th><th scope=\"col\">Saved by</th><th "
            "scope=\"col\">When</th><th scope=\"col\">Note</th><th scope=\"col\">State</th><th "
            "scope=\"col\">Changes</th></tr></thead><tbody>";
        for (auto it = revisions.rbegin(); it != revisions.rend(); ++it)
          out += fmt::format(
              "<tr id=\"revision-{0}\"><td>{0}</td><td>{1}</td><td><time "
              "datetime=\"{2}\">{3}</time></td><td>{4}</td><td>{5}</td><td><a "
              "href=\"/articles/{6}/history/{0}\">{7}</a></td></tr>",
              it->ordinal, html_escape(it->author_name), html_escape(it->created_at),
              when(it->created_at), html_escape(it->note), state_label(it->state),
              html_escape(slug), it->ordinal == 1 ? "First version" : "Diff");
        out += "</tbody></table>";
      }
      const auto events = store_.review_events(slug);
      if (!events.empty()) {
        out += "<h2>Reviews</h2><ul class=\"review-events\">";
        for (const auto& e : events)
          out += fmt::format("<li>{} {} revision {} &middot; {}{}</li>", html_escape(e.user_name),
                             to_string(e.action), e.ordinal, when(e.created_at),
                             e.note.empty() ? "" : ": " + html_escape(e.note));
        out += "</ul>";
      }
      out += "</section>";
      return page("History: " + (c.draft ? c.draft->title : c.live->title), out);
    }
    const auto n = *number;
    if (n > static_cast<std::int64_t>(revisions.size()))
      return fail({404, "revision_not_found", "There is no such revision."});
    const Revision& to = revisions[static_cast<std::size_t>(n - 1)];
    const std::string before = n > 1 ? revisions[static_cast<std::size_t>(n - 2)].markdown : "";
    const auto hunks = text::diff_hunks(text::diff_lines(before, to.markdown));
    std::string out = fmt::format(
        "<section aria-labelledby=\"diff-h\"><h1 id=\"diff-h\">Revision {0} of {1}</h1><p "
        "class=\"muted\">Saved by {2} on <time datetime=\"{3}\">{4}</time>{5} &middot; <a "
        "href=\"/articles/{6}/history\">All revisions</a></p>",
        n, html_escape(c.draft ? c.draft->title : to.slug), html_escape(to.author_name),
        html_escape(to.created_at), when(to.created_at),
        to.note.empty() ? "" : " &middot; " + html_escape(to.note), html_escape(slug));
    out += diff_table(hunks, n - 1, n);
    out += fmt::format(
        "<details><summary>The whole of revision {}</summary><pre class=\"markdown-source\">{}"
        "</pre></details></section>",
        n, html_escape(to.markdown));
    return page(fmt::format("Revision {} of {}", n, slug), out);
  }

  // --- JSON API on one draft. ---
  auto draft_doc = [&] {
    json j = c.draft ? draft_json(*c.draft)
                     : json{{"slug", slug}, {"state", nullptr}, {"latest_revision", 0}};
    j["live"] = c.live != nullptr;
    json revs = json::array();
    for (const auto& r : store_.revisions(slug)) revs.push_back(revision_json(r, false));
    j["revisions"] = std::move(revs);
    json events = json::array();
    for (const auto& e : store_.review_events(slug))
      events.push_back({{"action", to_string(e.action)},
                        {"revision", e.ordinal},
                        {"user", {{"id", e.user_id}, {"name", e.user_name}}},
                        {"note", e.note},
                        {"created_at", e.created_at}});
    j["reviews"] = std::move(events);
    j["markdown"] = latest_markdown(c);
    return j;
  };
  if (action == "draft") return json_response(200, draft_doc());
  if (action == "revision") {
    const auto rev = store_.revision(slug, *number);
    if (!rev) return fail({404, "revision_not_found", "There is no such revision."});
    if (sub.empty()) return json_response(200, revision_json(*rev, true));
    std::string before;
    if (*number > 1)
      if (const auto prev = store_.revision(slug, *number - 1)) before = prev->markdown;
    const auto lines = text::diff_lines(before, rev->markdown);
    return json_response(200, {{"slug", slug},
                               {"from", *number - 1},
                               {"to", *number},
                               {"hunks", diff_json(text::diff_hunks(lines))},
                               {"unified", text::unified_diff(before, rev->markdown)}});
  }
  if (action == "revisions") {
    if (!post) {
      json revs = json::array();
      for (const auto& r : store_.revisions(slug)) revs.push_back(revision_json(r, false));
      return json_response(200, {{"slug", slug}, {"revisions", revs}});
    }
    const auto markdown = field("markdown");
    if (!markdown)
      return fail({400, "bad_revision", "Send {\"markdown\": \"...\", \"note\": \"...\"}."});
    auto note = note_of("note");
    if (auto* f = std::get_if<Failure>(&note)) return fail(*f);
    auto saved = save(c, *markdown, std::get<std::string>(note), number_field("base"));
    if (auto* f = std::get_if<Failure>(&saved)) return fail(*f);
    const auto done = std::get<Saved>(saved);
    json j = draft_doc();
    j["saved"] = done.changed;
    return json_response(done.changed ? 201 : 200, j);
  }
  if (action == "preview") {
    const auto markdown = field("markdown");
    if (!markdown) return fail({400, "bad_preview", "Send {\"markdown\": \"...\"}."});
    auto html = preview(c, *markdown);
    if (auto* f = std::get_if<Failure>(&html)) return fail(*f);
    return json_response(200, {{"slug", slug}, {"html", std::get<std::string>(html)}});
  }
  if (action == "submit") {
    if (auto f = submit(c)) return fail(*f);
  } else if (action == "approve" || action == "return") {
    const auto ordinal = number_field("revision");
    auto note = note_of("note");
    if (auto* f = std::get_if<Failure>(&note)) return fail(*f);
    const std::int64_t n = ordinal.value_or(c.draft ? c.draft->latest : 0);
    const auto f = action == "approve" ? approve(c, n, std::get<std::string>(note))
                                       : give_back(c, n, std::get<std::string>(note));
    if (f) return fail(*f);
  }
  c.draft = store_.draft(slug);
  return json_response(200, draft_doc());
}

}  // namespace symptomdb::web
