#include "qmol/qubit/spin_operators.h"

#include <fmt/format.h>

#include "qmol/core/errors.h"
#include "qmol/qubit/two_qubit_reduction.h"

namespace qmol {

namespace {

void check_qubits(int n_orbitals) {
  if (n_orbitals < 1 || 2 * n_orbitals > kMaxQubits)
    throw InputError(fmt::format("{} spatial orbitals need {} qubits; 2 to {} are possible",
                                 n_orbitals, 2 * n_orbitals, kMaxQubits));
}

// The observables are Hermitian with real coefficients: drop the round-off imaginary parts.
QubitOperator real_part(QubitOperator op, int n_qubits) {
  op.chop_imaginary(kMappingThreshold);
  op.simplify(kMappingThreshold);
  op.set_n_qubits(n_qubits);
  return op;
}

}  // namespace

QubitOperator qubit_spin_observable(SpinObservable observable, int n_orbitals, Mapping mapping) {
  check_qubits(n_orbitals);
  const int n = 2 * n_orbitals;
  return real_part(map_fermion_operator(spin_observable(observable, n_orbitals), mapping, n), n);
}

QubitOperator qubit_spin_observable_reduced(SpinObservable observable, int n_orbitals, int n_alpha,
                                            int n_beta) {
  check_qubits(n_orbitals);
  if (n_alpha < 0 || n_beta < 0 || n_alpha > n_orbitals || n_beta > n_orbitals)
    throw InputError(fmt::format("{} alpha and {} beta electrons do not fit in {} orbitals",
                                 n_alpha, n_beta, n_orbitals));
  const int n = 2 * n_orbitals;
  const QubitOperator block =
      real_part(parity_block_ordered(spin_observable(observable, n_orbitals), n), n);
  return parity_two_qubit_reduction(block, n_alpha, n_beta);
}

QubitOperator qubit_spin_observable(SpinObservable observable, const MolecularHamiltonian& h,
                                    Mapping mapping, bool two_qubit_reduction) {
  if (!two_qubit_reduction) return qubit_spin_observable(observable, h.n_orbitals(), mapping);
  if (mapping != Mapping::parity)
    throw InputError(
        fmt::format("the two-qubit reduction needs the parity mapping, not {}", to_string(mapping)),
        Location{"", 0, "hamiltonian.two_qubit_reduction"});
  return qubit_spin_observable_reduced(observable, h.n_orbitals(), h.n_alpha(), h.n_beta());
}

}  // namespace qmol
