#include "web/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "core/utf8.hpp"

namespace symptomdb::web {
namespace {

constexpr std::string_view kHex = "0123456789abcdef";

bool needs_escape(unsigned char c) {
  return c < 0x20 || c == '"' || c == '\\';
}

// ASCII and valid UTF-8 are written as they are, but for the characters JSON
// requires escaped.
void escape_valid(std::string& out, std::string_view s) {
  std::size_t run = 0;  // start of the bytes not yet written
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!needs_escape(c)) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
    }
  }
  out.append(s.data() + run, s.size() - run);
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  bool ascii = true;
  for (const char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  if (ascii) {
    escape_valid(out, s);
  } else {
    // Invalid bytes become U+FFFD one by one, so the answer stays valid JSON
    // whatever a stored text holds.
    while (!s.empty()) {
      const auto bad = find_invalid_utf8(s);
      escape_valid(out, s.substr(0, bad.value_or(s.size())));
      if (!bad) break;
      out += "\xEF\xBF\xBD";
      s.remove_prefix(*bad + 1);
    }
  }
  out += '"';
}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ > 0) {
    if (written_[depth_ - 1]) out_ += ',';
    written_[depth_ - 1] = true;
  }
}

JsonWriter& JsonWriter::begin_object() {
  separate();
  if (depth_ == kMaxDepth) throw std::logic_error("JsonWriter: nested too deep");
  written_[depth_++] = false;
  out_ += '{';
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  --depth_;
  out_ += '}';
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  separate();
  if (depth_ == kMaxDepth) throw std::logic_error("JsonWriter: nested too deep");
  written_[depth_++] = false;
  out_ += '[';
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  --depth_;
  out_ += ']';
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  append_json_string(out_, s);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(double d) {
  separate();
  if (!std::isfinite(d)) {
    out_ += "null";
    return *this;
  }
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  const std::string_view text(buf, static_cast<std::size_t>(end - buf));
  out_ += text;
  // A double keeps its point ("1.0"), as nlohmann writes it.
  if (text.find_first_of(".e") == std::string_view::npos) out_ += ".0";
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t n) {
  separate();
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t n) {
  separate();
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

}  // namespace symptomdb::web
