#pragma once
// A request to stop a long computation from outside it (the Python module's Ctrl-C): the SCF,
// eigensolver and optimizer loops call throw_if_interrupted() once per iteration.

#include "qmol/core/errors.h"

namespace qmol {

// Thrown by throw_if_interrupted() after request_interrupt().
class Interrupted : public Error {
 public:
  using Error::Error;
};

void request_interrupt();  // from any thread
void clear_interrupt();
// Throws Interrupted when an interrupt was requested since the last clear_interrupt().
void throw_if_interrupted();

}  // namespace qmol
