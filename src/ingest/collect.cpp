#include "ingest/collect.hpp"

#include <algorithm>
#include <map>

#include "article_format/markdown_article.hpp"
#include "core/error.hpp"
#include "ingest/seed_text.hpp"
#include "text/source_file.hpp"

namespace symptomdb::ingest {

std::vector<std::filesystem::path> collect_files(const std::vector<std::string>& paths,
                                                 std::string_view extension) {
  namespace fs = std::filesystem;
  std::vector<fs::path> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::end(it);
           it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == extension)
          found.push_back(it->path());
      if (ec) throw ParseError(p, 0, "cannot read folder: " + ec.message());
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.emplace_back(p);
    } else {
      throw ParseError(p, 0, "no such file or folder");
    }
  }
  return out;
}

std::vector<Article> parse_files(const std::vector<std::filesystem::path>& files, Format format) {
  std::vector<Article> articles;
  std::map<std::string, std::string> seen;  // slug -> file
  for (const auto& path : files) {
    const text::SourceFile file = text::read_source_file(path);
    Article a = format == Format::markdown ? article_format::parse_markdown_article(file)
                                           : parse_seed_text(file);
    if (auto [it, fresh] = seen.emplace(a.slug, file.name); !fresh)
      throw ParseError(file.name, 1, "slug '" + a.slug + "' is already used by " + it->second);
    articles.push_back(std::move(a));
  }
  return articles;
}

}  // namespace symptomdb::ingest
