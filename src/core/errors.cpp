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

namespace detail {

void assertion_failed(const char* file, int line, const char* condition,
                      const std::string& message) {
  // __FILE__ is the path the compiler was given (absolute, or relative under ccache's base_dir);
  // the part inside the repository is what a bug report needs.
  const std::string path = file;
  std::size_t start = std::string::npos;
  for (const char* root : {"src/", "tests/", "bench/", "examples/"}) {
    const std::size_t at = path.rfind(root);
    if (at != std::string::npos && (at == 0 || path[at - 1] == '/') &&
        (start == std::string::npos || at > start))
      start = at;
  }
  throw InternalError("internal error: " + message + " (" + condition + " is false)",
                      Location{start == std::string::npos ? path : path.substr(start), line, ""});
}

}  // namespace detail

}  // namespace qmol
