#include "web/comments.hpp"

#include <nlohmann/json.hpp>

#include "core/slug.hpp"
#include "web/community_views.hpp"
#include "web/pages.hpp"
#include "web/routes.hpp"

namespace symptomdb::web {
namespace {

using services::CommentError;

// Each refusal as HTTP: its status and the error code clients see.
HttpError http_error(const services::Refusal<CommentError>& refusal) {
  const auto [status, code] = [&]() -> std::pair<int, const char*> {
    switch (refusal.error) {
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
  }();
  HttpError e{status, code, refusal.message, {}};
  if (refusal.retry_after > 0)
    e.headers.emplace_back("Retry-After", std::to_string(refusal.retry_after));
  return e;
}

const RoleNeed kEditors{Role::editor, "editors_only", "Only editors moderate comments."};

// A reply's parent as sent: none when not named, 0 when what is named is
// no comment id (the service refuses it).
std::optional<std::int64_t> parent_of(const Exchange& x) {
  const auto& body = x.body();
  if (body.is_json && body.json.contains("parent") && body.json["parent"].is_number_integer())
    return body.json["parent"].get<std::int64_t>();
  const std::string p = x.field("parent").value_or("");
  if (p.empty()) return std::nullopt;
  return positive_integer(p).value_or(0);
}

bool published_article(const Exchange& x, std::string_view slug) {
  return is_valid_slug(slug) && x.site().snapshot().article(slug);
}

}  // namespace

Comments::Comments(store::Store& store, CommentPolicy policy,
                   std::atomic<std::uint64_t>& generation)
    : service_(store, policy, [&generation] { ++generation; }) {}

void Comments::add_routes(RouteTable& t) const {
  const Needs write{.body = BodyKind::form_or_json, .session = SessionNeed::required};
  Needs moderate = write;
  moderate.role = kEditors;
  for (const std::string api : {"", "/api/v1"}) {
    t.get(api + "/articles/{slug}/comments", [this](Exchange& x) { return list(x); });
    t.post(
        api + "/articles/{slug}/comments", [this](Exchange& x) { return post(x); }, write);
    const std::pair<const char*, Action> actions[] = {
        {"edit", Action::edit},    {"delete", Action::remove}, {"report", Action::report},
        {"hide", Action::hide},    {"unhide", Action::unhide}, {"approve", Action::approve},
        {"reject", Action::reject}};
    for (const auto& [name, action] : actions) {
      const bool editors =
          action != Action::edit && action != Action::remove && action != Action::report;
      t.post(
          api + "/comments/{id:int}/" + name,
          [this, action, name](Exchange& x) { return act(x, action, name); },
          editors ? moderate : write);
    }
  }
  t.get("/moderation", [this](Exchange& x) { return moderation(x); },
        {.session = SessionNeed::required, .sign_in_redirect = true, .role = kEditors});
  t.fragment("comments", [this](const FragmentContext& c, const Fragment& f) {
    return block(c.session, c.target, f.arg("slug"));
  });
}

std::string Comments::block(const std::optional<Session>& s, const Target& target,
                            std::string_view slug) const {
  CommentSectionView view;
  view.slug = slug;
  view.newest_first = target.param("order") != "oldest";
  if (auto p = target.param("page"); p && positive_integer(*p))
    view.page_no = static_cast<std::size_t>(*positive_integer(*p));
  view.held = target.param("held") == "1";
  return render_comments(service_, service_.page(slug, view.newest_first, view.page_no), view, s);
}

Response Comments::list(Exchange& x) const {
  const std::string& slug = x.param("slug");
  if (!published_article(x, slug))
    return x.error(404, "article_not_found", "No article is published at this address.");
  if (!x.api()) return redirect("/articles/" + slug + "#comments");
  nlohmann::json list = nlohmann::json::array();
  for (const auto& t : service_.threads(slug, x.query("order") != "oldest")) {
    auto j = comment_json(t.comment);
    j["replies"] = nlohmann::json::array();
    for (const auto& r : t.replies) j["replies"].push_back(comment_json(r));
    list.push_back(std::move(j));
  }
  return json_response(200,
                       {{"article", slug}, {"count", service_.count(slug)}, {"comments", list}});
}

Response Comments::post(Exchange& x) const {
  const std::string& slug = x.param("slug");
  if (!published_article(x, slug))
    return x.error(404, "article_not_found", "No article is published at this address.");
  const auto posted =
      service_.post(x.signed_in().user, slug, x.field("body").value_or(""), parent_of(x));
  if (!posted) return x.error(http_error(posted.refusal()));
  const Comment& c = posted.value();
  if (x.api()) return json_response(201, comment_json(c));
  return redirect("/articles/" + slug +
                  (c.status == CommentStatus::pending ? "?held=1#comments"
                                                      : "#comment-" + std::to_string(c.id)));
}

Response Comments::act(Exchange& x, Action action, std::string_view name) const {
  const User& by = x.signed_in().user;
  const std::int64_t id = x.params().integer("id");
  const auto done = [&] {
    switch (action) {
      case Action::edit:
        return service_.edit(by, id, x.field("body").value_or(""));
      case Action::remove:
        return service_.remove(by, id);
      case Action::report:
        return service_.report(by, id);
      case Action::hide:
        return service_.moderate(by, id, services::Moderation::hide);
      case Action::unhide:
        return service_.moderate(by, id, services::Moderation::unhide);
      case Action::approve:
        return service_.moderate(by, id, services::Moderation::approve);
      case Action::reject:
        break;
    }
    return service_.moderate(by, id, services::Moderation::reject);
  }();
  if (!done) return x.error(http_error(done.refusal()));
  if (x.api()) return json_response(200, {{"id", id}, {"action", name}});
  if (x.field("next").value_or("").starts_with("/moderation")) return redirect("/moderation");
  return redirect("/articles/" + done.value().article_slug + "#comments");
}

Response Comments::moderation(Exchange& x) const {
  const auto queue = service_.queue(x.signed_in().user);
  if (!queue) return x.error(http_error(queue.refusal()));
  Response r;
  r.body =
      render_plain_page("Moderation", render_moderation(queue.value(), x.signed_in().csrf_token));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace symptomdb::web
