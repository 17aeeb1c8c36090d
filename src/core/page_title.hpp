// Page titles used as condition names. MedQuAD's encyclopedia and institute
// pages name their focus by the page's title, and many titles are pages
// about a condition rather than its name: "What I need to know about
// Hepatitis C", "Stroke - discharge", "Kidney Failure: What to Expect".
#pragma once

#include <string>
#include <string_view>

namespace symptomdb {

// Whether one part of a title names no subject of its own ("discharge",
// "what to ask your doctor", "resources", "in children").
bool generic_title_part(std::string_view part);

// The condition a page title is a page about, or "" when the title is a
// name of its own: "What I need to know about Hepatitis C" -> "Hepatitis C",
// "Stroke - discharge" -> "Stroke", "Kidney Failure: What to Expect" ->
// "Kidney Failure"; "Cancer - penis" and "Meningitis - cryptococcal" are
// names (the part after the dash narrows), so they give "".
std::string title_subject(std::string_view title);

}  // namespace symptomdb
