#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "support/temporary_directory.h"

BOOST_AUTO_TEST_SUITE(xyz_reader)

namespace fs = std::filesystem;
using namespace qmol;

namespace {

using TempDir = qmol::testing::TemporaryDirectory;

// The InputError `f` throws, as the CLI prints it ("" when it throws nothing).
template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.describe();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

constexpr double kBohrPerAngstrom = 1.0 / 0.52917721067;  // CODATA 2014

}  // namespace

BOOST_AUTO_TEST_CASE(byte_order_mark_is_skipped) {
  TempDir dir;
  const auto p = dir.write("bom.xyz",
                           "\xEF\xBB\xBF"
                           "2\nH2\nH 0 0 0\nH 0 0 0.74\n");
  const Molecule m = read_xyz(p);
  BOOST_REQUIRE_EQUAL(m.atoms.size(), 2u);
  BOOST_CHECK_CLOSE(m.atoms[1].position.z(), 0.74 * kBohrPerAngstrom, 1e-10);
  BOOST_CHECK_EQUAL(m.name, "bom");
}

BOOST_AUTO_TEST_CASE(lines_beyond_the_count_are_an_error) {
  TempDir dir;
  const auto p = dir.write("three.xyz", "2\n\nH 0 0 0\nH 0 0 0.74\nH 0 0 1.5\n\n");
  const std::string e = error_of([&] { read_xyz(p); });
  BOOST_CHECK_MESSAGE(contains(e, p + ":5: declares 2 atoms, has 3"), e);
  BOOST_CHECK_MESSAGE(contains(e, "line 1"), e);
  // Also when reading frames: an extra atom is not a frame.
  BOOST_CHECK(contains(error_of([&] { read_xyz_frames(p); }), ":5: declares 2 atoms, has 3"));
  const auto four = dir.write("four.xyz", "1\n\nH 0 0 0\nH 0 0 1\n\nH 0 0 2\nH 0 0 3\n");
  BOOST_CHECK(contains(error_of([&] { read_xyz(four); }), ":4: declares 1 atom, has 4"));
}

BOOST_AUTO_TEST_CASE(trailing_blank_lines_are_fine) {
  TempDir dir;
  const auto p = dir.write("blank.xyz", "\n2\ncomment\nH 0 0 0\nH 0 0 0.74\n\n   \n\r\n");
  BOOST_CHECK_EQUAL(read_xyz(p).atoms.size(), 2u);
  const auto crlf = dir.write("crlf.xyz", "2\r\nH2\r\nH 0 0 0\r\nH 0 0 0.74\r\n");
  BOOST_CHECK_EQUAL(read_xyz(crlf).atoms.size(), 2u);
}

BOOST_AUTO_TEST_CASE(several_frames_only_for_frames) {
  TempDir dir;
  const auto p =
      dir.write("scan.xyz", "2\nfirst\nH 0 0 0\nH 0 0 0.7\n\n2\nsecond\nH 0 0 0\nH 0 0 0.9\n");
  const auto frames = read_xyz_frames(p);
  BOOST_REQUIRE_EQUAL(frames.size(), 2u);
  BOOST_CHECK_CLOSE(frames[1].atoms[1].position.z(), 0.9 * kBohrPerAngstrom, 1e-10);
  const std::string e = error_of([&] { read_xyz_frame(p); });
  BOOST_CHECK_MESSAGE(contains(e, p + ":6: a second molecule starts here"), e);
  BOOST_CHECK_MESSAGE(contains(e, "qmol scan"), e);
}

BOOST_AUTO_TEST_CASE(comment_line_charge_and_multiplicity) {
  TempDir dir;
  // OH+: 8 + 1 - 1 = 8 electrons, a triplet as the comment says.
  const auto p = dir.write("oh.xyz",
                           "2\nhydroxyl cation Charge=1 multiplicity=3 (triplet)\n"
                           "O 0 0 0\nH 0 0 0.97\n");
  const XyzFrame f = read_xyz_frame(p);
  BOOST_CHECK(f.charge == 1);
  BOOST_CHECK(f.multiplicity == 3);
  BOOST_CHECK_EQUAL(f.comment_line, 2);
  BOOST_CHECK_EQUAL(f.count_line, 1);
  BOOST_CHECK_EQUAL(f.molecule.charge, 1);
  BOOST_CHECK_EQUAL(f.molecule.multiplicity, 3);
  BOOST_CHECK_EQUAL(f.molecule.n_electrons(), 8);

  const auto bad = dir.write("bad.xyz", "1\ncharge=one\nH 0 0 0\n");
  BOOST_CHECK(contains(error_of([&] { read_xyz(bad); }), ":2: charge: 'one' is not an integer"));
  const auto empty = dir.write("empty.xyz", "1\nmultiplicity=\nH 0 0 0\n");
  BOOST_CHECK(contains(error_of([&] { read_xyz(empty); }), ":2: multiplicity: '' is not"));
}

BOOST_AUTO_TEST_CASE(multiplicity_defaults_by_electron_count) {
  TempDir dir;
  // OH: 9 electrons and no multiplicity given: a doublet; H2O: 10, a singlet.
  const XyzFrame oh = read_xyz_frame(dir.write("oh.xyz", "2\n\nO 0 0 0\nH 0 0 0.97\n"));
  BOOST_CHECK(!oh.multiplicity);
  BOOST_CHECK(!oh.charge);
  BOOST_CHECK_EQUAL(oh.molecule.multiplicity, 2);
  const Molecule water =
      read_xyz(dir.write("w.xyz", "3\n\nO 0 0 0\nH 0 0.757 0.587\nH 0 -0.757 0.587\n"));
  BOOST_CHECK_EQUAL(water.multiplicity, 1);
  BOOST_CHECK_EQUAL(default_multiplicity(1), 2);
  BOOST_CHECK_EQUAL(default_multiplicity(14), 1);
  BOOST_CHECK_EQUAL(default_multiplicity(-1), 2);
}

BOOST_AUTO_TEST_CASE(impossible_spin_is_placed_where_it_was_set) {
  TempDir dir;
  // H2 has 2 electrons: a doublet is impossible, and so is a quintet.
  const auto p = dir.write("h2.xyz", "2\nmultiplicity=2\nH 0 0 0\nH 0 0 0.74\n");
  const XyzFrame f = read_xyz_frame(p);
  const std::string e = error_of([&] {
    f.molecule.validate(Location{p, f.comment_line, "multiplicity"});
  });
  BOOST_CHECK_MESSAGE(contains(e, p + ":2: multiplicity 2 is impossible with 2 electrons"), e);
  Molecule quintet = f.molecule;
  quintet.multiplicity = 5;
  BOOST_CHECK(contains(error_of([&] { quintet.validate(p); }), "at most 3"));
}

BOOST_AUTO_TEST_CASE(missing_file_and_directory) {
  TempDir dir;
  BOOST_CHECK(contains(error_of([&] { read_xyz((dir.path() / "no.xyz").string()); }),
                       "no.xyz: no such file"));
  BOOST_CHECK(contains(error_of([&] { read_xyz(dir.path().string()); }), "is a directory"));
}

BOOST_AUTO_TEST_SUITE_END()
