#pragma once

#include <complex>
#include <cstdint>
#include <vector>

#include "qmol/qubit/pauli_string.h"
#include "qmol/qubit/qubit_operator.h"
#include "qmol/sim/statevector.h"

namespace qmol {

// A QubitOperator regrouped for a statevector: terms with the same X mask map basis state i to the
// same j = i ^ x, so each group costs one pass over the amplitudes whatever its number of terms.
// Never builds a matrix. Qubits must be < 64.
class PauliGroups {
 public:
  struct Group {
    std::uint64_t x = 0;
    std::vector<std::uint64_t> z;               // one per term
    std::vector<std::complex<double>> weights;  // coefficient * i^{n_Y}, one per term
  };

  explicit PauliGroups(const QubitOperator& op);

  const std::vector<Group>& groups() const { return groups_; }
  int max_qubit() const { return max_qubit_; }  // highest qubit acted on, -1 for none

  // <psi|O|psi> (complex: O need not be Hermitian).
  std::complex<double> expectation(const Statevector& psi) const;
  // out = O in (out is resized to match in).
  void apply(const Statevector& in, Statevector& out) const;

 private:
  std::vector<Group> groups_;
  int max_qubit_ = -1;
};

// Re <psi|O|psi>: the energy for a Hermitian O.
double expectation_value(const QubitOperator& op, const Statevector& psi);
// out = O in.
void apply(const QubitOperator& op, const Statevector& in, Statevector& out);
// <bra|P|ket> without forming P|ket>.
std::complex<double> pauli_matrix_element(const PauliString& p, const Statevector& bra,
                                          const Statevector& ket);

}  // namespace qmol
