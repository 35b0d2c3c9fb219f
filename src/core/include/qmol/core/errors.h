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

}  // namespace qmol
