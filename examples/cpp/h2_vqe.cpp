// The ground-state energy of H2 with VQE, through qmol's C++ library: molecule -> STO-3G basis ->
// integrals -> RHF -> active space -> UCCSD on the determinant engine -> L-BFGS, compared with
// the exact (full CI) energy. Build: examples/cpp/CMakeLists.txt; README "Using qmol from C++".
#include <cstdio>

#include "qmol/active_space/active_space.h"
#include "qmol/ansatz/initial_parameters.h"
#include "qmol/ansatz/uccsd.h"
#include "qmol/chem/molecule.h"
#include "qmol/core/errors.h"
#include "qmol/core/units.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/integrals/basis_set.h"
#include "qmol/scf/scf.h"
#include "qmol/sim/determinant_engine.h"
#include "qmol/solve/exact_diagonalization.h"
#include "qmol/solve/vqe.h"

int main() {
  try {
    // H2 at 0.7414 Angstrom along z; qmol works in Bohr.
    qmol::Molecule h2;
    h2.name = "h2";
    h2.atoms = {{1, {0.0, 0.0, 0.0}}, {1, {0.0, 0.0, 0.7414 * qmol::kAngstromInBohr}}};
    h2.validate();

    // STO-3G from the basis/ folder (QMOL_BASIS_PATH, next to the program, <prefix>/share/qmol).
    const qmol::BasisSet basis = qmol::load_basis("sto-3g", h2);
    const qmol::AoIntegrals integrals = qmol::compute_ao_integrals(h2, basis);
    const qmol::ScfResult scf = qmol::run_scf(h2, integrals);  // RHF for a closed-shell singlet

    // Default options: every electron in every orbital (no frozen core, no CAS window).
    const qmol::MolecularHamiltonian h = qmol::build_active_space(integrals, scf, h2);

    // UCCSD from the Hartree-Fock determinant, evaluated on the N, Sz-conserving determinant
    // space, started from the MP2 amplitudes and optimized with L-BFGS on exact gradients.
    const qmol::FermionicAnsatz ansatz = qmol::uccsd(h.n_orbitals(), h.n_alpha(), h.n_beta());
    qmol::DeterminantEngine engine(h, ansatz);
    qmol::OptimizerOptions optimizer;
    optimizer.method = qmol::OptimizerMethod::lbfgs;
    const qmol::VqeResult vqe = qmol::run_vqe(engine, qmol::mp2_parameters(ansatz, h), optimizer);

    const qmol::ExactResult fci = qmol::exact_ground_state(h);

    std::printf("Hartree-Fock energy  %.12f Eh\n", scf.energy);
    std::printf("VQE (UCCSD) energy   %.12f Eh  (%d iterations%s)\n", vqe.energy, vqe.iterations,
                vqe.converged ? "" : ", NOT converged");
    std::printf("exact (FCI) energy   %.12f Eh\n", fci.energy);
    std::printf("VQE - FCI            %.3e Eh\n", vqe.energy - fci.energy);
    return vqe.converged ? 0 : 1;
  } catch (const qmol::InputError& e) {  // e.g. no sto-3g.g94 on the basis search path
    std::fprintf(stderr, "error: %s\n", e.describe().c_str());
    return 2;
  } catch (const qmol::Error& e) {  // a computation that failed (convergence, numerics)
    std::fprintf(stderr, "error: %s\n", e.describe().c_str());
    return 1;
  }
}
