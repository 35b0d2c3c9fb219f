#include "qmol/sim/density_matrix.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>

#include "qmol/core/errors.h"

namespace qmol {
namespace {

using C = std::complex<double>;
using Index = std::uint64_t;

// i with a zero bit inserted at `position` (the bits above move up by one).
Index insert_zero(Index i, int position) {
  const Index low = i & ((Index{1} << position) - 1);
  return ((i - low) << 1) | low;
}

// Loops over the base indices of vec(rho) with the given bits (ascending) cleared, in parallel
// for large states: each call of body writes only entries it alone reads.
template <int N, typename Body>
void for_each_base(int n_bits, const int (&cleared)[N], Body body) {
  const Index count = Index{1} << (n_bits - N);
  const auto base = [&](Index i) {
    for (int k = 0; k < N; ++k) i = insert_zero(i, cleared[k]);
    return i;
  };
#pragma omp parallel for schedule(static) if (n_bits >= Statevector::kParallelQubits)
  for (Index i = 0; i < count; ++i) body(base(i));
}

// The Pauli string on the column half: qubit q becomes qubit q + n.
PauliString shifted(const PauliString& p, int n) {
  PauliString out;
  for (int q = 0; q < p.span(); ++q)
    if (p.at(q) != 'I') out.set(q + n, p.at(q));
  return out;
}

}  // namespace

DensityMatrix::DensityMatrix(int n_qubits, std::uint64_t basis_state) : n_qubits_(n_qubits) {
  if (n_qubits < 0 || n_qubits > kMaxQubits)
    throw InputError(
        fmt::format("a density matrix has 0 to {} qubits, not {}", kMaxQubits, n_qubits));
  vec_ = Statevector(2 * n_qubits, basis_state | (basis_state << n_qubits));
}

DensityMatrix::DensityMatrix(const Statevector& psi) : DensityMatrix(psi.n_qubits()) {
  const Index dim = Index{1} << n_qubits_;
  for (Index c = 0; c < dim; ++c)
    for (Index r = 0; r < dim; ++r) vec_[r | (c << n_qubits_)] = psi[r] * std::conj(psi[c]);
}

double DensityMatrix::memory_bytes(int n_qubits) {
  return 16.0 * std::ldexp(1.0, 2 * n_qubits);
}

void DensityMatrix::check_qubit(int q) const {
  QMOL_ASSERT(q >= 0 && q < n_qubits_,
              fmt::format("density matrix: qubit {} of {} qubits", q, n_qubits_));
}

C DensityMatrix::element(std::uint64_t row, std::uint64_t column) const {
  return vec_[row | (column << n_qubits_)];
}

double DensityMatrix::trace() const {
  double t = 0.0;
  for (const double p : diagonal()) t += p;
  return t;
}

std::vector<double> DensityMatrix::diagonal() const {
  std::vector<double> d(std::size_t{1} << n_qubits_);
  for (Index r = 0; r < d.size(); ++r) d[r] = vec_[r | (r << n_qubits_)].real();
  return d;
}

double DensityMatrix::expectation(const QubitOperator& op) const {
  // Tr(rho P) = sum_r <r|P rho|r> = sum_r' phase(r') rho(r', r' ^ x) with
  // P|r'> = i^{n_Y} (-1)^{|r' & z|} |r' ^ x>.
  const Index dim = Index{1} << n_qubits_;
  double total = 0.0;
  for (const auto& [p, c] : op.terms()) {
    QMOL_ASSERT(p.span() <= n_qubits_, "density matrix: an operator on more qubits");
    const Index x = p.x[0], z = p.z[0];
    const int n_y = std::popcount(x & z);
    C sum = 0.0;
    for (Index r = 0; r < dim; ++r) {
      const C e = vec_[r | ((r ^ x) << n_qubits_)];
      sum += std::popcount(r & z) % 2 ? -e : e;
    }
    static constexpr C kIPowers[4] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
    total += (c * kIPowers[n_y % 4] * sum).real();
  }
  return total;
}

void DensityMatrix::apply_gate(const Gate& gate, const std::vector<double>& parameters) {
  const GateInfo& info = gate_info(gate.kind);
  const int n = n_qubits_;
  if (gate.kind == GateKind::PauliRotation) {
    // conj(exp(-i a P/2)) = exp(+i a conj(P)/2), conj(P) = (-1)^{n_Y} P.
    const double a = gate.angle.value(parameters);
    const int n_y = std::popcount(gate.pauli.x[0] & gate.pauli.z[0]);
    vec_.apply_pauli_rotation(gate.pauli, a);
    vec_.apply_pauli_rotation(shifted(gate.pauli, n), n_y % 2 ? a : -a);
    return;
  }
  if (info.arity == 1) {
    const int q = gate.qubits[0];
    GateMatrix m = info.matrix(info.n_parameters > 0 ? gate.angle.value(parameters) : 0.0);
    vec_.apply_gate_matrix(q, m);
    for (int r = 0; r < m.dim; ++r)
      for (int c = 0; c < m.dim; ++c) m.m[r][c] = std::conj(m.m[r][c]);
    vec_.apply_gate_matrix(q + n, m);
    return;
  }
  // cnot, cz and swap are real.
  const int a = gate.qubits[0], b = gate.qubits[1];
  for (const int offset : {0, n}) {
    if (gate.kind == GateKind::CNOT)
      vec_.apply_cnot(a + offset, b + offset);
    else if (gate.kind == GateKind::CZ)
      vec_.apply_cz(a + offset, b + offset);
    else if (gate.kind == GateKind::SWAP)
      vec_.apply_swap(a + offset, b + offset);
    else
      QMOL_ASSERT(false, fmt::format("density matrix: no kernel for {}", info.name));
  }
}

void DensityMatrix::apply_circuit(const Circuit& circuit, const std::vector<double>& parameters) {
  QMOL_ASSERT(circuit.n_qubits() == n_qubits_, "density matrix: a circuit on other qubits");
  for (const Gate& g : circuit.gates()) apply_gate(g, parameters);
}

void DensityMatrix::depolarize(int q, double p) {
  check_qubit(q);
  // (1 - 4p/3) rho + (4p/3) (I/2 (x) Tr_q rho).
  const double lambda = 4.0 * p / 3.0;
  const Index row = Index{1} << q, column = Index{1} << (q + n_qubits_);
  C* v = vec_.data();
  for_each_base(2 * n_qubits_, {q, q + n_qubits_}, [&](Index i) {
    const C half_trace = 0.5 * (v[i] + v[i | row | column]);
    v[i] = (1 - lambda) * v[i] + lambda * half_trace;
    v[i | row | column] = (1 - lambda) * v[i | row | column] + lambda * half_trace;
    v[i | row] *= 1 - lambda;
    v[i | column] *= 1 - lambda;
  });
}

void DensityMatrix::depolarize(int a, int b, double p) {
  check_qubit(a);
  check_qubit(b);
  QMOL_ASSERT(a != b, "two-qubit depolarizing on one qubit");
  // (1 - 16p/15) rho + (16p/15) (I/4 (x) Tr_ab rho).
  const double lambda = 16.0 * p / 15.0;
  const int n = n_qubits_;
  int bits[4] = {a, b, a + n, b + n};
  std::sort(std::begin(bits), std::end(bits));
  // The pair's local index k (bit 0 = a, bit 1 = b) as offsets in the row and column halves.
  Index row_offset[4], column_offset[4];
  for (int k = 0; k < 4; ++k) {
    row_offset[k] = ((k & 1) ? Index{1} << a : 0) | ((k & 2) ? Index{1} << b : 0);
    column_offset[k] = row_offset[k] << n;
  }
  C* v = vec_.data();
  for_each_base(2 * n, bits, [&](Index i) {
    C quarter_trace = 0.0;
    for (int k = 0; k < 4; ++k) quarter_trace += v[i | row_offset[k] | column_offset[k]];
    quarter_trace *= 0.25;
    for (int r = 0; r < 4; ++r)
      for (int c = 0; c < 4; ++c) {
        C& e = v[i | row_offset[r] | column_offset[c]];
        e = (1 - lambda) * e + (r == c ? lambda * quarter_trace : C(0.0));
      }
  });
}

void DensityMatrix::amplitude_damp(int q, double gamma) {
  check_qubit(q);
  const Index row = Index{1} << q, column = Index{1} << (q + n_qubits_);
  const double keep = std::sqrt(1.0 - gamma);
  C* v = vec_.data();
  for_each_base(2 * n_qubits_, {q, q + n_qubits_}, [&](Index i) {
    v[i] += gamma * v[i | row | column];
    v[i | row | column] *= 1.0 - gamma;
    v[i | row] *= keep;
    v[i | column] *= keep;
  });
}

}  // namespace qmol
