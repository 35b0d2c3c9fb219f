#pragma once
// Where the tests and benchmarks find their input files. Defined in a file CMake generates
// (tests/support/test_paths.cpp.in), so that the clone's absolute path is compiled into one small
// object and every test object is the same in every clone (ccache reuses them).

#include <string>

namespace qmol::testing {

std::string molecules_dir();  // the repository's molecules/
std::string test_data_dir();  // tests/data/

}  // namespace qmol::testing
