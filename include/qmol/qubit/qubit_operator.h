#pragma once

#include <complex>
#include <utility>
#include <vector>

#include "qmol/qubit/pauli_string.h"

namespace qmol {

// A sum of Pauli strings with complex coefficients. After simplify() the terms are combined,
// sorted in PauliString order, and free of coefficients below the threshold, so equal operators
// have equal term lists.
class QubitOperator {
 public:
  using Term = std::pair<PauliString, std::complex<double>>;

  QubitOperator() = default;
  explicit QubitOperator(int n_qubits) : n_qubits_(n_qubits) {}

  int n_qubits() const { return n_qubits_; }
  void set_n_qubits(int n) { n_qubits_ = n; }
  const std::vector<Term>& terms() const { return terms_; }
  std::size_t size() const { return terms_.size(); }

  void add(const PauliString& p, std::complex<double> c) { terms_.emplace_back(p, c); }
  void simplify(double threshold = 1e-12);
  QubitOperator& operator+=(const QubitOperator& other);
  QubitOperator& operator*=(std::complex<double> s);
  QubitOperator operator*(const QubitOperator& other) const;  // simplified product
  QubitOperator adjoint() const;
  bool is_hermitian(double tolerance = 1e-12) const;
  double one_norm() const;  // sum |c| over non-identity terms
  std::complex<double> identity_coefficient() const;

 private:
  int n_qubits_ = 0;
  std::vector<Term> terms_;
};

}  // namespace qmol
