#include "qmol/chem/chemical_structure.h"

#include <boost/test/unit_test.hpp>
#include <cstring>

#include "qmol/core/errors.h"
#include "support/temporary_directory.h"

BOOST_AUTO_TEST_SUITE(chemical_structure)

using namespace qmol;

namespace {

using TempDir = qmol::testing::TemporaryDirectory;
constexpr double kBohrPerAngstrom = 1.0 / 0.52917721067;  // CODATA 2014, as qmol/core/units.h

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

ChemicalStructure from_smiles(const std::string& smiles, StructureOptions o = {}) {
  return interpret_structure(smiles_record(smiles, {"job.toml", 3, "smiles"}), o);
}

int count(const Molecule& m, int z) {
  int n = 0;
  for (const Atom& a : m.atoms) n += a.atomic_number == z;
  return n;
}

// Water with hydrogens, 3D, as an SD record with two data fields (coordinates in Angstrom).
const char* kWaterRecord =
    "water\n"
    "  hand-written\n"
    "\n"
    "  3  2  0  0  0  0  0  0  0  0999 V2000\n"
    "    0.0000    0.0000    0.1173 O   0  0  0  0  0  0  0  0  0  0  0  0\n"
    "    0.0000    0.7572   -0.4692 H   0  0  0  0  0  0  0  0  0  0  0  0\n"
    "    0.0000   -0.7572   -0.4692 H   0  0  0  0  0  0  0  0  0  0  0  0\n"
    "  1  2  1  0\n"
    "  1  3  1  0\n"
    "M  END\n"
    "> <ID>\n"
    "W-1\n"
    "\n"
    "> <source>\n"
    "by hand\n"
    "\n"
    "$$$$\n";

}  // namespace

BOOST_AUTO_TEST_CASE(smiles_gives_hydrogens_charge_and_canonical_smiles) {
  const ChemicalStructure s = from_smiles("OCC");
  BOOST_TEST(s.embedded);
  BOOST_TEST(s.force_field == "MMFF94");
  BOOST_TEST(s.molecule.atoms.size() == 9u);  // C2H6O with its hydrogens
  BOOST_TEST(count(s.molecule, 1) == 6);
  BOOST_TEST(s.molecule.charge == 0);
  BOOST_TEST(s.molecule.multiplicity == 1);
  BOOST_TEST(s.molecule.smiles == "CCO");  // canonical, whatever the input's order
  // An embedded C-O bond is a C-O bond (1.43 Angstrom within 0.05).
  const auto& a = s.molecule.atoms;
  double shortest_co = 1e9;
  for (const Atom& x : a)
    for (const Atom& y : a)
      if (x.atomic_number == 6 && y.atomic_number == 8)
        shortest_co = std::min(shortest_co, (x.position - y.position).norm() / kBohrPerAngstrom);
  BOOST_TEST(std::abs(shortest_co - 1.43) < 0.05);
}

BOOST_AUTO_TEST_CASE(embedding_is_reproducible_bit_for_bit) {
  const Molecule a = from_smiles("CC(=O)Oc1ccccc1C(=O)O").molecule;
  const Molecule b = from_smiles("CC(=O)Oc1ccccc1C(=O)O").molecule;
  BOOST_REQUIRE(a.atoms.size() == b.atoms.size());
  bool same = true;
  for (std::size_t i = 0; i < a.atoms.size(); ++i)
    same = same && std::memcmp(a.atoms[i].position.data(), b.atoms[i].position.data(),
                               3 * sizeof(double)) == 0;
  BOOST_TEST(same);
  StructureOptions other;
  other.seed = 7;
  const Molecule c = from_smiles("CC(=O)Oc1ccccc1C(=O)O", other).molecule;
  double moved = 0;
  for (std::size_t i = 0; i < a.atoms.size(); ++i)
    moved = std::max(moved, (a.atoms[i].position - c.atoms[i].position).norm());
  BOOST_TEST(moved > 1e-3);  // another seed, another embedding
}

