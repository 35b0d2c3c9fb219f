#include "qmol/workflow/scan.h"

#include <Eigen/Geometry>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>

#include "qmol/core/errors.h"
#include "qmol/core/units.h"
#include "qmol/workflow/job.h"

BOOST_AUTO_TEST_SUITE(scan_test)

using namespace qmol;

namespace {

Job job_from(const std::string& text) {
  return parse_job(text, "scan-test.toml", true);
}

double distance(const Molecule& m, int a, int b) {
  return (m.atoms[a].position - m.atoms[b].position).norm() * kBohrInAngstrom;
}

double angle_degrees(const Molecule& m, int a, int b, int c) {
  const Eigen::Vector3d u = m.atoms[a].position - m.atoms[b].position;
  const Eigen::Vector3d v = m.atoms[c].position - m.atoms[b].position;
  return std::atan2(u.cross(v).norm(), u.dot(v)) * 180.0 / std::numbers::pi;
}

const char* kWater = R"([molecule]
atoms = """
O 0.0 0.0 0.1173
H 0.0 0.7572 -0.4692
H 0.0 -0.7572 -0.4692
"""
)";

}  // namespace

BOOST_AUTO_TEST_CASE(bond_scan_moves_the_second_atom_along_the_bond) {
  Job job =
      job_from(std::string(kWater) + "[scan]\nbond = [0, 1]\nfrom = 0.8\nto = 1.6\npoints = 5\n");
  const auto points = scan_geometries(job);
  BOOST_REQUIRE_EQUAL(points.size(), 5u);
  for (std::size_t p = 0; p < points.size(); ++p) {
    const double expected = 0.8 + 0.2 * p;
    BOOST_CHECK_CLOSE(points[p].coordinate, expected, 1e-12);
    BOOST_CHECK_CLOSE(distance(points[p].molecule, 0, 1), expected, 1e-9);
    // The other O-H bond and the O position stay put; the angle too (a stretch along the bond).
    BOOST_CHECK_CLOSE(distance(points[p].molecule, 0, 2), distance(*job.molecule, 0, 2), 1e-9);
    BOOST_CHECK(points[p].molecule.atoms[0].position == job.molecule->atoms[0].position);
    BOOST_CHECK_CLOSE(angle_degrees(points[p].molecule, 1, 0, 2),
                      angle_degrees(*job.molecule, 1, 0, 2), 1e-9);
  }
}

BOOST_AUTO_TEST_CASE(bond_scan_carries_the_fragment_beyond_the_bond) {
  // Methanol-like chain H-O-C(-H)(-H): stretching O-C moves the carbon and its hydrogens.
  Job job = job_from(R"([molecule]
atoms = """
H -0.9 0.9 0.0
O 0.0 0.6 0.0
C 0.0 -0.8 0.0
H 1.0 -1.2 0.0
H -0.5 -1.2 0.9
"""
multiplicity = 2
[scan]
bond = [1, 2]
from = 1.4
to = 2.0
points = 2
)");
  BOOST_CHECK((atoms_beyond(*job.molecule, 1, 2) == std::vector<int>{2, 3, 4}));
  const auto points = scan_geometries(job);
  const Molecule& m = points[1].molecule;
  BOOST_CHECK_CLOSE(distance(m, 1, 2), 2.0, 1e-9);
  BOOST_CHECK_CLOSE(distance(m, 2, 3), distance(*job.molecule, 2, 3), 1e-9);  // C-H intact
  BOOST_CHECK_CLOSE(distance(m, 2, 4), distance(*job.molecule, 2, 4), 1e-9);
  BOOST_CHECK(m.atoms[0].position == job.molecule->atoms[0].position);
}

BOOST_AUTO_TEST_CASE(angle_scan_opens_the_angle_and_keeps_bond_lengths) {
  Job job = job_from(std::string(kWater) +
                     "[scan]\nangle = [1, 0, 2]\nfrom = 90\nto = 150\npoints = 4\n");
  const auto points = scan_geometries(job);
  BOOST_REQUIRE_EQUAL(points.size(), 4u);
  for (std::size_t p = 0; p < points.size(); ++p) {
    BOOST_CHECK_CLOSE(angle_degrees(points[p].molecule, 1, 0, 2), 90.0 + 20.0 * p, 1e-8);
    BOOST_CHECK_CLOSE(distance(points[p].molecule, 0, 2), distance(*job.molecule, 0, 2), 1e-9);
    BOOST_CHECK(points[p].molecule.atoms[1].position == job.molecule->atoms[1].position);
  }
}

BOOST_AUTO_TEST_CASE(frames_and_bad_indices) {
  const auto dir = std::filesystem::temp_directory_path() / "qmol-scan-frames-test";
  std::filesystem::create_directories(dir);
  const std::string frames = (dir / "frames.xyz").string();
  std::ofstream(frames) << "2\nframe 0\nH 0 0 0\nH 0 0 0.7\n2\nframe 1\nH 0 0 0\nH 0 0 0.8\n";
  Job job =
      job_from(std::string("[molecule]\natoms = \"H 0 0 0\\nH 0 0 0.7\"\n[scan]\ngeometries = \"") +
               frames + "\"\n");
  const auto points = scan_geometries(job);
  BOOST_REQUIRE_EQUAL(points.size(), 2u);
  BOOST_CHECK_EQUAL(points[1].coordinate, 1.0);
  BOOST_CHECK_CLOSE(distance(points[1].molecule, 0, 1), 0.8, 1e-9);
  std::filesystem::remove_all(dir);

  // An atom index past the molecule is refused when the job is read, at the key.
  try {
    job_from(std::string(kWater) + "[scan]\nbond = [0, 3]\nfrom = 1\nto = 2\npoints = 2\n");
    BOOST_FAIL("bond = [0, 3] accepted for water");
  } catch (const InputError& e) {
    BOOST_CHECK_EQUAL(e.where().field, "scan.bond");
    BOOST_CHECK_GT(e.where().line, 0);
  }
}

BOOST_AUTO_TEST_CASE(warm_start_agrees_with_cold_and_takes_fewer_iterations) {
  Job job = job_from(R"([molecule]
atoms = """
H 0 0 0
H 0 0 0.735
"""
basis = "sto-3g"
[ansatz]
kind = "uccsd"
[exact]
enabled = true
[scan]
bond = [0, 1]
from = 0.5
to = 2.5
points = 9
)");
  ScanSettings warm, cold;
  cold.warm_start = false;
  const auto w = compute_scan(job, warm);
  const auto c = compute_scan(job, cold);
  int warm_iterations = 0, cold_iterations = 0;
  for (std::size_t p = 0; p < w.size(); ++p) {
    BOOST_REQUIRE(w[p].result && c[p].result);
    BOOST_CHECK_EQUAL(w[p].status, "ok");
    BOOST_CHECK_SMALL(w[p].result->vqe->result.energy - c[p].result->vqe->result.energy, 1e-6);
    BOOST_CHECK_SMALL(w[p].result->scf->energy - c[p].result->scf->energy, 1e-8);
    warm_iterations += w[p].result->vqe->result.iterations;
    cold_iterations += c[p].result->vqe->result.iterations;
  }
  BOOST_TEST_MESSAGE("VQE iterations over the scan: warm " << warm_iterations << ", cold "
                                                           << cold_iterations);
  BOOST_CHECK_LT(warm_iterations, cold_iterations);
}

BOOST_AUTO_TEST_SUITE_END()
