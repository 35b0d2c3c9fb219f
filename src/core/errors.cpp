#include "qmol/core/errors.h"

namespace qmol {

std::string Location::str() const {
  if (file.empty()) return "";
  return line > 0 ? file + ":" + std::to_string(line) : file;
}

std::string Error::describe() const {
  const std::string place = where_.str();
  return place.empty() ? std::string(what()) : place + ": " + what();
}

}  // namespace qmol
