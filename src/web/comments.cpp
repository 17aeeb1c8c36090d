#include "web/comments.hpp"
#include "text/lines.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <charconv>
#include <chrono>
#include <ctime>

#include "core/slug.hpp"
#include "core/user_text.hpp"
#include "web/http_util.hpp"
#include "web/pages.hpp"
#include "web/security.hpp"

namespace symptomdb::web {
namespace {

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string when(std::int64_t t) {
  return fmt::format("{:%Y-%m-%d %H:%M} UTC", fmt::gmtime(static_cast<std::time_t>(t)));
}

bool has_link(std::string_view s) {
  return s.find("http://") != std::string_view::npos ||
         s.find("https://") != std::string_view::npos || s.find("www.") != std::string_view::npos;
}

// A comment's text as stored: trimmed, with line ends as "\n" (browsers send
// "\r\n" from a textarea).
std::string comment_text(std::string_view s) {
  std::string out;
  for (char c : text::trim(s))
    if (c != '\r') out.push_back(c);
  return out;
}

// The badge shown beside a name: roles come from the account, never from
// what someone typed as their name.
std::string_view role_badge(Role role) {
  switch (role) {
    case Role::author:
      return "Author";
    case Role::editor:
      return "Editor";
    case Role::admin:
      return "Admin";
    case Role::reader:
      break;
  }
  return "";
}

nlohmann::json comment_json(const Comment& c) {
  if (c.deleted)
    return {{"id", c.id},
            {"deleted", true},
            {"author", nullptr},
            {"parent", c.parent_id ? nlohmann::json(*c.parent_id) : nlohmann::json(nullptr)},
            {"body", ""},
            {"html", "<p class=\"comment-deleted\">Comment deleted</p>"},
            {"status", "deleted"},
            {"created_at", c.created_at},
            {"edited_at", nullptr}};
  return {{"id", c.id},
          {"author", c.author_name},
          {"author_role", to_string(c.author_role)},
          {"parent", c.parent_id ? nlohmann::json(*c.parent_id) : nlohmann::json(nullptr)},
          {"body", c.body},
          {"html", comment_html(c.body)},
          {"status", to_string(c.status)},
          {"created_at", c.created_at},
          {"edited_at", c.edited_at ? nlohmann::json(*c.edited_at) : nlohmann::json(nullptr)}};
}

}  // namespace

std::string comment_html(std::string_view text) {
  std::string out = "<p>";
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 2, "\n\n") == 0) {
      while (i < text.size() && text[i] == '\n') ++i;
      out += "</p><p>";
      continue;
    }
    if (text[i] == '\n') {
      out += "<br>";
      ++i;
      continue;
    }
    if (text.compare(i, 7, "http://") == 0 || text.compare(i, 8, "https://") == 0) {
      std::size_t end = i;
      while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
             text[end] != '<' && text[end] != '>' && text[end] != '"')
        ++end;
      // A sentence's full stop or a closing bracket is not part of the link.
      while (end > i && std::string_view(".,;:!?)]'").find(text[end - 1]) != std::string_view::npos)
        --end;
      const std::string url(text.substr(i, end - i));
      out += "<a href=\"" + html_escape(url) + "\" rel=\"nofollow ugc noopener\">" +
             html_escape(url) + "</a>";
      i = end;
      continue;
    }
    out += html_escape(text.substr(i, 1));
    ++i;
  }
  out += "</p>";
  return out;
}

