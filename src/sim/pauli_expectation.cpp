#include "qmol/sim/pauli_expectation.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <map>
#include <string>

#include "qmol/core/bits.h"
#include "qmol/core/errors.h"

namespace qmol {

namespace {

using Amplitude = std::complex<double>;
using Index = std::int64_t;

inline Amplitude i_power(int n) {
  static const Amplitude powers[4] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
  return powers[n & 3];
}

// sum_t w_t (-1)^{popcount(i & z_t)}: the group's phase factor on basis state i.
inline Amplitude group_factor(const PauliGroups::Group& g, std::uint64_t i) {
  double re = 0.0, im = 0.0;
  for (std::size_t t = 0; t < g.z.size(); ++t) {
    const double sign = parity_sign(i & g.z[t]);
    re += sign * g.weights[t].real();
    im += sign * g.weights[t].imag();
  }
  return {re, im};
}

}  // namespace

PauliGroups::PauliGroups(const QubitOperator& op) {
  std::map<std::uint64_t, std::size_t> index_of_x;  // ordered: reproducible group order
  for (const auto& [p, c] : op.terms()) {
    for (std::size_t w = 1; w < p.x.size(); ++w)
      if (p.x[w] != 0 || p.z[w] != 0)
        throw InputError(
            fmt::format("the statevector takes operators on up to 64 qubits; '{}' "
                        "acts on qubit {}",
                        p.str(), p.span() - 1));
    const std::uint64_t used = p.x[0] | p.z[0];
    if (used != 0) max_qubit_ = std::max(max_qubit_, highest_bit(used));
    auto [it, inserted] = index_of_x.emplace(p.x[0], 0);
    if (inserted) it->second = index_of_x.size() - 1;
  }
  std::vector<Group> by_insertion(index_of_x.size());
  for (const auto& [p, c] : op.terms()) {
    Group& g = by_insertion[index_of_x[p.x[0]]];
    g.x = p.x[0];
    g.z.push_back(p.z[0]);
    g.weights.push_back(c * i_power(std::popcount(p.x[0] & p.z[0])));
  }
  for (const auto& [x, index] : index_of_x) groups_.push_back(std::move(by_insertion[index]));
}

// <psi|P|psi> = sum_i conj(psi_{i^x}) i^{n_Y} (-1)^{popcount(i & z)} psi_i.
std::complex<double> PauliGroups::expectation(const Statevector& psi) const {
  QMOL_ASSERT(
      max_qubit_ < psi.n_qubits(),
      fmt::format("operator on qubit {}, the state has {} qubits", max_qubit_, psi.n_qubits()));
  const Index n = static_cast<Index>(psi.size());
  const Amplitude* a = psi.data();
  double re = 0.0, im = 0.0;
  for (const Group& g : groups_) {
#pragma omp parallel for if (psi.n_qubits() >= Statevector::kParallelQubits) schedule(static) \
    reduction(+ : re, im)
    for (Index i = 0; i < n; ++i) {
      const std::uint64_t bits = static_cast<std::uint64_t>(i);
      const Amplitude pair = std::conj(a[bits ^ g.x]) * a[i];
      const Amplitude f = group_factor(g, bits);
      re += pair.real() * f.real() - pair.imag() * f.imag();
      im += pair.real() * f.imag() + pair.imag() * f.real();
    }
  }
  return {re, im};
}

// (O psi)_j = sum_groups psi_{j^x} sum_t w_t (-1)^{popcount((j^x) & z_t)}.
void PauliGroups::apply(const Statevector& in, Statevector& out) const {
  QMOL_ASSERT(
      max_qubit_ < in.n_qubits(),
      fmt::format("operator on qubit {}, the state has {} qubits", max_qubit_, in.n_qubits()));
  QMOL_ASSERT(&in != &out, "PauliGroups::apply in place");
  if (out.n_qubits() != in.n_qubits()) out = Statevector(in.n_qubits());
  const Index n = static_cast<Index>(in.size());
  const Amplitude* a = in.data();
  Amplitude* b = out.data();
  const bool parallel = in.n_qubits() >= Statevector::kParallelQubits;
#pragma omp parallel for if (parallel) schedule(static)
  for (Index j = 0; j < n; ++j) b[j] = Amplitude{};
  for (const Group& g : groups_) {
#pragma omp parallel for if (parallel) schedule(static)
    for (Index j = 0; j < n; ++j) {
      const std::uint64_t i = static_cast<std::uint64_t>(j) ^ g.x;
      const Amplitude f = group_factor(g, i), ai = a[i];
      b[j] += Amplitude(f.real() * ai.real() - f.imag() * ai.imag(),
                        f.real() * ai.imag() + f.imag() * ai.real());
    }
  }
}

double expectation_value(const QubitOperator& op, const Statevector& psi) {
  return PauliGroups(op).expectation(psi).real();
}

void apply(const QubitOperator& op, const Statevector& in, Statevector& out) {
  PauliGroups(op).apply(in, out);
}

std::complex<double> pauli_matrix_element(const PauliString& p, const Statevector& bra,
                                          const Statevector& ket) {
  QMOL_ASSERT(bra.size() == ket.size(), "pauli_matrix_element: states of different sizes");
  for (std::size_t w = 1; w < p.x.size(); ++w)
    QMOL_ASSERT(p.x[w] == 0 && p.z[w] == 0, "pauli_matrix_element: Pauli string beyond qubit 63");
  const std::uint64_t x = p.x[0], z = p.z[0];
  QMOL_ASSERT(((x | z) >> ket.n_qubits()) == 0,
              "pauli_matrix_element: Pauli string beyond the state's qubits");
  const Amplitude w = i_power(std::popcount(x & z));
  const Index n = static_cast<Index>(ket.size());
  const Amplitude* l = bra.data();
  const Amplitude* r = ket.data();
  double re = 0.0, im = 0.0;
#pragma omp parallel for if (ket.n_qubits() >= Statevector::kParallelQubits) schedule(static) \
    reduction(+ : re, im)
  for (Index i = 0; i < n; ++i) {
    const std::uint64_t bits = static_cast<std::uint64_t>(i);
    const Amplitude pair = std::conj(l[bits ^ x]) * r[i];
    const double sign = parity_sign(bits & z);
    re += sign * pair.real();
    im += sign * pair.imag();
  }
  return w * Amplitude(re, im);
}

}  // namespace qmol
