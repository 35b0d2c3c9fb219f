#include "qmol/qubit/tapering.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <numbers>

#include "qmol/core/bits.h"
#include "qmol/core/errors.h"
#include "qmol/qubit/majorana.h"
#include "qmol/qubit/two_qubit_reduction.h"

namespace qmol {

namespace {

using Mask = std::array<std::uint64_t, kMaxQubits / 64>;

bool test_bit(const Mask& m, int q) {
  return qmol::test_bit(m[q / 64], q % 64);
}
void flip_bit(Mask& m, int q) {
  m[q / 64] ^= bit(q % 64);
}
void xor_into(Mask& a, const Mask& b) {
  for (std::size_t w = 0; w < a.size(); ++w) a[w] ^= b[w];
}
bool odd_overlap(const Mask& a, const Mask& b) {
  int n = 0;
  for (std::size_t w = 0; w < a.size(); ++w) n += std::popcount(a[w] & b[w]);
  return n & 1;
}

}  // namespace

std::vector<PauliString> z2_symmetries(const QubitOperator& op) {
  const int n = op.n_qubits();
  // Row-reduce the X masks of the terms: a Z-type string Z_v commutes with a term iff
  // |x & v| is even, so the symmetries are the null space of the reduced rows.
  std::vector<Mask> rows;
  std::vector<int> pivots;
  for (const auto& [p, c] : op.terms()) {
    Mask x = p.x;
    for (std::size_t r = 0; r < rows.size(); ++r)
      if (test_bit(x, pivots[r])) xor_into(x, rows[r]);
    int pivot = -1;
    for (int q = 0; q < n && pivot < 0; ++q)
      if (test_bit(x, q)) pivot = q;
    if (pivot < 0) continue;
    for (std::size_t r = 0; r < rows.size(); ++r)  // keep the rows fully reduced
      if (test_bit(rows[r], pivot)) xor_into(rows[r], x);
    rows.push_back(x);
    pivots.push_back(pivot);
  }
  // One null vector per free qubit f: v_f = 1 and v_pivot(r) = row_r[f].
  std::vector<Mask> kernel;
  for (int f = 0; f < n; ++f) {
    if (std::find(pivots.begin(), pivots.end(), f) != pivots.end()) continue;
    Mask v{};
    flip_bit(v, f);
    for (std::size_t r = 0; r < rows.size(); ++r)
      if (test_bit(rows[r], f)) flip_bit(v, pivots[r]);
    kernel.push_back(v);
  }
  // Reduced row-echelon form of the kernel so each generator owns a pivot qubit.
  std::vector<Mask> basis;
  std::vector<int> basis_pivots;
  for (Mask v : kernel) {
    for (std::size_t r = 0; r < basis.size(); ++r)
      if (test_bit(v, basis_pivots[r])) xor_into(v, basis[r]);
    int pivot = -1;
    for (int q = 0; q < n && pivot < 0; ++q)
      if (test_bit(v, q)) pivot = q;
    if (pivot < 0) continue;
    for (std::size_t r = 0; r < basis.size(); ++r)
      if (test_bit(basis[r], pivot)) xor_into(basis[r], v);
    basis.push_back(v);
    basis_pivots.push_back(pivot);
  }
  std::vector<PauliString> symmetries;
  for (const Mask& v : basis) {
    PauliString p;
    p.z = v;
    symmetries.push_back(p);
  }
  return symmetries;
}

TaperedOperator taper(const QubitOperator& op, const std::vector<bool>& reference) {
  const int n = op.n_qubits();
  if (static_cast<int>(reference.size()) != n)
    throw InputError(fmt::format("the reference state has {} qubits but the operator has {}",
                                 reference.size(), n));
  TaperedOperator result;
  result.n_qubits = n;
  result.symmetries = z2_symmetries(op);
  Mask b{};
  for (int q = 0; q < n; ++q)
    if (reference[q]) flip_bit(b, q);
  for (const PauliString& tau : result.symmetries) {
    // Pivot: the lowest qubit of tau, which the other generators (reduced form) do not touch.
    int q = 0;
    while (!test_bit(tau.z, q)) ++q;
    result.removed_qubits.push_back(q);
    result.eigenvalues.push_back(odd_overlap(tau.z, b) ? -1 : 1);
  }
  std::vector<int> removed = result.removed_qubits;
  std::sort(removed.begin(), removed.end());
  for (int q = 0; q < n; ++q)
    if (!std::binary_search(removed.begin(), removed.end(), q))
      result.reference.push_back(reference[q]);
  result.op = apply_tapering(result, op);
  return result;
}

bool keeps_sector(const TaperedOperator& tapering, const PauliString& p) {
  for (const PauliString& tau : tapering.symmetries)
    if (odd_overlap(tau.z, p.x)) return false;
  return true;
}

QubitOperator apply_tapering(const TaperedOperator& tapering, const QubitOperator& op) {
  const int n = tapering.n_qubits;
  if (op.n_qubits() > n)
    throw InputError(
        fmt::format("tapering: the operator has {} qubits, the tapered register was "
                    "made from {}",
                    op.n_qubits(), n));
  QubitOperator rotated = op;
  rotated.set_n_qubits(n);
  for (std::size_t i = 0; i < tapering.symmetries.size(); ++i) {
    QubitOperator u(n);
    u.add(PauliString::single(tapering.removed_qubits[i], 'X'), 1.0 / std::numbers::sqrt2);
    u.add(tapering.symmetries[i], 1.0 / std::numbers::sqrt2);
    rotated = u * rotated * u;
  }
  std::vector<int> removed = tapering.removed_qubits;
  std::sort(removed.begin(), removed.end());
  const int remaining = n - static_cast<int>(removed.size());
  QubitOperator tapered(remaining);
  for (const auto& [p, c] : rotated.terms()) {
    std::complex<double> coefficient = c;
    for (std::size_t i = 0; i < tapering.removed_qubits.size(); ++i) {
      const char pauli = p.at(tapering.removed_qubits[i]);
      if (pauli == 'Y' || pauli == 'Z')
        throw NumericalError(
            fmt::format("tapering: term [{}] acts with {} on qubit {} after the Clifford "
                        "rotation: the operator does not commute with the symmetries",
                        p.str(), pauli, tapering.removed_qubits[i]));
      if (pauli == 'X') coefficient *= tapering.eigenvalues[i];
    }
    tapered.add(remove_qubits(p, removed), coefficient);
  }
  tapered.simplify(kMappingThreshold);
  tapered.chop_imaginary(kMappingThreshold);
  tapered.set_n_qubits(remaining);
  return tapered;
}

}  // namespace qmol
