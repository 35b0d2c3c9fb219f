#pragma once
// Where this build's source tree is and where it installs its data. Defined in a file CMake
// generates (build_info.cpp), so that the absolute paths are compiled into one small object and
// every other object is the same in every clone (ccache reuses them across checkouts).

namespace qmol {

// The source tree's root: its basis/ and ansatz/ let a build run without being installed.
const char* source_tree_dir();

// <install prefix>/share/qmol as configured (CMAKE_INSTALL_PREFIX, not a later --prefix).
const char* configured_data_dir();

// share/qmol relative to the installed executable's directory ("../share/qmol" for bin/).
const char* installed_data_dir_from_bin();

}  // namespace qmol