BOOST_AUTO_TEST_CASE(more_conformers_never_keep_a_higher_energy) {
  StructureOptions one, five;
  five.conformers = 5;
  const ChemicalStructure a = from_smiles("CCCCCO", one), b = from_smiles("CCCCCO", five);
  BOOST_TEST(b.force_field_energy <= a.force_field_energy + 1e-9);
}

BOOST_AUTO_TEST_CASE(charges_and_radicals_come_from_the_structure) {
  const Molecule ammonium = from_smiles("[NH4+]").molecule;
  BOOST_TEST(ammonium.charge == 1);
  BOOST_TEST(ammonium.atoms.size() == 5u);
  BOOST_TEST(from_smiles("CC(=O)[O-]").molecule.charge == -1);
  BOOST_TEST(from_smiles("[CH3]").molecule.multiplicity == 2);
  BOOST_TEST(from_smiles("[O][O]").molecule.multiplicity == 3);  // triplet dioxygen
  BOOST_TEST(from_smiles("C[N+](C)(C)C.[Cl-]").molecule.charge == 0);
}

BOOST_AUTO_TEST_CASE(bad_smiles_say_rdkits_reason_at_the_key) {
  const std::string syntax = error_of([] { from_smiles("C1CC(("); });
  BOOST_TEST(contains(syntax, "job.toml:3: RDKit cannot read SMILES \"C1CC((\""), syntax);
  BOOST_TEST(contains(syntax, "SMILES Parse Error"), syntax);
  const std::string valence = error_of([] { from_smiles("C(C)(C)(C)(C)C"); });
  BOOST_TEST(contains(valence, "job.toml:3:"), valence);
  BOOST_TEST(contains(valence, "valence"), valence);
  BOOST_TEST(contains(error_of([] { from_smiles("*C"); }), "dummy"));
}

BOOST_AUTO_TEST_CASE(sd_records_keep_coordinates_titles_and_fields) {
  TempDir dir;
  const std::string path = dir.write("two.sdf", std::string(kWaterRecord) + kWaterRecord);
  const auto records = read_structure_records(path);
  BOOST_REQUIRE(records.size() == 2u);
  BOOST_TEST(records[0].title == "water");
  BOOST_TEST(records[0].where.line == 1);
  BOOST_TEST(records[1].where.line == 18);
  BOOST_TEST(records[0].fields.at("ID") == "W-1");
  BOOST_TEST(records[0].fields.at("source") == "by hand");
  const ChemicalStructure s = interpret_structure(records[1], {});
  BOOST_TEST(!s.embedded);
  BOOST_REQUIRE(s.molecule.atoms.size() == 3u);
  BOOST_TEST(s.molecule.atoms[1].atomic_number == 1);
  BOOST_TEST(std::abs(s.molecule.atoms[1].position.y() - 0.7572 * kBohrPerAngstrom) < 1e-12);
  BOOST_TEST(std::abs(s.molecule.atoms[0].position.z() - 0.1173 * kBohrPerAngstrom) < 1e-12);
  BOOST_TEST(s.molecule.smiles == "O");
}

BOOST_AUTO_TEST_CASE(a_broken_record_fails_alone) {
  TempDir dir;
  const std::string broken =
      "broken\n\n\n"
      "  3  2  0  0  0  0  0  0  0  0999 V2000\n"
      "    0.0000    0.0000    0.1173 O   0  0  0  0  0  0  0  0  0  0  0  0\n"
      "    0.0000    0.7572\n"
      "$$$$\n";
  const std::string path =
      dir.write("three.sdf", std::string(kWaterRecord) + broken + kWaterRecord);
  const auto records = read_structure_records(path);
  BOOST_REQUIRE(records.size() == 3u);
  BOOST_TEST(records[1].title == "broken");
  const std::string e = error_of([&] { interpret_structure(records[1], {}); });
  BOOST_TEST(contains(e, path + ":18: RDKit cannot read the SD record \"broken\""), e);
  BOOST_TEST(interpret_structure(records[2], {}).molecule.atoms.size() == 3u);
}

