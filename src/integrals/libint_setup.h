#pragma once

namespace qmol::detail {

// libint2 needs one global initialization before any Shell or Engine is used; this also sizes the
// process-wide Boys-function table for every engine libint2 can build, so engines never grow it
// (growing it races with threads reading it). Safe to call from any thread, any number of times.
void ensure_libint_initialized();

}  // namespace qmol::detail
