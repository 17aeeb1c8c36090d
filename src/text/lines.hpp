// Lines and white space: the small text helpers every reader of plain text
// (importers, the editorial front matter, HTTP header values, the symptom
// interpreter, the line diff) needs, kept here so they all agree.
#pragma once

#include <string_view>
#include <vector>

namespace symptomdb::text {

// Splits text into lines without their "\n" (a final newline adds no line).
std::vector<std::string_view> split_lines(std::string_view text);

// Trims ASCII white space and non-breaking spaces (U+00A0, which pasted text
// often carries) from both ends.
std::string_view trim(std::string_view s);

}  // namespace symptomdb::text
