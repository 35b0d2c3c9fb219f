#include "qmol/solve/vqe.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../support/test_paths.h"
#include "qmol/active_space/active_space.h"
#include "qmol/ansatz/initial_parameters.h"
#include "qmol/ansatz/kupccgsd.h"
#include "qmol/ansatz/uccsd.h"
#include "qmol/chem/xyz.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/integrals/basis_set.h"
#include "qmol/scf/scf.h"
#include "qmol/sim/determinant_engine.h"
#include "qmol/solve/exact_diagonalization.h"

BOOST_AUTO_TEST_SUITE(vqe)

using namespace qmol;

namespace {

double psi4_energy(const std::string& key) {
  std::ifstream in(qmol::testing::test_data_dir() + "/psi4_references.json");
  return nlohmann::json::parse(in).at(key).at("energy").get<double>();
}

struct System {
  ScfResult scf;
  MolecularHamiltonian hamiltonian;
};

System prepare(const std::string& xyz, const std::string& basis, int multiplicity = 1) {
  Molecule molecule = read_xyz(qmol::testing::molecules_dir() + "/" + xyz);
  molecule.multiplicity = multiplicity;
  const AoIntegrals ao = compute_ao_integrals(molecule, load_basis(basis, molecule));
  ScfResult scf = run_scf(molecule, ao);
  MolecularHamiltonian h = build_active_space(ao, scf, molecule);
  return {std::move(scf), std::move(h)};
}

OptimizerOptions lbfgs() {
  OptimizerOptions o;
  o.max_iterations = 500;
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(h2_uccsd_is_fci) {
  for (auto [basis, key] :
       {std::pair{"sto-3g", "h2-sto3g-fci"}, std::pair{"6-31g", "h2-631g-fci"}}) {
    System s = prepare("h2.xyz", basis);
    const double fci = psi4_energy(key);
    const MolecularHamiltonian& h = s.hamiltonian;
    for (const FermionicAnsatz& ansatz :
         {uccsd(h.n_orbitals(), 1, 1), singlet_uccsd(h.n_orbitals(), 1, 1)}) {
      DeterminantEngine engine(h, ansatz);
      BOOST_TEST(std::abs(engine.energy(zero_parameters(ansatz)) - s.scf.energy) < 1e-8);
      const VqeResult r = run_vqe(engine, mp2_parameters(ansatz, h), lbfgs());
      BOOST_TEST_INFO(basis << " " << ansatz.kind << ": " << r.energy << " vs " << fci);
      BOOST_TEST(r.converged);
      BOOST_TEST(std::abs(r.energy - fci) < 1e-8);
      BOOST_TEST(r.history.size() == static_cast<std::size_t>(r.iterations + 1));
      BOOST_TEST(r.seconds >= 0.0);
    }
  }
}

BOOST_AUTO_TEST_CASE(uccsd_within_chemical_accuracy_of_fci) {
  struct Case {
    const char* xyz;
    const char* key;
    int multiplicity;
  };
  for (Case c : {Case{"lih.xyz", "lih-sto3g-fci", 1}, Case{"h2o.xyz", "h2o-sto3g-fci", 1},
                 Case{"h4-chain.xyz", "h4-sto3g-fci", 1}, Case{"ch2.xyz", "ch2-sto3g-fci", 3}}) {
    System s = prepare(c.xyz, "sto-3g", c.multiplicity);
    const MolecularHamiltonian& h = s.hamiltonian;
    const double fci = psi4_energy(c.key);
    BOOST_TEST(std::abs(exact_ground_state(h).energy - fci) < 1e-7);
    const FermionicAnsatz ansatz = uccsd(h.n_orbitals(), h.n_alpha(), h.n_beta());
    DeterminantEngine engine(h, ansatz);
    BOOST_TEST(std::abs(engine.energy(zero_parameters(ansatz)) - s.scf.energy) < 1e-8);
    const VqeResult r = run_vqe(engine, mp2_parameters(ansatz, h), lbfgs());
    BOOST_TEST_INFO(c.key << ": VQE " << r.energy << " FCI " << fci << " in " << r.iterations
                          << " iterations, " << r.message);
    BOOST_TEST(r.converged);
    BOOST_TEST(r.energy > fci - 1e-9);  // variational
    BOOST_TEST(r.energy - fci < 1.6e-3);
  }
}

BOOST_AUTO_TEST_CASE(mp2_start_lowers_the_energy_and_matches_gradient_signs) {
  System s = prepare("h2o.xyz", "sto-3g");
  const MolecularHamiltonian& h = s.hamiltonian;
  const FermionicAnsatz ansatz = uccsd(h.n_orbitals(), h.n_alpha(), h.n_beta());
  DeterminantEngine engine(h, ansatz);
  const std::vector<double> mp2 = mp2_parameters(ansatz, h);
  BOOST_TEST(engine.energy(mp2) < s.scf.energy - 1e-3);
  // dE/dtheta at 0 is 2 <ij||ab>, the MP2 numerator: the signs must be opposite (negative
  // denominators).
  std::vector<double> g0;
  engine.energy_and_gradient(zero_parameters(ansatz), g0);
  int checked = 0;
  for (std::size_t k = 0; k < mp2.size(); ++k)
    if (std::abs(g0[k]) > 1e-6) {
      BOOST_TEST(mp2[k] * g0[k] < 0.0);
      ++checked;
    }
  BOOST_TEST(checked > 10);
}

BOOST_AUTO_TEST_CASE(kupccgsd_and_other_optimizers_on_h2) {
  System s = prepare("h2.xyz", "sto-3g");
  const MolecularHamiltonian& h = s.hamiltonian;
  const double fci = psi4_energy("h2-sto3g-fci");
  const FermionicAnsatz k1 = kupccgsd(2, 1, 1, 1);
  DeterminantEngine engine(h, k1);
  const VqeResult r = run_vqe(engine, random_parameters(k1, 3), lbfgs());
  BOOST_TEST(std::abs(r.energy - fci) < 1e-8);
  const FermionicAnsatz u = uccsd(2, 1, 1);
  DeterminantEngine ue(h, u);
  for (const char* method : {"cobyla", "bobyqa", "nelder-mead", "adam"}) {
    OptimizerOptions o;
    o.method = from_string<OptimizerMethod>(method);
    o.max_iterations = 2000;
    const VqeResult ru = run_vqe(ue, zero_parameters(u), o);
    BOOST_TEST_INFO(method << ": " << ru.energy - fci);
    BOOST_TEST(std::abs(ru.energy - fci) < 1e-5);
  }
}

BOOST_AUTO_TEST_SUITE_END()
