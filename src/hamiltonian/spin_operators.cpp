#include "qmol/hamiltonian/spin_operators.h"

#include <fmt/format.h>

#include "qmol/core/errors.h"

namespace qmol {

namespace {

void check_orbitals(int n_orbitals) {
  if (n_orbitals < 0)
    throw InputError(fmt::format("a number of orbitals must be non-negative, not {}", n_orbitals));
}

// a+_i a_j
FermionOperator::Product hop(int i, int j) {
  return {{i, true}, {j, false}};
}

}  // namespace

std::string to_string(SpinObservable observable) {
  switch (observable) {
    case SpinObservable::number:
      return "N";
    case SpinObservable::spin_z:
      return "Sz";
    case SpinObservable::spin_squared:
      return "S^2";
  }
  return "unknown";
}

FermionOperator spin_raising_operator(int n_orbitals) {
  check_orbitals(n_orbitals);
  FermionOperator op;
  for (int p = 0; p < n_orbitals; ++p) op.add(hop(2 * p, 2 * p + 1), 1.0);
  op.simplify();
  return op;
}

FermionOperator spin_lowering_operator(int n_orbitals) {
  check_orbitals(n_orbitals);
  FermionOperator op;
  for (int p = 0; p < n_orbitals; ++p) op.add(hop(2 * p + 1, 2 * p), 1.0);
  op.simplify();
  return op;
}

FermionOperator spin_observable(SpinObservable observable, int n_orbitals) {
  check_orbitals(n_orbitals);
  FermionOperator number, sz;
  for (int p = 0; p < n_orbitals; ++p) {
    number.add(hop(2 * p, 2 * p), 1.0);
    number.add(hop(2 * p + 1, 2 * p + 1), 1.0);
    sz.add(hop(2 * p, 2 * p), 0.5);
    sz.add(hop(2 * p + 1, 2 * p + 1), -0.5);
  }
  switch (observable) {
    case SpinObservable::number:
      return number.normal_ordered();
    case SpinObservable::spin_z:
      return sz.normal_ordered();
    case SpinObservable::spin_squared: {
      FermionOperator s2 = spin_lowering_operator(n_orbitals) * spin_raising_operator(n_orbitals);
      s2 += sz * sz;
      s2 += sz;
      return s2.normal_ordered();
    }
  }
  throw InputError("unknown spin observable");
}

}  // namespace qmol
