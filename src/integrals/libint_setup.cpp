#include "libint_setup.h"

#include <libint2.hpp>

namespace qmol::detail {

void ensure_libint_initialized() {
  // A function-local static is initialized exactly once, even with concurrent callers.
  static const bool initialized = [] {
    libint2::initialize();
    return true;
  }();
  (void)initialized;
}

}  // namespace qmol::detail
