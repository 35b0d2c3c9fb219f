#include "qmol/ansatz/lower_to_circuit.h"

#include <fmt/format.h>

#include <cmath>
#include <string>

#include "qmol/core/errors.h"
#include "qmol/qubit/reference_state.h"
#include "qmol/qubit/two_qubit_reduction.h"

namespace qmol {

namespace {

constexpr double kCoefficientTolerance = 1e-12;

std::string label(const FermionicAnsatz& ansatz, const AnsatzTerm& term) {
  const auto p = static_cast<std::size_t>(term.parameter);
  return p < ansatz.parameter_labels.size() ? ansatz.parameter_labels[p]
                                            : "parameter " + std::to_string(term.parameter);
}

}  // namespace

FermionOperator excitation_generator(const Excitation& excitation) {
  if (excitation.from.size() != excitation.to.size() || excitation.from.empty())
    throw InputError(fmt::format(
        "an excitation needs as many (>= 1) annihilated as created spin orbitals, not {} and {}",
        excitation.from.size(), excitation.to.size()));
  FermionOperator::Product product;
  for (int mode : excitation.to) product.push_back({mode, true});
  for (auto it = excitation.from.rbegin(); it != excitation.from.rend(); ++it) {
    product.push_back({*it, false});
  }
  FermionOperator g;
  g.add(product, 1.0);
  return g - g.adjoint();
}

Circuit lower_to_circuit(const FermionicAnsatz& ansatz, Mapping mapping, bool two_qubit_reduction) {
  const int n = ansatz.n_spin_orbitals;
  // Checks the mapping/reduction pair and gives the initial state in one go.
  const std::vector<bool> reference =
      hartree_fock_state(mapping, n, ansatz.reference, two_qubit_reduction);
  int n_alpha = 0, n_beta = 0;
  for (int mode : ansatz.reference) (mode % 2 == 0 ? n_alpha : n_beta)++;

  Circuit circuit(static_cast<int>(reference.size()), ansatz.n_parameters);
  std::vector<int> ones;
  for (std::size_t k = 0; k < reference.size(); ++k) {
    if (reference[k]) ones.push_back(static_cast<int>(k));
  }
  circuit.set_initial_state(ones);

  for (const AnsatzTerm& term : ansatz.terms) {
    const FermionOperator generator = excitation_generator(term.excitation);
    QubitOperator image =
        two_qubit_reduction
            ? parity_two_qubit_reduction(parity_block_ordered(generator, n), n_alpha, n_beta)
            : map_fermion_operator(generator, mapping, n);
    image.simplify(kCoefficientTolerance);
    const auto& strings = image.terms();
    for (std::size_t j = 0; j < strings.size(); ++j) {
      const auto& [p, c] = strings[j];
      if (std::abs(c.real()) > kCoefficientTolerance) {
        throw NumericalError("lower_to_circuit: the mapped generator of " + label(ansatz, term) +
                             " has a Hermitian part (coefficient " + std::to_string(c.real()) +
                             " on " + p.str() + ")");
      }
      for (std::size_t k = 0; k < j; ++k) {
        if (!p.commutes_with(strings[k].first)) {
          throw NumericalError("lower_to_circuit: the mapped generator of " + label(ansatz, term) +
                               " has non-commuting strings " + p.str() + " and " +
                               strings[k].first.str());
        }
      }
      // exp(i theta (coef c_j) P) = exp(-i (-2 coef c_j theta) P / 2).
      circuit.pauli_rotation(p, Angle::of(term.parameter, -2.0 * term.coefficient * c.imag()));
    }
  }
  return circuit;
}

}  // namespace qmol
