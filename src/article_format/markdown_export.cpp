#include "article_format/markdown_export.hpp"

#include <yaml-cpp/yaml.h>

namespace symptomdb::article_format {
namespace {

void emit_if(YAML::Emitter& out, const char* key, const std::string& value) {
  if (!value.empty()) out << YAML::Key << key << YAML::Value << value;
}

void block(std::string& out, const std::string& text) {
  if (text.empty()) return;
  out += text;
  out += "\n\n";
}

}  // namespace

std::string to_markdown(const Article& a) {
  YAML::Emitter fm;
  fm << YAML::BeginMap;
  fm << YAML::Key << "title" << YAML::Value << a.title;
  fm << YAML::Key << "condition" << YAML::Value << a.condition.name;
  if (!a.condition.synonyms.empty())
    fm << YAML::Key << "synonyms" << YAML::Value << YAML::Flow << a.condition.synonyms;
  fm << YAML::Key << "slug" << YAML::Value << a.slug;
  emit_if(fm, "site", a.site);
  emit_if(fm, "author", a.author.name);
  emit_if(fm, "credential", a.author.credential);
  emit_if(fm, "affiliation", a.author.affiliation);
  emit_if(fm, "reviewed", a.reviewed_on);
  emit_if(fm, "reviewed_by", a.reviewed_by.name);
  emit_if(fm, "reviewer_credential", a.reviewed_by.credential);
  emit_if(fm, "license", a.license);
  if (a.sample) fm << YAML::Key << "sample" << YAML::Value << true;
  if (!a.sources.empty()) {
    fm << YAML::Key << "sources" << YAML::Value << YAML::BeginSeq;
    for (const auto& s : a.sources) {
      fm << YAML::BeginMap;
      emit_if(fm, "title", s.title);
      emit_if(fm, "url", s.url);
      fm << YAML::EndMap;
    }
    fm << YAML::EndSeq;
  }
  fm << YAML::EndMap;

  std::string out = "---\n";
  out += fm.c_str();
  out += "\n---\n";
  block(out, a.introduction);
  for (const auto& s : a.sections) {
    out += "## " + s.display_heading() + "\n\n";
    block(out, s.intro);
    for (const auto& item : s.items) {
      out += item.heading.empty() ? "###\n\n" : "### " + item.heading + "\n\n";
      block(out, item.text);
    }
  }
  while (out.ends_with("\n\n")) out.pop_back();
  return out;
}

}  // namespace symptomdb::article_format