std::string Comments::render_one(const Comment& c, const std::optional<Session>& s,
                                 std::string_view slug, std::int64_t now, bool reply) const {
  if (c.deleted) {
    // Kept only for the replies under it: no text, no name, no actions.
    std::string out = fmt::format(
        "<article class=\"comment comment-deleted{}\" id=\"comment-{}\"><p "
        "class=\"comment-meta\"><em>Comment deleted</em></p>",
        reply ? " reply" : "", c.id);
    if (!reply)
      for (const auto& r : store_.replies(c.id)) out += render_one(r, s, slug, now, true);
    return out + "</article>";
  }
  const auto badge = role_badge(c.author_role);
  std::string out = fmt::format(
      "<article class=\"comment{}\" id=\"comment-{}\"><p "
      "class=\"comment-meta\"><strong>{}</strong>{} &middot; <time datetime=\"{}\">{}</time>{}</p>",
      reply ? " reply" : "", c.id, html_escape(c.author_name),
      badge.empty() ? std::string() : fmt::format(" <span class=\"role-badge\">{}</span>", badge),
      fmt::format("{:%FT%TZ}", fmt::gmtime(static_cast<std::time_t>(c.created_at))),
      when(c.created_at), c.edited_at ? " &middot; edited" : "");
  out += comment_html(c.body);
  if (s) {
    const std::string csrf = html_escape(s->csrf_token);
    const bool own = s->user.id == c.user_id;
    const bool editor = at_least(s->user.role, Role::editor);
    out += "<div class=\"comment-actions\">";
    if (!reply)
      out += fmt::format(
          "<details><summary>Reply</summary><form method=\"post\" action=\"/articles/{}/comments\">"
          "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" "
          "name=\"parent\" value=\"{}\">"
          "<label for=\"reply-{}\">Your reply</label><textarea id=\"reply-{}\" name=\"body\" "
          "maxlength=\"{}\" required rows=\"3\"></textarea>"
          "<button type=\"submit\">Post reply</button></form></details>",
          html_escape(slug), csrf, c.id, c.id, c.id, policy_.max_length);
    if (own && now - c.created_at < policy_.edit_window)
      out += fmt::format(
          "<details><summary>Edit</summary><form method=\"post\" action=\"/comments/{}/edit\">"
          "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><label for=\"edit-{}\">Edit your "
          "comment</label>"
          "<textarea id=\"edit-{}\" name=\"body\" maxlength=\"{}\" required "
          "rows=\"3\">{}</textarea>"
          "<button type=\"submit\">Save</button></form></details>",
          c.id, csrf, c.id, c.id, policy_.max_length, html_escape(c.body));
    auto button = [&](std::string_view action, std::string_view label) {
      return fmt::format(
          "<form class=\"inline-form\" method=\"post\" action=\"/comments/{}/{}\"><input "
          "type=\"hidden\" "
          "name=\"csrf\" value=\"{}\"><button type=\"submit\" "
          "class=\"link-button\">{}</button></form> ",
          c.id, action, csrf, label);
    };
    if (own || editor) out += button("delete", "Delete");
    if (!own) out += button("report", "Report");
    if (editor) out += button("hide", "Hide");
    out += "</div>";
  }
  if (!reply)
    for (const auto& r : store_.replies(c.id)) out += render_one(r, s, slug, now, true);
  out += "</article>";
  return out;
}

std::string Comments::block(const std::optional<Session>& s, const Request& req,
                            std::string_view slug) const {
  const auto target = parse_target(req.target);
  const bool newest = !target || target->param("order") != "oldest";
  std::size_t page = 1;
  if (target)
    if (auto p = target->param("page"); p && positive_integer(*p))
      page = static_cast<std::size_t>(*positive_integer(*p));
  const std::size_t total = store_.count_comments(slug);        // top level: pages
  const std::size_t shown = store_.count_comments(slug, true);  // with replies: what readers count
  const auto list =
      store_.comments(slug, newest, (page - 1) * policy_.page_size, policy_.page_size);
  const std::int64_t now = now_seconds();
  std::string out;
  if (target && target->param("held") == "1")
    out +=
        "<p class=\"form-ok\" role=\"status\">Thank you. Your comment waits for a moderator.</p>";
  out +=
      fmt::format("<p class=\"muted\">{} comment{} &middot; {}</p>", shown, shown == 1 ? "" : "s",
                  newest ? "newest first (<a href=\"?order=oldest#comments\">oldest first</a>)"
                         : "oldest first (<a href=\"?order=newest#comments\">newest first</a>)");
  out += "<h3 id=\"add-comment\">Add a comment</h3>";
  if (s) {
    out += fmt::format(
        "<form class=\"comment-form\" method=\"post\" action=\"/articles/{}/comments\">"
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\">"
        "<label for=\"comment-body\">Your comment (plain text, up to {} characters)</label>"
        "<textarea id=\"comment-body\" name=\"body\" maxlength=\"{}\" required "
        "rows=\"4\"></textarea>"
        "<p class=\"muted\">Comments are not medical advice. New accounts' comments and comments "
        "with links wait for a moderator.</p><button type=\"submit\">Add a comment</button></form>",
        html_escape(slug), html_escape(s->csrf_token), policy_.max_length, policy_.max_length);
  } else {
    out += fmt::format("<p><a href=\"/login?next={}\">Sign in</a> to add a comment.</p>",
                       url_encode("/articles/" + std::string(slug) + "#comments"));
  }
  for (const auto& c : list) out += render_one(c, s, slug, now, false);
  if (page * policy_.page_size < total)
    out += fmt::format("<p><a href=\"?order={}&amp;page={}#comments\">More comments</a></p>",
                       newest ? "newest" : "oldest", page + 1);
  return out;
}

