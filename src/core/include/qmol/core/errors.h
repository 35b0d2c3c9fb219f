#pragma once

#include <stdexcept>
#include <string>

namespace qmol {

// Where a problem was found: a file, and optionally the line and the field (job-file key).
struct Location {
  std::string file;
  int line = 0;
  std::string field;

  // "file:line" or "file" or "" — the prefix of the CLI's one-line error message.
  std::string str() const;
};

// Base of every qmol error; what() is the message without the location.
class Error : public std::runtime_error {
 public:
  Error(const std::string& message, Location where = {})
      : std::runtime_error(message), where_(std::move(where)) {}
  const Location& where() const { return where_; }
  // "FILE:LINE: message" (or just the message when nothing is known of the place).
  std::string describe() const;

 private:
  Location where_;
};

// Bad input from the user: files, job keys, geometry, basis, active space. CLI exit code 2.
class InputError : public Error {
 public:
  using Error::Error;
};

// A computation that did not converge (SCF, eigensolver, VQE). CLI exit code 1.
class ConvergenceError : public Error {
 public:
  using Error::Error;
};

// A numerical failure (NaN, singular overlap, lost orthogonality). CLI exit code 1.
class NumericalError : public Error {
 public:
  using Error::Error;
};

// Reading or writing result files failed. CLI exit code 1.
class IoError : public Error {
 public:
  using Error::Error;
};

// A job whose memory estimate exceeds the limit. Refused before any work: bad input, exit 2.
class ResourceError : public InputError {
 public:
  using InputError::InputError;
};

// A broken internal invariant (a bug in qmol, not in the input), thrown by QMOL_ASSERT with the
// file and line of the assertion. CLI exit code 1. Not a std::logic_error, so that code catching
// a library's logic_error (LBFGSpp) never swallows one.
class InternalError : public Error {
 public:
  using Error::Error;
};

namespace detail {
// Throws InternalError("internal error: MESSAGE (CONDITION is false)") at FILE:LINE, FILE shortened
// to start at its last "src/" or "tests/" (the path inside the repository).
[[noreturn]] void assertion_failed(const char* file, int line, const char* condition,
                                   const std::string& message);
}  // namespace detail

}  // namespace qmol

// Checks an internal invariant in every build type (Release too: the checks guard indices and
// sizes, whose cost is small next to the work they guard). MESSAGE is evaluated only on failure.
#define QMOL_ASSERT(condition, message)                                            \
  do {                                                                             \
    if (!(condition)) [[unlikely]]                                                 \
      ::qmol::detail::assertion_failed(__FILE__, __LINE__, #condition, (message)); \
  } while (false)
