#pragma once

#include <complex>
#include <string>
#include <utility>
#include <vector>

#include "qmol/qubit/pauli_string.h"

namespace qmol {

// A sum of Pauli strings with complex coefficients. After simplify() the terms are combined,
// sorted in PauliString order, and free of coefficients below the threshold, so equal operators
// have equal term lists. n_qubits() is the register size; simplify() and += grow it to cover
// every term.
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
  void reserve(std::size_t n_terms) { terms_.reserve(n_terms); }
  void simplify(double threshold = 1e-12);
  QubitOperator& operator+=(const QubitOperator& other);  // simplified sum
  QubitOperator& operator*=(std::complex<double> s);
  QubitOperator operator*(const QubitOperator& other) const;  // simplified product
  QubitOperator adjoint() const;
  bool is_hermitian(double tolerance = 1e-12) const;
  double one_norm() const;  // sum |c| over non-identity terms
  std::complex<double> identity_coefficient() const;
  // Coefficient of one Pauli string (0 if absent); expects a simplified operator.
  std::complex<double> coefficient(const PauliString& p) const;
  // Drops imaginary parts below the threshold (after combining, a Hermitian operator is real).
  void chop_imaginary(double threshold = 1e-12);
  // Multi-line "coefficient [X0 Y1]" text, the write_openfermion format.
  std::string str() const;

 private:
  int n_qubits_ = 0;
  std::vector<Term> terms_;
};

QubitOperator operator+(QubitOperator a, const QubitOperator& b);
QubitOperator operator*(std::complex<double> s, QubitOperator op);

// [a, b] = ab - ba, simplified.
QubitOperator commutator(const QubitOperator& a, const QubitOperator& b);

}  // namespace qmol
