#pragma once
// Where this build's source tree is. Defined in a file CMake generates (build_info.cpp), so that
// the absolute path is compiled into one small object and every other object is the same in
// every clone (ccache reuses them across checkouts).

namespace qmol {

// The source tree's basis/ and ansatz/ directories: the last place searched for basis sets and
// ansatz templates, so that a build runs from its build tree without being installed.
const char* source_basis_dir();
const char* source_ansatz_dir();

}  // namespace qmol
