// The editorial workflow as JSON under /api/v1/drafts (docs/openapi.json):
// the same service steps as the pages, for tools.
#include <nlohmann/json.hpp>

#include "services/editorial.hpp"
#include "text/line_diff.hpp"
#include "web/editorial_handlers.hpp"
#include "web/pages.hpp"

namespace symptomdb::web::editorial {
namespace {

using nlohmann::json;
using services::Work;

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

// The draft as the API shows it: state, revisions, reviews and its text.
json draft_doc(const Call& c, const Work& w) {
  json j = w.draft ? draft_json(*w.draft)
                   : json{{"slug", w.slug}, {"state", nullptr}, {"latest_revision", 0}};
  j["live"] = w.live != nullptr;
  const auto history = c.service.history(w);
  json revisions = json::array();
  for (const auto& r : history.revisions) revisions.push_back(revision_json(r, false));
  j["revisions"] = std::move(revisions);
  json reviews = json::array();
  for (const auto& e : history.reviews)
    reviews.push_back({{"action", to_string(e.action)},
                       {"revision", e.ordinal},
                       {"user", {{"id", e.user_id}, {"name", e.user_name}}},
                       {"note", e.note},
                       {"created_at", e.created_at}});
  j["reviews"] = std::move(reviews);
  j["markdown"] = c.service.latest_markdown(w);
  return j;
}

// The steps that answer with the draft as it is afterwards.
enum class Step { submit, approve, give_back };

Response step(const Call& c, Step s) {
  auto w = c.service.open(c.user(), c.site.snapshot(), c.slug);
  if (!w) return c.fail(w.refusal());
  if (s == Step::submit) {
    if (auto done = c.service.submit(*w); !done) return c.fail(done.refusal());
    return json_response(200, draft_doc(c, *w));
  }
  const auto ordinal = c.body.number("revision");
  const auto note = c.service.note(c.body.field("note").value_or(""));
  if (!note) return c.fail(note.refusal());
  // Without "revision": the latest.
  const std::int64_t n = ordinal.value_or(w->draft ? w->draft->latest : 0);
  const auto done = s == Step::approve ? c.service.approve(*w, n, *note)
                                       : c.service.return_to_writer(*w, n, *note);
  if (!done) return c.fail(done.refusal());
  return json_response(200, draft_doc(c, *w));
}

}  // namespace

Response api_list(const Call& c) {
  const auto drafts = c.service.visible_drafts(c.user());
  if (!drafts) return c.fail(drafts.refusal());
  json list = json::array();
  for (const auto& d : *drafts) list.push_back(draft_json(d));
  return json_response(200, {{"count", list.size()}, {"drafts", list}});
}

Response api_start(const Call& c) {
  const auto started =
      c.service.start(c.user(), c.site.snapshot(), c.body.field("title").value_or(""),
                      c.body.field("condition").value_or(""));
  if (!started) return c.fail(started.refusal());
  json j = draft_json(started->draft);
  j["markdown"] = started->markdown;
  return json_response(201, j);
}

Response api_draft(const Call& c) {
  const auto w = c.service.open(c.user(), c.site.snapshot(), c.slug);
  if (!w) return c.fail(w.refusal());
  return json_response(200, draft_doc(c, *w));
}

Response api_revisions(const Call& c) {
  const auto w = c.service.open(c.user(), c.site.snapshot(), c.slug);
  if (!w) return c.fail(w.refusal());
  json revisions = json::array();
  for (const auto& r : c.service.history(*w).revisions)
    revisions.push_back(revision_json(r, false));
  return json_response(200, {{"slug", c.slug}, {"revisions", revisions}});
}

Response api_save(const Call& c) {
  auto w = c.service.open(c.user(), c.site.snapshot(), c.slug);
  if (!w) return c.fail(w.refusal());
  const auto markdown = c.body.field("markdown");
  if (!markdown)
    return c.fail(400, "bad_revision", "Send {\"markdown\": \"...\", \"note\": \"...\"}.");
  const auto note = c.service.note(c.body.field("note").value_or(""));
  if (!note) return c.fail(note.refusal());
  const auto saved = c.service.save(*w, *markdown, *note, c.body.number("base"));
  if (!saved) return c.fail(saved.refusal());
  json j = draft_doc(c, *w);
  j["saved"] = saved->changed;
  return json_response(saved->changed ? 201 : 200, j);
}

Response api_revision(const Call& c) {
  const auto w = c.service.open(c.user(), c.site.snapshot(), c.slug);
  if (!w) return c.fail(w.refusal());
  const auto r = c.service.revision(*w, c.ordinal);
  if (!r) return c.fail(r.refusal());
  return json_response(200, revision_json(*r, true));
}

Response api_diff(const Call& c) {
  const auto w = c.service.open(c.user(), c.site.snapshot(), c.slug);
  if (!w) return c.fail(w.refusal());
  const auto d = c.service.diff(*w, c.ordinal);
  if (!d) return c.fail(d.refusal());
  return json_response(200, {{"slug", c.slug},
                             {"from", c.ordinal - 1},
                             {"to", c.ordinal},
                             {"hunks", diff_json(d->hunks)},
                             {"unified", text::unified_diff(d->before, d->revision.markdown)}});
}

Response api_preview(const Call& c) {
  const auto w = c.service.open(c.user(), c.site.snapshot(), c.slug);
  if (!w) return c.fail(w.refusal());
  const auto markdown = c.body.field("markdown");
  if (!markdown) return c.fail(400, "bad_preview", "Send {\"markdown\": \"...\"}.");
  const auto article = c.service.preview(*w, *markdown);
  if (!article) return c.fail(article.refusal());
  return json_response(200, {{"slug", c.slug}, {"html", render_article_preview(*article)}});
}

Response api_submit(const Call& c) {
  return step(c, Step::submit);
}
Response api_approve(const Call& c) {
  return step(c, Step::approve);
}
Response api_return(const Call& c) {
  return step(c, Step::give_back);
}

}  // namespace symptomdb::web::editorial
