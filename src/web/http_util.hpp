// Small HTTP helpers the router needs that Boost 1.74 does not provide
// (Boost.URL arrived in 1.81): splitting a target into path and query, and
// percent-decoding.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace symptomdb::web {

struct Target {
  std::string path;  // decoded
  std::multimap<std::string, std::string> query;

  // First value of a query parameter, if given.
  std::optional<std::string> param(const std::string& name) const;
};

// Decodes %XX escapes (and '+' as space when `plus_is_space`). Returns
// nullopt for malformed escapes or when the result is not valid UTF-8, so the
// caller can answer 400 instead of passing garbage on.
std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space);

// Parses "a=1&b=two+words" (a query string or an urlencoded form body);
// nullopt when an escape is malformed or a value is not UTF-8.
std::optional<std::multimap<std::string, std::string>> parse_form(std::string_view text);

// The value of one cookie in a Cookie header, if present.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

// Parses a request target ("/search?q=muscle+loss"); nullopt when malformed.
std::optional<Target> parse_target(std::string_view target);

// A whole number >= 1 written in decimal and nothing else (ids and page
// numbers in addresses and forms); nothing otherwise.
std::optional<std::int64_t> positive_integer(std::string_view text);

// Escapes text for use in an HTML element or a double-quoted attribute.
std::string html_escape(std::string_view text);

// Percent-encodes a string for use as a query parameter value.
std::string url_encode(std::string_view text);

}  // namespace symptomdb::web
