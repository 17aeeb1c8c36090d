#include "core/fold.hpp"

namespace symptomdb {
namespace {

// Maps a decoded code point to the ASCII it folds to, or "" to keep it as is.
std::string_view fold_code_point(char32_t cp) {
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x02BC:
      return "'";
    case 0x201C:
    case 0x201D:
      return "\"";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
      return "-";
    case 0x00A0:
      return " ";
    case 0xE0:
    case 0xE1:
    case 0xE2:
    case 0xE3:
    case 0xE4:
    case 0xE5:
    case 0xC0:
    case 0xC1:
    case 0xC2:
    case 0xC3:
    case 0xC4:
    case 0xC5:
      return "a";
    case 0xE6:
    case 0xC6:
      return "ae";
    case 0xE7:
    case 0xC7:
      return "c";
    case 0xE8:
    case 0xE9:
    case 0xEA:
    case 0xEB:
    case 0xC8:
    case 0xC9:
    case 0xCA:
    case 0xCB:
      return "e";
    case 0xEC:
    case 0xED:
    case 0xEE:
    case 0xEF:
    case 0xCC:
    case 0xCD:
    case 0xCE:
    case 0xCF:
      return "i";
    case 0xF1:
    case 0xD1:
      return "n";
    case 0xF2:
    case 0xF3:
    case 0xF4:
    case 0xF5:
    case 0xF6:
    case 0xF8:
    case 0xD2:
    case 0xD3:
    case 0xD4:
    case 0xD5:
    case 0xD6:
    case 0xD8:
      return "o";
    case 0xF9:
    case 0xFA:
    case 0xFB:
    case 0xFC:
    case 0xD9:
    case 0xDA:
    case 0xDB:
    case 0xDC:
      return "u";
    case 0xFD:
    case 0xFF:
    case 0xDD:
      return "y";
    case 0xDF:
      return "ss";
    default:
      return "";
  }
}

}  // namespace

std::string fold_text(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size();) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
      ++i;
      continue;
    }
    // Decode one UTF-8 sequence; invalid bytes are copied through untouched
    // (inputs are validated at the boundaries, this only has to be safe).
    std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (len == 1 || i + len > in.size()) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (in[i + k] & 0x3F);
    const auto folded = fold_code_point(cp);
    if (folded.empty())
      out.append(in.substr(i, len));
    else
      out.append(folded);
    i += len;
  }
  return out;
}

}  // namespace symptomdb
