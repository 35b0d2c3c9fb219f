// Under ThreadSanitizer (scripts/test): RHF, UHF and ROHF on 2 threads (integrals, J/K builds, the
// SAD guess, Eigen's threaded products), each compared with the same run on 1 thread.

#include "qmol/scf/scf.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>

#include "qmol/chem/xyz.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(scf)

using namespace qmol;

namespace {

double energy(const Molecule& m, const std::string& basis, Reference reference, int threads) {
  const AoIntegrals ints = compute_ao_integrals(m, load_basis(basis, m), threads);
  ScfOptions options;
  options.reference = reference;
  options.threads = threads;
  return run_scf(m, ints, options).energy;  // throws when it does not converge
}

}  // namespace

BOOST_AUTO_TEST_CASE(rhf_uhf_and_rohf_on_two_threads) {
  Molecule water = read_xyz(testing::molecules_dir() + "/h2o.xyz");
  // cc-pVTZ, 58 functions: f shells, and Fock-sized products large enough (58^3 multiply-adds)
  // for Eigen to run them on its OpenMP threads too.
  const double rhf = energy(water, "cc-pvtz", Reference::rhf, 2);
  BOOST_CHECK_SMALL(rhf - energy(water, "cc-pvtz", Reference::rhf, 1), 1e-9);
  water.charge = 1;
  water.multiplicity = 2;
  const double rohf = energy(water, "6-31g", Reference::rohf, 2);
  BOOST_CHECK_SMALL(rohf - energy(water, "6-31g", Reference::rohf, 1), 1e-9);
  const double uhf = energy(water, "6-31g", Reference::uhf, 2);
  BOOST_CHECK_SMALL(uhf - energy(water, "6-31g", Reference::uhf, 1), 1e-9);
  BOOST_CHECK_LT(uhf, rohf);  // UHF relaxes ROHF's constraint
}

BOOST_AUTO_TEST_SUITE_END()
