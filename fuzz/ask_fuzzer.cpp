// libFuzzer target for the question-understanding path: the bytes are a
// question (any bytes: invalid UTF-8, NULs, control characters) given to
// Engine::ask, Engine::suggest and Engine::search, and to the web layer's
// parse_target and markdown_to_html. The engine is built once, from the
// sample articles in content/. Nothing may crash, leak or hit UB.
//
// Built with clang by -DSYMPTOMDB_FUZZ=ON, and with GCC as a plain replay
// driver (fuzz/replay_main.cpp) for the fuzz.ask_corpus CTest test.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>
#include <string_view>

#include "engine/snapshot.hpp"
#include "ingest/collect.hpp"
#include "qa/engine.hpp"
#include "web/http_util.hpp"
#include "web/markdown_html.hpp"

#ifndef SYMPTOMDB_SOURCE_DIR
#error "SYMPTOMDB_SOURCE_DIR must be defined (the repository root)"
#endif

namespace {

const symptomdb::qa::Engine& engine() {
  static const symptomdb::qa::Engine* e = [] {
    try {
      namespace ingest = symptomdb::ingest;
      const auto files =
          ingest::collect_files({std::string(SYMPTOMDB_SOURCE_DIR) + "/content"}, ".md");
      auto articles = ingest::parse_files(files, ingest::Format::markdown);
      if (articles.empty()) {
        std::fprintf(stderr, "ask_fuzzer: no articles in %s/content\n", SYMPTOMDB_SOURCE_DIR);
        std::abort();
      }
      // Deliberately never freed: it lives for the whole process, and a
      // static destructor would only slow down libFuzzer's exit.
      return new symptomdb::qa::Engine(
          std::make_shared<const symptomdb::Snapshot>(std::move(articles)));
    } catch (const std::exception& ex) {
      std::fprintf(stderr, "ask_fuzzer: cannot build the engine: %s\n", ex.what());
      std::abort();
    }
  }();
  return *e;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& e = engine();
  const std::string_view q(reinterpret_cast<const char*>(data), size);

  // No exception may escape: the web layer would turn it into a 500.
  const auto r = e.ask(q, 10);
  for (const auto& a : r.answers) {
    if (a.unit >= e.unit_count()) std::abort();
  }
  (void)e.suggest(q, 8);
  (void)e.search(q, {}, 10);

  (void)symptomdb::web::parse_target(q);
  (void)symptomdb::web::markdown_to_html(q);
  return 0;
}
