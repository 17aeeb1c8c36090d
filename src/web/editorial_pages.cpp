// The editorial HTML pages: each handler asks the editorial service and
// renders a template (web/templates/editorial_*.mustache) from a JSON view;
// the template engine escapes every value.
#include <nlohmann/json.hpp>

#include "services/editorial.hpp"
#include "text/lines.hpp"
#include "web/editorial_handlers.hpp"
#include "web/pages.hpp"

namespace symptomdb::web::editorial {
namespace {

using nlohmann::json;
using services::Work;

// "2026-12-01T09:50:12Z" -> "2026-12-01 09:50 UTC".
std::string when(const std::string& iso) {
  if (iso.size() < 16) return iso;
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

Response page(std::string_view template_name, std::string_view title, const json& view,
              int status = 200) {
  Response r;
  r.status = status;
  r.body = render_view_page(template_name, title, view);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// What the edit page shows besides the article's state.
struct EditForm {
  std::string markdown;
  std::string note;
  std::string error;    // next to the editor
  std::string message;  // after a save
  std::string preview_html;
  std::int64_t base = 0;  // the revision the text is based on
};

Response edit_page(const Call& c, const Work& w, const EditForm& f, int status) {
  const auto& d = w.draft;
  const json view = {{"title", w.title()},
                     {"slug", w.slug},
                     {"state", d ? std::string(state_label(d->state))
                                 : "Published (no draft yet: your first save starts one)"},
                     {"draft", d ? json{{"latest", d->latest}, {"owner", d->owner_name}} : json()},
                     {"live", w.live != nullptr},
                     {"returned_note", d && d->state == DraftState::draft ? d->last_note : ""},
                     {"in_review", d && d->state == DraftState::in_review},
                     {"message", f.message},
                     {"csrf", c.session.csrf_token},
                     {"base", f.base},
                     {"error", f.error},
                     {"markdown", f.markdown},
                     {"note", f.note},
                     {"max_note", c.service.policy().max_note_chars},
                     {"may_save", w.may.save},
                     {"may_submit", w.may.submit},
                     {"review", w.may.review},
                     {"revision", d ? d->latest : 0},
                     {"preview_html", f.preview_html}};
  return page("editorial_edit", "Edit: " + w.title(), view, status);
}

// The /write page: the form (with what was typed and why it was refused,
// after a refusal) and the writer's own articles.
Response write_page(const Call& c, std::string_view error, std::string_view title,
                    std::string_view condition, int status) {
  json drafts = json::array();
  for (const auto& d : c.service.own_drafts(c.user()))
    drafts.push_back({{"slug", d.slug},
                      {"title", d.title},
                      {"state", state_label(d.state)},
                      {"latest", d.latest},
                      {"when", when(d.updated_at)}});
  const json view = {{"error", error},
                     {"csrf", c.session.csrf_token},
                     {"max_title", c.service.policy().max_title_chars},
                     {"title", title},
                     {"condition", condition},
                     {"drafts", std::move(drafts)}};
  return page("editorial_write", "Write an article", view, status);
}

// The edit form's buttons.
enum class EditAction { preview, save, submit };
std::optional<EditAction> edit_action(std::string_view v) {
  if (v == "preview") return EditAction::preview;
  if (v == "save") return EditAction::save;
  if (v == "submit") return EditAction::submit;
  return std::nullopt;
}

// The review form's buttons.
enum class Decision { approve, give_back };
std::optional<Decision> decision(std::string_view v) {
  if (v == "approve") return Decision::approve;
  if (v == "return") return Decision::give_back;
  return std::nullopt;
}

}  // namespace

std::string edit_link_html(std::string_view slug) {
  return render_fragment("editorial_edit_link", {{"slug", slug}});
}

Response write_form(const Call& c) {
  return write_page(c, "", "", "", 200);
}

Response write_start(const Call& c) {
  const std::string title = c.body.field("title").value_or("");
  const std::string condition = c.body.field("condition").value_or("");
  auto started = c.service.start(c.user(), c.site.snapshot(), title, condition);
  if (!started) {
    if (c.body.is_json) return c.fail(started.refusal());
    return write_page(c, started.refusal().message, text::trim(title), text::trim(condition),
                      status_of(started.refusal()));
  }
  return redirect("/articles/" + started->draft.slug + "/edit");
}

Response review_queue(const Call& c) {
  const auto queue = c.service.review_queue(c.user());
  if (!queue) return c.fail(queue.refusal());
  json items = json::array();
  for (const auto& d : *queue)
    items.push_back({{"slug", d.slug},
                     {"title", d.title},
                     {"owner", d.owner_name},
                     {"latest", d.latest},
                     {"when", when(d.updated_at)}});
  return page("editorial_review", "Review", {{"queue", std::move(items)}});
}

Response edit_form(const Call& c) {
  const auto w = c.service.open(c.user(), c.site.snapshot(), c.slug);
  if (!w) return c.fail(w.refusal());
  EditForm f;
  f.markdown = c.service.latest_markdown(*w);
  f.base = w->draft ? w->draft->latest : 0;
  if (auto saved = c.target.param("saved")) f.message = "Saved as revision " + *saved + ".";
  if (c.target.param("submitted") == "1") f.message = "Submitted for review.";
  if (c.target.param("returned") == "1") f.message = "Returned to the writer.";
  return edit_page(c, *w, f, 200);
}

Response edit_post(const Call& c) {
  auto w = c.service.open(c.user(), c.site.snapshot(), c.slug);
  if (!w) return c.fail(w.refusal());
  EditForm f;
  f.markdown = c.body.field("markdown").value_or("");
  f.base = c.body.number("base").value_or(0);
  // Every refusal shows the editor again with the text as sent.
  auto refused = [&](const services::EditorialError& e) {
    f.error = e.message;
    return edit_page(c, *w, f, status_of(e));
  };
  const auto note = c.service.note(c.body.field("note").value_or(""));
  if (!note) return refused(note.refusal());
  f.note = note->text();
  const auto action = edit_action(c.body.field("action").value_or("save"));
  if (action == EditAction::preview) {
    const auto article = c.service.preview(*w, f.markdown);
    if (!article) return refused(article.refusal());
    f.preview_html = render_article_preview(*article);
    return edit_page(c, *w, f, 200);
  }
  if (!action) return c.fail(400, "bad_action", "Choose Preview, Save or Submit for review.");
  const auto saved =
      c.service.save(*w, f.markdown, *note, f.base > 0 ? std::optional(f.base) : std::nullopt);
  if (!saved) return refused(saved.refusal());
  if (action == EditAction::submit) {
    if (auto submitted = c.service.submit(*w); !submitted) return refused(submitted.refusal());
    return redirect("/articles/" + c.slug + "/edit?submitted=1");
  }
  if (!saved->changed) {
    f.message = "Nothing changed, so nothing was saved.";
    return edit_page(c, *w, f, 200);
  }
  return redirect("/articles/" + c.slug + "/edit?saved=" + std::to_string(saved->ordinal));
}

Response review_post(const Call& c) {
  auto w = c.service.open(c.user(), c.site.snapshot(), c.slug);
  if (!w) return c.fail(w.refusal());
  const auto note = c.service.note(c.body.field("note").value_or(""));
  if (!note) return c.fail(note.refusal());
  const auto ordinal = c.body.number("revision");
  if (!ordinal) return c.fail(400, "bad_revision", "Say which revision you reviewed.");
  const auto what = decision(c.body.field("action").value_or(""));
  if (!what) return c.fail(400, "bad_action", "Approve or return.");
  const auto done = *what == Decision::approve ? c.service.approve(*w, *ordinal, *note)
                                               : c.service.return_to_writer(*w, *ordinal, *note);
  if (!done) return c.fail(done.refusal());
  return redirect(*what == Decision::approve ? "/articles/" + c.slug : "/review");
}

Response history_page(const Call& c) {
  const auto w = c.service.open(c.user(), c.site.snapshot(), c.slug);
  if (!w) return c.fail(w.refusal());
  const auto history = c.service.history(*w);
  json revisions = json::array();
  for (auto it = history.revisions.rbegin(); it != history.revisions.rend(); ++it)
    revisions.push_back({{"ordinal", it->ordinal},
                         {"author", it->author_name},
                         {"created_at", it->created_at},
                         {"when", when(it->created_at)},
                         {"note", it->note},
                         {"state", state_label(it->state)},
                         {"changes", it->ordinal == 1 ? "First version" : "Diff"}});
  json reviews = json::array();
  for (const auto& e : history.reviews)
    reviews.push_back({{"user", e.user_name},
                       {"action", to_string(e.action)},
                       {"ordinal", e.ordinal},
                       {"when", when(e.created_at)},
                       {"note", e.note}});
  const json view = {{"title", w->title()},
                     {"slug", w->slug},
                     {"live", w->live != nullptr},
                     {"revisions", std::move(revisions)},
                     {"reviews", std::move(reviews)}};
  return page("editorial_history", "History: " + w->title(), view);
}

Response revision_page(const Call& c) {
  const auto w = c.service.open(c.user(), c.site.snapshot(), c.slug);
  if (!w) return c.fail(w.refusal());
  const auto diff = c.service.diff(*w, c.ordinal);
  if (!diff) return c.fail(diff.refusal());
  const Revision& r = diff->revision;
  json hunks = json::array();
  for (const auto& h : diff->hunks) {
    json lines = json::array();
    for (const auto& l : h.lines)
      lines.push_back({{"same", l.op == text::DiffOp::same},
                       {"removed", l.op == text::DiffOp::removed},
                       {"added", l.op == text::DiffOp::added},
                       {"text", l.text},
                       {"old_line", l.old_line},
                       {"new_line", l.new_line}});
    hunks.push_back({{"old_start", h.old_start},
                     {"old_count", h.old_count},
                     {"new_start", h.new_start},
                     {"new_count", h.new_count},
                     {"lines", std::move(lines)}});
  }
  const json view = {{"ordinal", c.ordinal},
                     {"from", c.ordinal - 1},
                     {"title", w->draft ? w->draft->title : r.slug},
                     {"slug", w->slug},
                     {"author", r.author_name},
                     {"created_at", r.created_at},
                     {"when", when(r.created_at)},
                     {"note", r.note},
                     {"hunks", std::move(hunks)},
                     {"markdown", r.markdown}};
  return page("editorial_revision", "Revision " + std::to_string(c.ordinal) + " of " + w->slug,
              view);
}

}  // namespace symptomdb::web::editorial
