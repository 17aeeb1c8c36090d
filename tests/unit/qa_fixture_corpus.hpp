// A small corpus of Markdown articles written for a QA test, and an engine
// over it. The articles' text is fixture text, not medical content. Shared
// so that the focus-rule suites build their corpora the same way.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>

#include "ingest/collect.hpp"
#include "qa/engine.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb::test {

class QaFixtureCorpus {
 public:
  // One article about `condition`; `synonyms` in the front matter's list
  // syntax ("[a, b]") or empty.
  void write(const std::string& file, const std::string& condition, const std::string& slug,
             const std::string& synonyms, const std::string& body) const {
    std::ofstream(dir_.path() / file)
        << "---\ntitle: \"" << condition << "\"\ncondition: " << condition << "\n"
        << (synonyms.empty() ? "" : "synonyms: " + synonyms + "\n") << "slug: " << slug << "\n"
        << "author: symptomdb test fixture\n"
        << "affiliation: \"Test fixture text, not medical advice\"\n"
        << "license: CC0 test fixture\n---\nFixture text, not medical advice.\n\n"
        << body;
  }
  // Thirty filler articles, so that word specificity is not that of a
  // corpus of three.
  void write_fillers() const {
    for (int i = 0; i < 30; ++i)
      write("filler-" + std::to_string(i) + ".md", "Filler condition " + std::to_string(i),
            "filler-" + std::to_string(i), "",
            "## Overview\n\nFixture text about tests, testing and what people tested for "
            "at home.\n");
  }
  std::unique_ptr<qa::Engine> engine() const {
    auto articles = ingest::parse_files(ingest::collect_files({dir_.path().string()}, ".md"),
                                        ingest::Format::markdown);
    return std::make_unique<qa::Engine>(std::make_shared<const Snapshot>(std::move(articles)));
  }

 private:
  TempDir dir_;
};

// A test suite over one such corpus, built once for the suite: `Derived`
// writes its articles in `static void fill(const QaFixtureCorpus&)`; the
// fillers are added after them.
template <class Derived>
class QaCorpusTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    corpus_ = new QaFixtureCorpus;
    Derived::fill(*corpus_);
    corpus_->write_fillers();
    engine_ = corpus_->engine().release();
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
    delete corpus_;
    corpus_ = nullptr;
  }
  static inline QaFixtureCorpus* corpus_ = nullptr;
  static inline qa::Engine* engine_ = nullptr;
};

}  // namespace symptomdb::test
