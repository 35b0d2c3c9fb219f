#include "libint_setup.h"

#include <libint2.hpp>

namespace qmol::detail {

namespace {

// Engines ask the process-wide Boys-function table for order braket_rank * max_l + deriv_order;
// when it is too small, the first engine to notice replaces it while other threads may be reading
// it (libint2's instance() reads the shared pointer outside its lock). Sizing it once here, for
// the largest Coulomb engine libint2 can build (4 l_max, plus two orders for derivative engines),
// means no later engine ever writes it.
constexpr int kMaxBoysOrder = 4 * LIBINT2_MAX_AM_eri + 2;

}  // namespace

void ensure_libint_initialized() {
  // A function-local static is initialized exactly once, even with concurrent callers.
  static const bool initialized = [] {
    libint2::initialize();
    libint2::FmEval_Chebyshev7<double>::instance(kMaxBoysOrder);
    return true;
  }();
  (void)initialized;
}

}  // namespace qmol::detail
