// Errors that cross layer boundaries. Parsers throw ParseError with the file
// and line so that the CLI can print "FILE:LINE: message" and exit non-zero.
#pragma once

#include <stdexcept>
#include <string>

namespace symptomdb {

class ParseError : public std::runtime_error {
 public:
  ParseError(std::string file, int line, const std::string& message)
      : std::runtime_error(file + ":" + std::to_string(line) + ": " + message),
        file_(std::move(file)),
        line_(line) {}
  const std::string& file() const { return file_; }
  int line() const { return line_; }

 private:
  std::string file_;
  int line_;
};

// A store operation failed (I/O, constraint, corrupt file). The transaction
// it was part of has been rolled back.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace symptomdb
