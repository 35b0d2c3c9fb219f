#pragma once

namespace qmol::detail {

// libint2 needs one global initialization (Boys function tables) before any Shell or Engine is
// used. Safe to call from any thread, any number of times.
void ensure_libint_initialized();

}  // namespace qmol::detail