std::optional<Response> Comments::handle(const App& app, const Request& req, const Site& site,
                                         const std::optional<Session>& s) const {
  const auto target = parse_target(req.target);
  if (!target) return std::nullopt;
  const std::string& path = target->path;
  const bool api = path.starts_with("/api/v1/");
  const std::string_view p = std::string_view(path).substr(api ? 7 : 0);
  const bool post = req.method == "POST";
  const bool json_body = req.content_type.starts_with("application/json");
  std::multimap<std::string, std::string> form;
  nlohmann::json body_json;
  auto field = [&](const char* key) -> std::string {
    if (json_body)
      return body_json.contains(key) && body_json[key].is_string()
                 ? body_json[key].get<std::string>()
                 : "";
    auto it = form.find(key);
    return it == form.end() ? std::string() : it->second;
  };
  auto read_body = [&]() -> std::optional<Response> {
    if (req.body.size() > 16 * 1024)
      return app.error(req, 413, "body_too_large", "The comment is too large.");
    if (json_body) {
      body_json = nlohmann::json::parse(req.body, nullptr, false);
      if (body_json.is_discarded() || !body_json.is_object())
        return app.error(req, 400, "bad_json", "Send a JSON object.");
      return std::nullopt;
    }
    auto parsed = parse_form(req.body);
    if (!parsed) return app.error(req, 400, "bad_form", "The form could not be read.");
    form = std::move(*parsed);
    return std::nullopt;
  };
  auto guard = [&]() -> std::optional<Response> {
    if (auto bad = read_body()) return bad;
    if (!s) return app.error(req, 401, "sign_in_required", "Sign in first.");
    const std::string sent = json_body ? req.csrf_header : field("csrf");
    if (sent.empty() || !same_secret(sent, s->csrf_token))
      return app.error(req, 403, "csrf",
                       "The request lacks a valid CSRF token. Reload the page and try again.");
    return std::nullopt;
  };

  // /articles/{slug}/comments
  if (p.starts_with("/articles/") && p.ends_with("/comments")) {
    const std::string_view slug = p.substr(10, p.size() - 10 - 9);
    if (!is_valid_slug(slug) || !site.snapshot().article(slug))
      return app.error(req, 404, "article_not_found", "No article is published at this address.");
    if (!post) {
      if (!api) return redirect("/articles/" + std::string(slug) + "#comments");
      const bool newest = target->param("order") != "oldest";
      nlohmann::json list = nlohmann::json::array();
      for (const auto& c : store_.comments(slug, newest, 0, policy_.page_size)) {
        auto j = comment_json(c);
        j["replies"] = nlohmann::json::array();
        for (const auto& r : store_.replies(c.id)) j["replies"].push_back(comment_json(r));
        list.push_back(std::move(j));
      }
      return json_response(
          200, {{"article", slug}, {"count", store_.count_comments(slug)}, {"comments", list}});
    }
    if (auto bad = guard()) return bad;
    const std::string text = comment_text(field("body"));
    if (text.empty()) return app.error(req, 400, "empty_comment", "Write something first.");
    if (auto problem = check_user_text(text, TextShape::paragraphs); !problem.empty())
      return app.error(req, 400, "bad_comment", problem);
    if (text.size() > policy_.max_length)
      return app.error(req, 400, "comment_too_long",
                       fmt::format("A comment has at most {} characters.", policy_.max_length));
    const std::int64_t now = now_seconds();
    if (store_.comments_since(s->user.id, now - policy_.window) >= policy_.per_window) {
      Response r = app.error(req, 429, "too_many_comments",
                             "You are commenting very fast; wait a few minutes.");
      // The window is sliding: after a whole window the oldest has left it.
      r.headers.emplace_back("Retry-After", std::to_string(policy_.window));
      return r;
    }
    Comment c;
    c.article_slug = std::string(slug);
    c.user_id = s->user.id;
    c.body = text;
    c.created_at = now;
    const std::string parent =
        json_body && body_json.contains("parent") && body_json["parent"].is_number_integer()
            ? std::to_string(body_json["parent"].get<std::int64_t>())
            : field("parent");
    if (!parent.empty()) {
      const auto pid = positive_integer(parent);
      const auto up = pid ? store_.comment(*pid) : std::nullopt;
      if (!up || up->article_slug != slug || up->parent_id || up->deleted ||
          up->status != CommentStatus::published)
        return app.error(req, 400, "bad_parent",
                         "Replies go under a published comment of this article.");
      c.parent_id = *pid;
    }
    const bool trusted = at_least(s->user.role, Role::editor);
    if (!trusted && policy_.hold_accounts_younger_than > 0 &&
        now - store_.user_created_at(s->user.id) < policy_.hold_accounts_younger_than) {
      c.status = CommentStatus::pending;
      c.held_reason = "new account";
    } else if (!trusted && has_link(text)) {
      c.status = CommentStatus::pending;
      c.held_reason = "contains a link";
    }
    c.id = store_.add_comment(c);
    ++generation_;
    if (api) return json_response(201, comment_json(c));
    return redirect("/articles/" + std::string(slug) +
                    (c.status == CommentStatus::pending ? "?held=1#comments"
                                                        : "#comment-" + std::to_string(c.id)));
  }

  // /comments/{id}/{action}
  if (p.starts_with("/comments/")) {
    const std::string_view rest = p.substr(10);
    const auto slash = rest.find('/');
    const auto id = positive_integer(rest.substr(0, slash));
    const std::string action(slash == std::string_view::npos ? "" : rest.substr(slash + 1));
    if (!id) return app.error(req, 404, "comment_not_found", "No such comment.");
    if (!post) {
      Response r = app.error(req, 405, "method_not_allowed",
                             "Comment actions are posted from the article page.");
      r.headers.emplace_back("Allow", "POST");
      return r;
    }
    if (auto bad = guard()) return bad;
    const auto c = store_.comment(*id);
    if (!c || (c->deleted && action != "delete"))
      return app.error(req, 404, "comment_not_found", "No such comment.");
    const bool own = c->user_id == s->user.id;
    const bool editor = at_least(s->user.role, Role::editor);
    const std::int64_t now = now_seconds();
    if (action == "edit") {
      if (!own) return app.error(req, 403, "not_yours", "You can only edit your own comments.");
      if (now - c->created_at >= policy_.edit_window)
        return app.error(req, 403, "edit_window_closed", "Comments can be edited for 15 minutes.");
      const std::string text = comment_text(field("body"));
      if (text.empty() || text.size() > policy_.max_length)
        return app.error(req, 400, "bad_comment",
                         fmt::format("A comment has 1 to {} characters.", policy_.max_length));
      if (auto problem = check_user_text(text, TextShape::paragraphs); !problem.empty())
        return app.error(req, 400, "bad_comment", problem);
      store_.edit_comment(*id, text, now);
      // An edit that adds a link goes back to the moderators.
      if (!editor && has_link(text) && !has_link(c->body))
        store_.set_comment_status(*id, CommentStatus::pending, "contains a link");
    } else if (action == "delete") {
      if (!own && !editor)
        return app.error(req, 403, "not_yours", "You can only delete your own comments.");
      store_.delete_comment(*id);
    } else if (action == "report") {
      if (own) return app.error(req, 400, "own_comment", "You cannot report your own comment.");
      const auto reports = store_.report_comment(*id, s->user.id, now);
      if (reports >= policy_.report_threshold && c->status == CommentStatus::published)
        store_.set_comment_status(*id, CommentStatus::hidden, "reported");
    } else if (action == "hide" || action == "unhide" || action == "approve" ||
               action == "reject") {
      if (!editor) return app.error(req, 403, "editors_only", "Only editors moderate comments.");
      const auto status = action == "hide"     ? CommentStatus::hidden
                          : action == "reject" ? CommentStatus::rejected
                                               : CommentStatus::published;
      store_.set_comment_status(*id, status, action == "hide" ? "hidden by an editor" : "");
    } else {
      return app.error(req, 404, "not_found", "Unknown comment action.");
    }
    ++generation_;
    if (api) return json_response(200, {{"id", *id}, {"action", action}});
    const std::string back = field("next");
    if (back.starts_with("/moderation")) return redirect("/moderation");
    return redirect("/articles/" + c->article_slug + "#comments");
  }

  if (path == "/moderation") {
    if (!s) return redirect("/login?next=/moderation");
    if (!at_least(s->user.role, Role::editor))
      return app.error(req, 403, "editors_only", "Only editors moderate comments.");
    std::string out =
        "<section aria-labelledby=\"mod-h\"><h1 id=\"mod-h\">Comments waiting for review</h1>";
    const auto queue = store_.moderation_queue();
    if (queue.empty()) out += "<p>Nothing waits for review.</p>";
    for (const auto& c : queue) {
      out += fmt::format(
          "<article class=\"comment\" id=\"comment-{}\"><p "
          "class=\"comment-meta\"><strong>{}</strong> on "
          "<a href=\"/articles/{}#comments\">{}</a> &middot; {} &middot; {} ({}, {} "
          "report{})</p>{}",
          c.id, html_escape(c.author_name), html_escape(c.article_slug),
          html_escape(c.article_slug), when(c.created_at), to_string(c.status),
          html_escape(c.held_reason), c.reports, c.reports == 1 ? "" : "s", comment_html(c.body));
      for (const char* action : {"approve", "reject"})
        out += fmt::format(
            "<form class=\"inline-form\" method=\"post\" action=\"/comments/{}/{}\"><input "
            "type=\"hidden\" "
            "name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"next\" value=\"/moderation\">"
            "<button type=\"submit\">{}</button></form> ",
            c.id, action, html_escape(s->csrf_token),
            action == std::string("approve") ? "Approve" : "Reject");
      out += "</article>";
    }
    out += "</section>";
    Response r;
    r.body = render_plain_page("Moderation", out);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  }
  return std::nullopt;
}

}  // namespace symptomdb::web
