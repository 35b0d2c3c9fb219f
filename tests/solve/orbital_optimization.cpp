// Orbital optimization: the orbital gradient against finite differences of the energy of fixed
// densities, and CASSCF (exact active-space solver) against Psi4's CASSCF energies
// (tests/data/psi4_casscf.json, made by tests/data/psi4_casscf.py).
#include "qmol/active_space/orbital_optimization.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "qmol/chem/xyz.h"
#include "qmol/scf/scf.h"
#include "qmol/sim/reduced_density.h"
#include "qmol/solve/exact_diagonalization.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(orbital_optimization)

using namespace qmol;

namespace {

struct Case {
  Molecule molecule;
  AoIntegrals integrals;
  ScfResult scf;
  OrbitalSpaces spaces;
};

Case prepare(const std::string& xyz, const std::string& basis, int multiplicity, int frozen,
             int inactive, int active) {
  Case c;
  c.molecule = read_xyz(testing::molecules_dir() + "/" + xyz);
  c.molecule.multiplicity = multiplicity;
  c.integrals = compute_ao_integrals(c.molecule, load_basis(basis, c.molecule));
  ScfOptions options;
  options.reference = multiplicity == 1 ? Reference::rhf : Reference::rohf;
  options.energy_tolerance = 1e-12;
  options.density_tolerance = 1e-10;
  c.scf = run_scf(c.molecule, c.integrals, options);
  c.spaces.coefficients = c.scf.coefficients_alpha;
  c.spaces.n_frozen = frozen;
  c.spaces.n_inactive = inactive;
  c.spaces.n_active = active;
  c.spaces.n_alpha = c.scf.n_alpha - frozen - inactive;
  c.spaces.n_beta = c.scf.n_beta - frozen - inactive;
  return c;
}

// The exact ground state of the active space, as the solver of orbital optimization.
ActiveSolution exact_solution(const MolecularHamiltonian& h) {
  ExactOptions options;
  options.want_ground_state = true;
  const ExactResult exact = exact_ground_state(h, options);
  const DeterminantSpace space(h.n_orbitals(), h.n_alpha(), h.n_beta());
  ReducedDensities d = reduced_densities(space, exact.ground_state.data());
  return {exact.energy, std::move(d.one), std::move(d.two)};
}

}  // namespace

// dE/dkappa of fixed densities by central differences: every kind of pair (inactive-active,
// inactive-virtual, active-virtual), a frozen core orbital that must not rotate, open and closed
// shells.
BOOST_AUTO_TEST_CASE(gradient_matches_finite_differences) {
  for (const auto& [xyz, basis, multiplicity, frozen, inactive, active] :
       {std::tuple{"h2o.xyz", "sto-3g", 1, 1, 1, 4}, std::tuple{"ch2.xyz", "6-31g", 3, 0, 1, 5}}) {
    BOOST_TEST_CONTEXT(xyz) {
      const Case c = prepare(xyz, basis, multiplicity, frozen, inactive, active);
      const ActiveOrbitalIntegrals mo = active_orbital_integrals(c.integrals, c.spaces);
      const ActiveSolution state = exact_solution(mo.hamiltonian);
      const ReducedDensities densities{state.one_rdm, state.two_rdm};
      BOOST_TEST(std::abs(densities.energy(mo.hamiltonian) - state.energy) < 1e-10);
      const OrbitalGradient g = orbital_gradient(c.integrals, c.spaces, mo, state);
      BOOST_TEST(g.gradient.size() == c.spaces.n_rotations());
      BOOST_TEST(g.gradient.cwiseAbs().maxCoeff() > 1e-3);  // not stationary: a real test
      const double step = 1e-4;
      for (Eigen::Index k = 0; k < g.gradient.size(); ++k) {
        const auto energy = [&](double x) {
          Eigen::VectorXd kappa = Eigen::VectorXd::Zero(g.gradient.size());
          kappa[k] = x;
          OrbitalSpaces rotated = c.spaces;
          rotated.coefficients = rotate_orbitals(c.spaces, kappa);
          return densities.energy(active_orbital_integrals(c.integrals, rotated).hamiltonian);
        };
        const double numeric = (energy(step) - energy(-step)) / (2 * step);
        BOOST_TEST(std::abs(numeric - g.gradient[k]) < 1e-7,
                   "rotation " << k << ": " << g.gradient[k] << " vs " << numeric);
      }
    }
  }
}

// Psi4's two-step CASSCF (frozen_docc kept, restricted_docc optimized), from the same SCF
// orbitals: to 1e-8 Eh.
BOOST_AUTO_TEST_CASE(casscf_matches_psi4) {
  std::ifstream in(testing::test_data_dir() + "/psi4_casscf.json");
  const nlohmann::json references = nlohmann::json::parse(in);
  for (const auto& [name, ref] : references.items()) {
    BOOST_TEST_CONTEXT(name) {
      const std::string xyz =
          ref.at("xyz").get<std::string>().substr(std::string("molecules/").size());
      const Case c = prepare(xyz, ref.at("basis"), ref.at("multiplicity"), ref.at("frozen_docc"),
                             ref.at("restricted_docc"), ref.at("active"));
      BOOST_TEST(std::abs(c.scf.energy - ref.at("scf_energy").get<double>()) < 1e-8);
      OrbitalOptimizationOptions options;
      options.solver = OrbitalSolver::exact;
      options.gradient_tolerance = 1e-7;
      const OrbitalOptimizationResult r =
          optimize_orbitals(c.integrals, c.spaces, options, exact_solution);
      BOOST_TEST(r.converged);
      BOOST_TEST(std::abs(r.energy - ref.at("energy").get<double>()) < 1e-8,
                 r.energy << " vs Psi4 " << ref.at("energy").get<double>() << " after "
                          << r.iterations << " iterations");
      // The final orbitals stay orthonormal.
      const Eigen::MatrixXd& co = r.spaces.coefficients;
      BOOST_TEST((co.transpose() * c.integrals.overlap * co -
                  Eigen::MatrixXd::Identity(co.cols(), co.cols()))
                     .cwiseAbs()
                     .maxCoeff() < 1e-10);
      BOOST_TEST_MESSAGE(name << ": " << r.iterations << " iterations, E - Psi4 = "
                              << r.energy - ref.at("energy").get<double>());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