BOOST_AUTO_TEST_CASE(v3000_mol2_and_pdb) {
  TempDir dir;
  const std::string v3000 =
      "methanol\n  hand-written\n\n"
      "  0  0  0     0  0            999 V3000\n"
      "M  V30 BEGIN CTAB\n"
      "M  V30 COUNTS 2 1 0 0 0\n"
      "M  V30 BEGIN ATOM\n"
      "M  V30 1 C 0 0 0 0\n"
      "M  V30 2 O 1.4 0 0 0\n"
      "M  V30 END ATOM\n"
      "M  V30 BEGIN BOND\n"
      "M  V30 1 1 1 2\n"
      "M  V30 END BOND\n"
      "M  V30 END CTAB\n"
      "M  END\n";
  // 2D (all z = 0): embedded, hydrogens added.
  const ChemicalStructure m =
      interpret_structure(read_structure_records(dir.write("m.mol", v3000))[0], {});
  BOOST_TEST(m.embedded);
  BOOST_TEST(m.molecule.atoms.size() == 6u);
  BOOST_TEST(m.molecule.smiles == "CO");

  const std::string mol2 =
      "@<TRIPOS>MOLECULE\nwater\n 3 2 0 0 0\nSMALL\nNO_CHARGES\n\n"
      "@<TRIPOS>ATOM\n"
      "      1 O1          0.0000    0.0000    0.1173 O.3     1  HOH1        0.0000\n"
      "      2 H1          0.0000    0.7572   -0.4692 H       1  HOH1        0.0000\n"
      "      3 H2          0.0000   -0.7572   -0.4692 H       1  HOH1        0.0000\n"
      "@<TRIPOS>BOND\n     1     1     2    1\n     2     1     3    1\n";
  const auto records = read_structure_records(dir.write("w.mol2", mol2));
  BOOST_TEST(records[0].title == "water");
  const ChemicalStructure w = interpret_structure(records[0], {});
  BOOST_TEST(!w.embedded);
  BOOST_TEST(w.molecule.atoms.size() == 3u);
  BOOST_TEST(std::abs(w.molecule.atoms[2].position.y() + 0.7572 * kBohrPerAngstrom) < 1e-12);

  // Ethanol's heavy atoms only: hydrogens are missing until add_hydrogens places them.
  const std::string pdb =
      "HETATM    1  C1  EOH A   1       0.000   0.000   0.000  1.00  0.00           C\n"
      "HETATM    2  C2  EOH A   1       1.520   0.000   0.000  1.00  0.00           C\n"
      "HETATM    3  O   EOH A   1       2.020   1.350   0.000  1.00  0.00           O\n"
      "END\n";
  const auto p = read_structure_records(dir.write("e.pdb", pdb));
  BOOST_TEST(contains(error_of([&] { interpret_structure(p[0], {}); }), "add_hydrogens = true"));
  StructureOptions add;
  add.add_hydrogens = true;
  const ChemicalStructure e = interpret_structure(p[0], add);
  BOOST_TEST(e.molecule.atoms.size() == 9u);
  BOOST_TEST(std::abs(e.molecule.atoms[1].position.x() - 1.52 * kBohrPerAngstrom) < 1e-12);
}

BOOST_AUTO_TEST_CASE(smiles_files_have_names_comments_and_headers) {
  TempDir dir;
  const std::string path =
      dir.write("list.smi", "SMILES Name\n# a comment\nCCO ethanol\n\nc1ccccc1\tbenzene ring\nC\n");
  const auto r = read_structure_records(path);
  BOOST_REQUIRE(r.size() == 3u);
  BOOST_TEST(r[0].text == "CCO");
  BOOST_TEST(r[0].title == "ethanol");
  BOOST_TEST(r[0].where.line == 3);
  BOOST_TEST(r[1].title == "benzene ring");
  BOOST_TEST(r[2].title == "");
  BOOST_TEST(contains(error_of([&] { read_structure_records(dir.write("e.smi", "\n# none\n")); }),
                      "holds no molecule"));
  BOOST_TEST(
      contains(error_of([&] { read_structure_records(dir.file("missing.sdf")); }), "no such file"));
}

BOOST_AUTO_TEST_SUITE_END()
