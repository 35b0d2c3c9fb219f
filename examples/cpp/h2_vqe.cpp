// The ground-state energy of H2 with VQE, through qmol's C++ library: molecule -> STO-3G basis ->
// integrals -> RHF -> active space -> UCCSD on the determinant engine -> L-BFGS, compared with
// the exact (full CI) energy. Build: examples/cpp/CMakeLists.txt; README "Using qmol from C++".
#include <cstdio>

#include "qmol/active_space/active_space.h"
#include "qmol/chem/molecule.h"
#include "qmol/core/errors.h"
#include "qmol/core/units.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/integrals/basis_set.h"
#include "qmol/scf/scf.h"
#include "qmol/solve/exact_diagonalization.h"
#include "qmol/solve/vqe.h"
#include "qmol/solve/vqe_problem.h"

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

    // UCCSD from the Hartree-Fock determinant, started from the MP2 amplitudes; engine "auto"
    // picks the N, Sz-conserving determinant engine; L-BFGS on exact (adjoint) gradients.
    qmol::VqeSpec spec;
    spec.ansatz.kind = qmol::AnsatzKind::uccsd;
    spec.ansatz.initial = qmol::ParameterStart::mp2;
    qmol::VqeProblem problem = qmol::build_vqe_problem(h, spec);

    const qmol::ExactResult fci = qmol::exact_ground_state(h);
    qmol::VqeRunOptions run;
    run.optimizer.method = qmol::OptimizerMethod::lbfgs;
    run.exact = &fci;  // for the error against the exact state of the same spin
    const qmol::VqeReport report = qmol::solve_vqe(problem, run);
    const qmol::VqeResult& vqe = report.result;

    std::printf("Hartree-Fock energy  %.12f Eh\n", scf.energy);
    std::printf("VQE (UCCSD) energy   %.12f Eh  (%d iterations%s)\n", vqe.energy, vqe.iterations,
                vqe.converged ? "" : ", NOT converged");
    std::printf("exact (FCI) energy   %.12f Eh\n", fci.energy);
    std::printf("VQE - FCI            %.3e Eh  (<S^2> = %.6f)\n", *report.error, report.s_squared);
    return vqe.converged ? 0 : 1;
  } catch (const qmol::InputError& e) {  // e.g. no sto-3g.g94 on the basis search path
    std::fprintf(stderr, "error: %s\n", e.describe().c_str());
    return 2;
  } catch (const qmol::Error& e) {  // a computation that failed (convergence, numerics)
    std::fprintf(stderr, "error: %s\n", e.describe().c_str());
    return 1;
  }
}
