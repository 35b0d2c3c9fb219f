#include "qmol/hamiltonian/fcidump.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "qmol/core/errors.h"
#include "support/random_hamiltonian.h"
#include "support/temporary_directory.h"

BOOST_AUTO_TEST_SUITE(fcidump)

namespace {

using qmol::MolecularHamiltonian;

using qmol::testing::random_hamiltonian;

// Expects an InputError whose location names the file and the given line.
void expect_error(const std::string& text, int line, const std::string& fragment) {
  std::istringstream in(text);
  try {
    qmol::read_fcidump(in, "bad.fcidump");
    BOOST_FAIL("no error for: " << text);
  } catch (const qmol::InputError& e) {
    BOOST_TEST(e.where().file == "bad.fcidump");
    BOOST_TEST(e.where().line == line, "line " << e.where().line << ": " << e.what());
    BOOST_TEST(std::string(e.what()).find(fragment) != std::string::npos, e.what());
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(round_trip_is_exact) {
  const MolecularHamiltonian ham = random_hamiltonian(5, 3, 2, 17);
  const qmol::testing::TemporaryDirectory dir("qmol-fcidump");
  const std::string path = dir.file("round_trip.fcidump");
  qmol::write_fcidump(path, ham);
  const qmol::FcidumpData data = qmol::read_fcidump(path);
  std::filesystem::remove(path);
  BOOST_TEST(data.norb == 5);
  BOOST_TEST(data.nelec == 5);
  BOOST_TEST(data.ms2 == 1);
  BOOST_TEST(data.orbsym == std::vector<int>(5, 1));
  const MolecularHamiltonian& back = data.hamiltonian;
  BOOST_TEST(back.n_alpha() == 3);
  BOOST_TEST(back.n_beta() == 2);
  BOOST_TEST(back.core_energy() == ham.core_energy());
  BOOST_TEST((back.one_body() - ham.one_body()).cwiseAbs().maxCoeff() == 0.0);
  BOOST_TEST(back.two_body_data() == ham.two_body_data());  // 17 digits: bit-exact
}

BOOST_AUTO_TEST_CASE(reads_other_writers_spacing_case_and_d_exponents) {
  const std::string text =
      "  $fci norb =  2 ,\n"
      "   NELEC=2, ms2=0,\n"
      " ORBSYM= 1,\n"
      "   1,\n"
      "  isym=1 UHF=.FALSE.\n"
      " /\n"
      "  0.5D+00   1 1 1 1\n"
      "\n"
      "  1.0d-01 2 1 1 1\n"
      "  2.5E-1   2 1 2 1\n"
      "  4.0D-1  2 2 1 1\n"
      "  6.0D-01 2 2 2 2\n"
      " -1.25D0   1 1 0 0\n"
      "  3.0D-02 2 1 0 0\n"
      " -0.75    2 2 0 0\n"
      "  -0.3  1 0 0 0\n"
      "  0.7   0 0 0 0\n";
  std::istringstream in(text);
  const qmol::FcidumpData data = qmol::read_fcidump(in, "odd.fcidump");
  const MolecularHamiltonian& h = data.hamiltonian;
  BOOST_TEST(data.norb == 2);
  BOOST_TEST(data.orbsym == std::vector<int>({1, 1}));
  BOOST_TEST(h.n_alpha() == 1);
  BOOST_TEST(h.n_beta() == 1);
  BOOST_TEST(h.core_energy() == 0.7);
  BOOST_TEST(h.one_body(0, 1) == 0.03);
  BOOST_TEST(h.one_body(1, 0) == 0.03);
  BOOST_TEST(h.one_body(1, 1) == -0.75);
  // All 8 permutations of (21|11) and (21|21), and (22|11) = (11|22).
  for (auto [p, q, r, s] : {std::array{1, 0, 0, 0}, std::array{0, 1, 0, 0}, std::array{0, 0, 1, 0},
                            std::array{0, 0, 0, 1}})
    BOOST_TEST(h.two_body(p, q, r, s) == 0.1);
  for (auto [p, q, r, s] : {std::array{1, 0, 1, 0}, std::array{0, 1, 1, 0}, std::array{1, 0, 0, 1},
                            std::array{0, 1, 0, 1}})
    BOOST_TEST(h.two_body(p, q, r, s) == 0.25);
  BOOST_TEST(h.two_body(0, 0, 1, 1) == 0.4);
  BOOST_TEST(h.two_body(1, 1, 0, 0) == 0.4);
  BOOST_TEST(h.two_body(1, 1, 1, 1) == 0.6);
}

BOOST_AUTO_TEST_CASE(header_on_one_line_with_ampersand_end) {
  std::istringstream in("&FCI NORB=1,NELEC=1,MS2=1,ORBSYM=1,ISYM=1,&END\n -2.0 1 1 0 0\n");
  const qmol::FcidumpData data = qmol::read_fcidump(in, "one.fcidump");
  BOOST_TEST(data.hamiltonian.n_alpha() == 1);
  BOOST_TEST(data.hamiltonian.n_beta() == 0);
  BOOST_TEST(data.hamiltonian.one_body(0, 0) == -2.0);
}

BOOST_AUTO_TEST_CASE(malformed_files_name_file_and_line) {
  expect_error("&FCI NELEC=2,\n&END\n", 1, "NORB");
  expect_error("&FCI NORB=2,\n NELEC=2,\n&END\n 0.5 1 1 3 1\n", 4, "out of range");
  expect_error("&FCI NORB=2,NELEC=2,&END\n 0.5 1 1 1 1\n abc 1 1 1 1\n", 3, "not a number");
  expect_error("&FCI NORB=2,NELEC=2,&END\n 0.5 1 1 1\n", 2, "expected 'value i j k l'");
  expect_error("&FCI NORB=2,NELEC=2,\n UHF=1,\n&END\n", 2, "UHF");
  expect_error("&FCI NORB=2,NELEC=2,MS2=1,&END\n", 1, "MS2");
  expect_error("&FCI NORB=2,NELEC=2\n 0.5 1 1 1 1\n", 2, "not closed");
  expect_error("0.5 1 1 1 1\n", 1, "&FCI");
  expect_error("&FCI NORB=x,NELEC=2,&END\n", 1, "NORB");
  try {
    qmol::read_fcidump("/nonexistent/FCIDUMP");
    BOOST_FAIL("no error for a missing file");
  } catch (const qmol::InputError& e) {
    BOOST_TEST(e.where().file == "/nonexistent/FCIDUMP");
  }
}

BOOST_AUTO_TEST_SUITE_END()
