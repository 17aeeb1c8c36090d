// The streaming JSON writer against nlohmann::json, which parses what it
// writes and, for well-formed text, writes the very same bytes.
#include "web/json_writer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace symptomdb::web {
namespace {

using nlohmann::json;

std::string written(const auto& write) {
  std::string out;
  JsonWriter w(out);
  write(w);
  return out;
}

TEST(JsonWriter, StringsAreEscapedAsNlohmannEscapesThem) {
  // The literal with a NUL in it is taken whole by its own length: a count
  // written by hand once read a byte past its end.
  using namespace std::string_literals;
  const std::vector<std::string> texts = {
      "",
      "plain",
      "quote \" and backslash \\ and slash /",
      "tab\tnewline\nreturn\rbackspace\bformfeed\f",
      "nul \0 and \x01 \x1f \x7f"s,
      "Ménière’s — 80–99% “quoted” 日本語 😀",
      "</script><!-- & -->",
  };
  for (const auto& t : texts) {
    const auto out = written([&](JsonWriter& w) { w.value(t); });
    EXPECT_EQ(out, json(t).dump()) << t;
    EXPECT_EQ(json::parse(out).get<std::string>(), t);
  }
}

TEST(JsonWriter, InvalidUtf8BecomesTheReplacementCharacter) {
  const std::string bad =
      "a\xff"
      "b\xc3";  // a stray byte and a cut sequence
  const auto out = written([&](JsonWriter& w) { w.value(bad); });
  EXPECT_EQ(json::parse(out).get<std::string>(),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  // What nlohmann writes with its replacing error handler.
  EXPECT_EQ(out, json(bad).dump(-1, ' ', false, json::error_handler_t::replace));
}

TEST(JsonWriter, NumbersReadBackToTheSameValue) {
  const std::vector<double> values = {0.0,      1.0,     -1.0,     0.5, 0.001, -3.123, 1e-7,
                                      1.5e-300, 2.0 / 3, 123456.0, 0.8, -0.0,  1e300,  0.1 + 0.2};
  for (const double v : values) {
    const auto out = written([&](JsonWriter& w) { w.value(v); });
    const auto back = json::parse(out);
    EXPECT_TRUE(back.is_number_float()) << out;  // a double stays a double
    EXPECT_EQ(back.get<double>(), v) << out;
  }
  // The values the checker writes (rounded to 3 places, frequencies,
  // probabilities) come out as nlohmann writes them.
  for (const double v : {0.0, 1.0, -2.301, 0.8, 0.05, 0.123456789, 4.2e-05, 17.5})
    EXPECT_EQ(written([&](JsonWriter& w) { w.value(v); }), json(v).dump()) << v;
  EXPECT_EQ(written([](JsonWriter& w) { w.value(std::numeric_limits<double>::quiet_NaN()); }),
            "null");
  EXPECT_EQ(written([](JsonWriter& w) { w.value(std::int64_t{-42}); }), "-42");
  EXPECT_EQ(written([](JsonWriter& w) { w.value(std::uint64_t{18446744073709551615u}); }),
            "18446744073709551615");
}

TEST(JsonWriter, NestingAndCommasMatchATreeDump) {
  const auto out = written([](JsonWriter& w) {
    w.begin_object()
        .field("a", 1)
        .key("b")
        .begin_array()
        .value(true)
        .null()
        .begin_object()
        .end_object()
        .begin_array()
        .end_array()
        .value("x")
        .end_array()
        .key("c")
        .begin_object()
        .field("d", false)
        .field("e", 2.5)
        .end_object()
        .end_object();
  });
  const json expected = {{"a", 1},
                         {"b", json::array({true, nullptr, json::object(), json::array(), "x"})},
                         {"c", {{"d", false}, {"e", 2.5}}}};
  EXPECT_EQ(out, expected.dump());
}

}  // namespace
}  // namespace symptomdb::web
