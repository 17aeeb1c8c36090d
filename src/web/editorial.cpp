#include "web/editorial.hpp"

#include "core/slug.hpp"
#include "web/editorial_handlers.hpp"
#include "web/pipeline.hpp"

namespace symptomdb::web {

namespace editorial {

int status_of(const services::EditorialError& e) {
  using R = services::EditorialRefusal;
  switch (e.error) {
    case R::bad_title:
    case R::bad_note:
    case R::note_required:
      return 400;
    case R::authors_only:
    case R::editors_only:
    case R::not_yours:
    case R::own_article:
    case R::own_words:
      return 403;
    case R::draft_not_found:
    case R::revision_not_found:
      return 404;
    case R::article_exists:
    case R::draft_exists:
    case R::state_conflict:
    case R::nothing_to_submit:
      return 409;
    case R::article_too_large:
      return 413;
    case R::title_without_letters:
    case R::invalid_markdown:
      return 422;
  }
  return 400;
}

Response Call::fail(const services::EditorialError& e) const {
  // A title with no letters is a bad title too, answered 422.
  const auto code = e.error == services::EditorialRefusal::title_without_letters
                        ? std::string_view("bad_title")
                        : to_string(e.error);
  return x.error(status_of(e), code, e.message);
}

}  // namespace editorial

Editorial::Editorial(store::Store& store, std::function<void()> republish, EditorialPolicy policy)
    : service_(store, store, std::move(republish),
               {policy.max_markdown_bytes, policy.max_note_chars, policy.max_title_chars}),
      max_body_bytes_(policy.max_body_bytes) {}

std::string Editorial::edit_link(const std::optional<Session>& s, std::string_view slug,
                                 std::string_view author_slug) const {
  if (!s || !service_.may_edit_live(s->user, slug, author_slug)) return "";
  return editorial::edit_link_html(slug);
}

void Editorial::add_routes(RouteTable& t) const {
  using editorial::Call;
  using Step = Response (*)(const Call&);
  namespace e = editorial;

  // Every editorial route is for authors and editors.
  const RoleNeed writer{Role::author, "authors_only", "Only authors and editors write articles."};
  const Needs page{.sign_in_redirect = true, .role = writer};  // pages read with GET
  const Needs read{.role = writer};                            // API reads
  const Needs change{.body = BodyKind::form_or_json, .max_body = max_body_bytes_, .role = writer};

  // Routes on one article check its slug (anything else could be no
  // article's address); HTML ones answer as the article page would.
  auto slug_of = [](const Exchange& x) -> std::optional<std::string> {
    const auto& slug = x.param("slug");
    if (is_valid_slug(slug)) return slug;
    return std::nullopt;
  };
  auto bad_slug = [](const Exchange& x) {
    return x.api() ? x.error(404, "draft_not_found", "No article is being written at this address.")
                   : x.error(404, "article_not_found", "No article is published at this address.");
  };
  auto plain = [this](Step step) -> Handler {
    return [this, step](Exchange& x) { return step(Call(x, service_)); };
  };
  auto article = [this, slug_of, bad_slug](Step step) -> Handler {
    return [=, this](Exchange& x) {
      const auto slug = slug_of(x);
      return slug ? step(Call(x, service_, *slug)) : bad_slug(x);
    };
  };
  auto revision = [this, slug_of, bad_slug](Step step) -> Handler {
    return [=, this](Exchange& x) {
      const auto slug = slug_of(x);
      return slug ? step(Call(x, service_, *slug, x.params().integer("n"))) : bad_slug(x);
    };
  };
  // A revision "number" that is none: no such revision, as before any sign-in.
  const Handler no_revision = [](Exchange& x) {
    return x.error(404, "revision_not_found", "Revisions are numbered 1, 2, ...");
  };

  t.get("/write", plain(e::write_form), page);
  t.post("/write", plain(e::write_start), change);
  t.get("/review", plain(e::review_queue), page);
  t.get("/articles/{slug}/edit", article(e::edit_form), page);
  t.post("/articles/{slug}/edit", article(e::edit_post), change);
  t.post("/articles/{slug}/review", article(e::review_post), change);
  t.get("/articles/{slug}/history", article(e::history_page), page);
  t.get("/articles/{slug}/history/{n:int}", revision(e::revision_page), page);
  t.get("/articles/{slug}/history/{n}", no_revision);

  t.get("/api/v1/drafts", plain(e::api_list), read);
  t.post("/api/v1/drafts", plain(e::api_start), change);
  t.get("/api/v1/drafts/{slug}", article(e::api_draft), read);
  t.get("/api/v1/drafts/{slug}/revisions", article(e::api_revisions), read);
  t.post("/api/v1/drafts/{slug}/revisions", article(e::api_save), change);
  t.get("/api/v1/drafts/{slug}/revisions/{n:int}", revision(e::api_revision), read);
  t.get("/api/v1/drafts/{slug}/revisions/{n}", no_revision);
  t.get("/api/v1/drafts/{slug}/revisions/{n:int}/diff", revision(e::api_diff), read);
  t.get("/api/v1/drafts/{slug}/revisions/{n}/diff", no_revision);
  t.post("/api/v1/drafts/{slug}/preview", article(e::api_preview), change);
  t.post("/api/v1/drafts/{slug}/submit", article(e::api_submit), change);
  t.post("/api/v1/drafts/{slug}/approve", article(e::api_approve), change);
  t.post("/api/v1/drafts/{slug}/return", article(e::api_return), change);

  t.fragment("edit", [this](const FragmentContext& c, const Fragment& f) {
    return edit_link(c.session, f.arg("slug"), f.arg("author"));
  });
}

}  // namespace symptomdb::web
