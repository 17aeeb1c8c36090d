#include "web/comments.hpp"

#include <nlohmann/json.hpp>

#include "core/slug.hpp"
#include "web/community_views.hpp"
#include "web/http_util.hpp"
#include "web/pages.hpp"
#include "web/security.hpp"

namespace symptomdb::web {
namespace {

using services::CommentError;

// Each refusal as HTTP: its status and the error code clients see.
Response refused(const App& app, const Request& req,
                 const services::Refusal<CommentError>& refusal) {
  struct Http {
    int status;
    std::string_view code;
  };
  static constexpr auto http = [](CommentError e) -> Http {
    switch (e) {
      case CommentError::empty:
        return {400, "empty_comment"};
      case CommentError::bad_text:
      case CommentError::bad_length:
        return {400, "bad_comment"};
      case CommentError::too_long:
        return {400, "comment_too_long"};
      case CommentError::too_fast:
        return {429, "too_many_comments"};
      case CommentError::bad_parent:
        return {400, "bad_parent"};
      case CommentError::not_found:
        return {404, "comment_not_found"};
      case CommentError::not_yours:
        return {403, "not_yours"};
      case CommentError::edit_window_closed:
        return {403, "edit_window_closed"};
      case CommentError::own_comment:
        return {400, "own_comment"};
      case CommentError::editors_only:
        return {403, "editors_only"};
    }
    return {400, "bad_request"};
  };
  const auto [status, code] = http(refusal.error);
  Response r = app.error(req, status, code, refusal.message);
  if (refusal.retry_after > 0)
    r.headers.emplace_back("Retry-After", std::to_string(refusal.retry_after));
  return r;
}

std::optional<services::Moderation> moderation_of(std::string_view action) {
  if (action == "hide") return services::Moderation::hide;
  if (action == "unhide") return services::Moderation::unhide;
  if (action == "approve") return services::Moderation::approve;
  if (action == "reject") return services::Moderation::reject;
  return std::nullopt;
}

// A posted form or JSON object, read the one way for both.
struct Fields {
  bool json_body = false;
  std::multimap<std::string, std::string> form;
  nlohmann::json json;
  std::string text(const char* key) const {
    if (json_body)
      return json.contains(key) && json[key].is_string() ? json[key].get<std::string>() : "";
    auto it = form.find(key);
    return it == form.end() ? std::string() : it->second;
  }
  // A reply's parent: nothing when none is named, 0 when what is named is
  // no comment id (which the service refuses).
  std::optional<std::int64_t> parent() const {
    if (json_body && json.contains("parent") && json["parent"].is_number_integer())
      return json["parent"].get<std::int64_t>();
    const std::string p = text("parent");
    if (p.empty()) return std::nullopt;
    return positive_integer(p).value_or(0);
  }
};

}  // namespace

Comments::Comments(store::Store& store, CommentPolicy policy,
                   std::atomic<std::uint64_t>& generation)
    : service_(store, policy, [&generation] { ++generation; }) {}

std::string Comments::block(const std::optional<Session>& s, const Request& req,
                            std::string_view slug) const {
  const auto target = parse_target(req.target);
  CommentSectionView view;
  view.slug = slug;
  view.newest_first = !target || target->param("order") != "oldest";
  if (target)
    if (auto p = target->param("page"); p && positive_integer(*p))
      view.page_no = static_cast<std::size_t>(*positive_integer(*p));
  view.held = target && target->param("held") == "1";
  return render_comments(service_, service_.page(slug, view.newest_first, view.page_no), view, s);
}

std::optional<Response> Comments::handle(const App& app, const Request& req, const Site& site,
                                         const std::optional<Session>& s) const {
  const auto target = parse_target(req.target);
  if (!target) return std::nullopt;
  const std::string& path = target->path;
  const bool api = path.starts_with("/api/v1/");
  const std::string_view p = std::string_view(path).substr(api ? 7 : 0);
  const bool post = req.method == "POST";
  Fields fields;
  fields.json_body = req.content_type.starts_with("application/json");
  auto guard = [&]() -> std::optional<Response> {
    if (req.body.size() > 16 * 1024)
      return app.error(req, 413, "body_too_large", "The comment is too large.");
    if (fields.json_body) {
      fields.json = nlohmann::json::parse(req.body, nullptr, false);
      if (fields.json.is_discarded() || !fields.json.is_object())
        return app.error(req, 400, "bad_json", "Send a JSON object.");
    } else {
      auto parsed = parse_form(req.body);
      if (!parsed) return app.error(req, 400, "bad_form", "The form could not be read.");
      fields.form = std::move(*parsed);
    }
    if (!s) return app.error(req, 401, "sign_in_required", "Sign in first.");
    const std::string sent = fields.json_body ? req.csrf_header : fields.text("csrf");
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
      nlohmann::json list = nlohmann::json::array();
      for (const auto& t : service_.threads(slug, target->param("order") != "oldest")) {
        auto j = comment_json(t.comment);
        j["replies"] = nlohmann::json::array();
        for (const auto& r : t.replies) j["replies"].push_back(comment_json(r));
        list.push_back(std::move(j));
      }
      return json_response(
          200, {{"article", slug}, {"count", service_.count(slug)}, {"comments", list}});
    }
    if (auto bad = guard()) return bad;
    const auto posted = service_.post(s->user, slug, fields.text("body"), fields.parent());
    if (!posted) return refused(app, req, posted.refusal());
    const Comment& c = posted.value();
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
    std::optional<services::CommentOutcome<Comment>> done;
    if (action == "edit")
      done = service_.edit(s->user, *id, fields.text("body"));
    else if (action == "delete")
      done = service_.remove(s->user, *id);
    else if (action == "report")
      done = service_.report(s->user, *id);
    else if (const auto m = moderation_of(action))
      done = service_.moderate(s->user, *id, *m);
    else
      return app.error(req, 404, "not_found", "Unknown comment action.");
    if (!*done) return refused(app, req, done->refusal());
    if (api) return json_response(200, {{"id", *id}, {"action", action}});
    if (fields.text("next").starts_with("/moderation")) return redirect("/moderation");
    return redirect("/articles/" + done->value().article_slug + "#comments");
  }

  if (path == "/moderation") {
    if (!s) return redirect("/login?next=/moderation");
    const auto queue = service_.queue(s->user);
    if (!queue) return refused(app, req, queue.refusal());
    Response r;
    r.body = render_plain_page("Moderation", render_moderation(queue.value(), s->csrf_token));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  }
  return std::nullopt;
}

}  // namespace symptomdb::web
