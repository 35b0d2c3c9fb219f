#include "qmol/qubit/qubit_operator.h"

#include <algorithm>
#include <sstream>
#include <unordered_map>

#include "qmol/qubit/operator_io.h"

namespace qmol {

namespace {

constexpr std::complex<double> kIPowers[4] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};

}  // namespace

void QubitOperator::simplify(double threshold) {
  std::sort(terms_.begin(), terms_.end(),
            [](const Term& a, const Term& b) { return a.first < b.first; });
  std::size_t out = 0;
  for (std::size_t i = 0; i < terms_.size();) {
    Term combined = terms_[i];
    std::size_t j = i + 1;
    for (; j < terms_.size() && terms_[j].first == combined.first; ++j)
      combined.second += terms_[j].second;
    i = j;
    if (std::abs(combined.second) < threshold) continue;
    n_qubits_ = std::max(n_qubits_, combined.first.span());
    terms_[out++] = combined;
  }
  terms_.resize(out);
}

QubitOperator& QubitOperator::operator+=(const QubitOperator& other) {
  n_qubits_ = std::max(n_qubits_, other.n_qubits_);
  terms_.insert(terms_.end(), other.terms_.begin(), other.terms_.end());
  simplify();
  return *this;
}

QubitOperator& QubitOperator::operator*=(std::complex<double> s) {
  for (auto& [p, c] : terms_) c *= s;
  return *this;
}

QubitOperator QubitOperator::operator*(const QubitOperator& other) const {
  std::unordered_map<PauliString, std::complex<double>, PauliStringHash> sum;
  sum.reserve(terms_.size() * other.terms_.size());
  PauliString product;
  for (const auto& [p1, c1] : terms_) {
    for (const auto& [p2, c2] : other.terms_) {
      const int phase = p1.multiply(p2, product);
      sum[product] += kIPowers[phase] * c1 * c2;
    }
  }
  QubitOperator result(std::max(n_qubits_, other.n_qubits_));
  result.terms_.assign(sum.begin(), sum.end());
  result.simplify();
  return result;
}

QubitOperator QubitOperator::adjoint() const {
  // Pauli strings are Hermitian, so only the coefficients change.
  QubitOperator result = *this;
  for (auto& [p, c] : result.terms_) c = std::conj(c);
  return result;
}

bool QubitOperator::is_hermitian(double tolerance) const {
  QubitOperator combined = *this;
  combined.simplify(0.0);
  return std::all_of(combined.terms_.begin(), combined.terms_.end(),
                     [&](const Term& t) { return std::abs(t.second.imag()) <= tolerance; });
}

double QubitOperator::one_norm() const {
  double norm = 0.0;
  for (const auto& [p, c] : terms_)
    if (!p.is_identity()) norm += std::abs(c);
  return norm;
}

std::complex<double> QubitOperator::identity_coefficient() const {
  std::complex<double> c = 0.0;
  for (const auto& t : terms_)
    if (t.first.is_identity()) c += t.second;
  return c;
}

std::complex<double> QubitOperator::coefficient(const PauliString& p) const {
  const auto it = std::lower_bound(terms_.begin(), terms_.end(), p,
                                   [](const Term& t, const PauliString& q) { return t.first < q; });
  return it != terms_.end() && it->first == p ? it->second : std::complex<double>{};
}

void QubitOperator::chop_imaginary(double threshold) {
  for (auto& [p, c] : terms_)
    if (std::abs(c.imag()) < threshold) c = c.real();
}

std::string QubitOperator::str() const {
  std::ostringstream out;
  write_openfermion(out, *this);
  return out.str();
}

QubitOperator operator+(QubitOperator a, const QubitOperator& b) {
  return a += b;
}

QubitOperator operator*(std::complex<double> s, QubitOperator op) {
  return op *= s;
}

QubitOperator commutator(const QubitOperator& a, const QubitOperator& b) {
  QubitOperator ba = b * a;
  ba *= -1.0;
  return a * b + ba;
}

}  // namespace qmol
