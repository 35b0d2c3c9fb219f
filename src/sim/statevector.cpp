#include "qmol/sim/statevector.h"

#include <fmt/format.h>
#include <omp.h>

#include <cmath>
#include <string>

#include "qmol/core/bits.h"
#include "qmol/core/errors.h"
#include "qmol/sim/fused_circuit.h"
#include "statevector_kernels.h"

namespace qmol {

namespace {

using Amplitude = Statevector::Amplitude;
using kernels::Index;

// Complex product without the NaN/Inf recovery path of operator* (C99 Annex G), which keeps the
// compiler from vectorising the kernels; amplitudes are always finite.
inline Amplitude mul(Amplitude a, Amplitude b) {
  return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}

using kernels::insert_zero;

// body(k0, k1) on [0, count) split into one static slice per thread from kParallelQubits qubits
// on (the slices are disjoint, so the kernels' writes never meet).
template <class Body>
void split(Index count, int n_qubits, Body body) {
  if (n_qubits < Statevector::kParallelQubits) {
    body(0, count);
    return;
  }
#pragma omp parallel
  {
    const Index threads = omp_get_num_threads(), thread = omp_get_thread_num();
    body(count * thread / threads, count * (thread + 1) / threads);
  }
}

// i^n for n = 0..3.
inline Amplitude i_power(int n) {
  static const Amplitude powers[4] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
  return powers[n & 3];
}

// The qubits a Pauli string acts on, which must be qubits of the state (the engines check the
// operators they are given).
std::uint64_t low_word(const PauliString& p, const char* what, int n_qubits) {
  for (std::size_t w = 1; w < p.x.size(); ++w)
    QMOL_ASSERT(p.x[w] == 0 && p.z[w] == 0, fmt::format("{}: Pauli string beyond qubit 63", what));
  const std::uint64_t used = p.x[0] | p.z[0];
  QMOL_ASSERT(n_qubits >= 64 || (used >> n_qubits) == 0,
              fmt::format("{}: Pauli string acts on a qubit >= {}", what, n_qubits));
  return used;
}

}  // namespace

Statevector::Statevector(int n_qubits, std::uint64_t basis_state) : n_qubits_(n_qubits) {
  if (n_qubits < 0 || n_qubits > kMaxQubits)
    throw ResourceError(
        fmt::format("a statevector holds 0 to {} qubits, not {}", kMaxQubits, n_qubits));
  amplitudes_.assign(std::size_t{1} << n_qubits, Amplitude{});
  set_basis_state(basis_state);
}

void Statevector::set_basis_state(std::uint64_t basis_state) {
  QMOL_ASSERT(basis_state < size(),
              fmt::format("basis state {} needs more than {} qubits", basis_state, n_qubits_));
  const Index n = static_cast<Index>(size());
  Amplitude* a = data();
#pragma omp parallel for if (n_qubits_ >= kParallelQubits) schedule(static)
  for (Index i = 0; i < n; ++i) a[i] = Amplitude{};
  a[basis_state] = 1.0;
}

double Statevector::norm_squared() const {
  const Index n = static_cast<Index>(size());
  const Amplitude* a = data();
  double sum = 0.0;
#pragma omp parallel for if (n_qubits_ >= kParallelQubits) schedule(static) reduction(+ : sum)
  for (Index i = 0; i < n; ++i) sum += std::norm(a[i]);
  return sum;
}

Amplitude Statevector::inner(const Statevector& ket) const {
  QMOL_ASSERT(ket.size() == size(), "inner product of statevectors of different sizes");
  const Index n = static_cast<Index>(size());
  const Amplitude* a = data();
  const Amplitude* b = ket.data();
  double re = 0.0, im = 0.0;
#pragma omp parallel for if (n_qubits_ >= kParallelQubits) schedule(static) reduction(+ : re, im)
  for (Index i = 0; i < n; ++i) {
    re += a[i].real() * b[i].real() + a[i].imag() * b[i].imag();
    im += a[i].real() * b[i].imag() - a[i].imag() * b[i].real();
  }
  return {re, im};
}

void Statevector::check_qubit(int q) const {
  QMOL_ASSERT(q >= 0 && q < n_qubits_,
              fmt::format("statevector qubit {} outside 0..{}", q, n_qubits_ - 1));
}

void Statevector::apply_matrix(int q, Amplitude m00, Amplitude m01, Amplitude m10, Amplitude m11) {
  check_qubit(q);
  const kernels::Matrix2 m(m00, m01, m10, m11);
  Amplitude* a = data();
  split(static_cast<Index>(size() / 2), n_qubits_,
        [&](Index k0, Index k1) { kernels::matrix(a, q, k0, k1, m); });
}

void Statevector::apply_diagonal(int q, Amplitude d0, Amplitude d1) {
  check_qubit(q);
  Amplitude* a = data();
  split(static_cast<Index>(size() / 2), n_qubits_,
        [&](Index k0, Index k1) { kernels::diagonal(a, q, k0, k1, d0, d1); });
}

void Statevector::apply_gate_matrix(int q, const GateMatrix& g) {
  QMOL_ASSERT(g.dim == 2, "a single-qubit kernel given a " + std::to_string(g.dim) + "x" +
                              std::to_string(g.dim) + " matrix");
  if (g.m[0][1] == 0.0 && g.m[1][0] == 0.0)
    apply_diagonal(q, g.m[0][0], g.m[1][1]);
  else
    apply_matrix(q, g.m[0][0], g.m[0][1], g.m[1][0], g.m[1][1]);
}

// The single-qubit gates' matrices come from the gate table (ansatz/gate.h).
void Statevector::apply_h(int q) {
  apply_gate_matrix(q, gate_info(GateKind::H).matrix(0.0));
}
void Statevector::apply_y(int q) {
  apply_gate_matrix(q, gate_info(GateKind::Y).matrix(0.0));
}
void Statevector::apply_z(int q) {
  apply_gate_matrix(q, gate_info(GateKind::Z).matrix(0.0));
}
void Statevector::apply_s(int q) {
  apply_gate_matrix(q, gate_info(GateKind::S).matrix(0.0));
}
void Statevector::apply_sdg(int q) {
  apply_gate_matrix(q, gate_info(GateKind::Sdg).matrix(0.0));
}
void Statevector::apply_t(int q) {
  apply_gate_matrix(q, gate_info(GateKind::T).matrix(0.0));
}
void Statevector::apply_tdg(int q) {
  apply_gate_matrix(q, gate_info(GateKind::Tdg).matrix(0.0));
}
void Statevector::apply_rx(int q, double angle) {
  apply_gate_matrix(q, gate_info(GateKind::RX).matrix(angle));
}
void Statevector::apply_ry(int q, double angle) {
  apply_gate_matrix(q, gate_info(GateKind::RY).matrix(angle));
}
void Statevector::apply_rz(int q, double angle) {
  apply_gate_matrix(q, gate_info(GateKind::RZ).matrix(angle));
}

// X is a permutation: a swap per pair, no arithmetic.
void Statevector::apply_x(int q) {
  check_qubit(q);
  Amplitude* a = data();
  split(static_cast<Index>(size() / 2), n_qubits_,
        [&](Index k0, Index k1) { kernels::x_gate(a, q, k0, k1); });
}

void Statevector::apply_cnot(int control, int target) {
  check_qubit(control);
  check_qubit(target);
  QMOL_ASSERT(control != target, "cnot on one qubit");
  Amplitude* a = data();
  split(static_cast<Index>(size() / 4), n_qubits_,
        [&](Index k0, Index k1) { kernels::cnot(a, control, target, k0, k1); });
}

void Statevector::apply_cz(int q0, int q1) {
  check_qubit(q0);
  check_qubit(q1);
  QMOL_ASSERT(q0 != q1, "cz on one qubit");
  Amplitude* a = data();
  split(static_cast<Index>(size() / 4), n_qubits_,
        [&](Index k0, Index k1) { kernels::cz(a, q0, q1, k0, k1); });
}

void Statevector::apply_swap(int q0, int q1) {
  check_qubit(q0);
  check_qubit(q1);
  QMOL_ASSERT(q0 != q1, "swap on one qubit");
  Amplitude* a = data();
  split(static_cast<Index>(size() / 4), n_qubits_,
        [&](Index k0, Index k1) { kernels::swap(a, q0, q1, k0, k1); });
}

// P|i> = i^{n_Y} (-1)^{popcount(i & z)} |i ^ x>, so exp(-i t P/2) mixes only the pair (i, i ^ x)
// (statevector_kernels.h); a diagonal P (x == 0) is a phase by the parity of i & z.
void Statevector::apply_pauli_rotation(const PauliString& p, double angle) {
  low_word(p, "apply_pauli_rotation", n_qubits_);
  const std::uint64_t x = p.x[0], z = p.z[0];
  const double c = std::cos(angle / 2);
  const Amplitude f = mul(Amplitude(0, -std::sin(angle / 2)), i_power(std::popcount(x & z)));
  const Index count = static_cast<Index>(x == 0 ? size() : size() / 2);
  Amplitude* a = data();
  split(count, n_qubits_,
        [&](Index k0, Index k1) { kernels::pauli_rotation(a, x, z, c, f, k0, k1); });
}

void Statevector::apply_pauli(const PauliString& p) {
  low_word(p, "apply_pauli", n_qubits_);
  const std::uint64_t x = p.x[0], z = p.z[0];
  const Amplitude phase = i_power(std::popcount(x & z));
  Amplitude* a = data();
  if (x == 0) {
    const Index n = static_cast<Index>(size());
#pragma omp parallel for if (n_qubits_ >= kParallelQubits) schedule(static)
    for (Index i = 0; i < n; ++i) a[i] *= parity_sign(static_cast<std::uint64_t>(i) & z);
    return;
  }
  const int pivot = highest_bit(x);
  const Index half = static_cast<Index>(size() / 2);
#pragma omp parallel for if (n_qubits_ >= kParallelQubits) schedule(static)
  for (Index k = 0; k < half; ++k) {
    const std::uint64_t i = insert_zero(static_cast<std::uint64_t>(k), pivot), j = i ^ x;
    const Amplitude ai = a[i], aj = a[j];
    a[i] = parity_sign(j & z) * mul(phase, aj);
    a[j] = parity_sign(i & z) * mul(phase, ai);
  }
}

namespace {

// Gates with a kernel of their own (multi-qubit gates); every single-qubit gate is its matrix
// from the gate table. The inverse is the table's inverse kind at the table's angle sign.
void apply_gate_at(Statevector& s, const Gate& g, double angle, bool inverse) {
  GateKind kind = g.kind;
  if (inverse) {
    const GateInfo& info = gate_info(kind);
    kind = info.inverse;
    angle *= info.inverse_angle_sign;
  }
  const int a = g.qubits[0], b = g.qubits[1];
  switch (kind) {
    case GateKind::X:
      s.apply_x(a);
      return;
    case GateKind::CNOT:
      s.apply_cnot(a, b);
      return;
    case GateKind::CZ:
      s.apply_cz(a, b);
      return;
    case GateKind::SWAP:
      s.apply_swap(a, b);
      return;
    case GateKind::PauliRotation:
      s.apply_pauli_rotation(g.pauli, angle);
      return;
    default: {
      const GateInfo& info = gate_info(kind);
      QMOL_ASSERT(info.arity == 1, std::string("no statevector kernel for ") + info.name);
      s.apply_gate_matrix(a, info.matrix(angle));
    }
  }
}

}  // namespace

void apply_gate(Statevector& state, const Gate& gate, const std::vector<double>& parameters) {
  apply_gate_at(state, gate, gate.is_parametrised() ? gate.angle.value(parameters) : 0.0, false);
}

void apply_gate_inverse(Statevector& state, const Gate& gate,
                        const std::vector<double>& parameters) {
  apply_gate_at(state, gate, gate.is_parametrised() ? gate.angle.value(parameters) : 0.0, true);
}

void apply_circuit(Statevector& state, const Circuit& circuit,
                   const std::vector<double>& parameters) {
  QMOL_ASSERT(state.n_qubits() == circuit.n_qubits(),
              fmt::format("apply_circuit: the state has {} qubits, the circuit {}",
                          state.n_qubits(), circuit.n_qubits()));
  FusedCircuit(circuit, parameters).apply(state);
}

Statevector simulate(const Circuit& circuit, const std::vector<double>& parameters) {
  QMOL_ASSERT(static_cast<int>(parameters.size()) == circuit.n_parameters(),
              fmt::format("simulate: {} parameters, the circuit has {}", parameters.size(),
                          circuit.n_parameters()));
  Statevector state(circuit.n_qubits(), circuit.initial_mask());
  apply_circuit(state, circuit, parameters);
  return state;
}

}  // namespace qmol
