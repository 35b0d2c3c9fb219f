#pragma once
// Measurement groups: the terms of a Hamiltonian that one circuit setting measures together. A
// group's basis change maps all its Pauli strings to Z strings at once, so one run of shots gives
// every term of the group from the same bitstrings.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "qmol/ansatz/circuit.h"
#include "qmol/core/enum_names.h"
#include "qmol/qubit/pauli_string.h"
#include "qmol/qubit/qubit_operator.h"

namespace qmol {

enum class GroupingMethod {
  qwc,        // qubit-wise commuting: one single-qubit basis per qubit (h, sdg + h)
  commuting,  // fully commuting: a Clifford circuit (h, s, cnot, cz) per group
};
template <>
struct EnumNames<GroupingMethod> {
  static constexpr std::string_view noun = "measurement grouping";
  static constexpr std::array<std::pair<GroupingMethod, std::string_view>, 2> names = {
      {{GroupingMethod::qwc, "qwc"}, {GroupingMethod::commuting, "commuting"}}};
};

// General commuting groups keep each measured term as a Z mask in one 64-bit word.
inline constexpr int kMaxCommutingGroupingQubits = 64;

// On every qubit where both act, a and b act with the same letter.
bool qubitwise_commute(const PauliString& a, const PauliString& b);

// One term as read after its group's basis change: coefficient * (-1)^popcount(bits & z_mask),
// the Pauli string's sign under the Clifford folded into coefficient.
struct MeasuredTerm {
  std::uint64_t z_mask = 0;
  double coefficient = 0.0;
};

struct MeasurementGroup {
  std::vector<std::size_t> terms;      // indices into the operator's terms(), identity excluded
  std::vector<MeasuredTerm> measured;  // one per entry of terms, same order
  // Clifford gates on n_qubits, no parameters, empty initial state: applied to a state, every
  // term P of the group becomes U P U^dagger = sign * Z(z_mask).
  Circuit basis_change;
};

struct MeasurementGrouping {
  GroupingMethod method = GroupingMethod::qwc;
  int n_qubits = 0;
  double constant = 0.0;  // the identity coefficient (real part)
  std::vector<MeasurementGroup> groups;
};

// Sorted insertion (Crawford et al., Quantum 5, 385 (2021)): the non-identity terms by |c|
// descending (ties in the operator's term order), each into the first existing group all of whose
// members it commutes with (qubit-wise for qwc, fully for commuting), else into a new group. Then
// iterated greedy regrouping (Culberson, 1992): the same first-fit insertion, group by group,
// alternately largest group first and in reverse group order, which never needs more groups; at
// most 60 passes and 3e8 member comparisons, so the result does not depend on the machine.
// NumericalError when a coefficient has |imag| > 1e-10 (the operator is not Hermitian);
// InputError (field "estimator.grouping") above 64 qubits, for either method.
MeasurementGrouping group_measurements(const QubitOperator& op, GroupingMethod method);

}  // namespace qmol
