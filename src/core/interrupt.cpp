#include "qmol/core/interrupt.h"

#include <atomic>

namespace qmol {

namespace {
std::atomic<bool> interrupt_requested{false};
}

void request_interrupt() {
  interrupt_requested.store(true);
}

void clear_interrupt() {
  interrupt_requested.store(false);
}

void throw_if_interrupted() {
  if (interrupt_requested.load(std::memory_order_relaxed)) [[unlikely]]
    throw Interrupted("interrupted");
}

}  // namespace qmol
