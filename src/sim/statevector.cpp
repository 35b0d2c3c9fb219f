#include "qmol/sim/statevector.h"

#include <bit>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace qmol {

namespace {

using Amplitude = Statevector::Amplitude;
using Index = std::int64_t;  // OpenMP loops want a signed index

// Complex product without the NaN/Inf recovery path of operator* (C99 Annex G), which keeps the
// compiler from vectorising the kernels; amplitudes are always finite.
inline Amplitude mul(Amplitude a, Amplitude b) {
  return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}

// The k-th index with a zero at bit q: the bits of k above q move up by one.
inline std::uint64_t insert_zero(std::uint64_t k, int q) {
  const std::uint64_t low = (std::uint64_t{1} << q) - 1;
  return ((k & ~low) << 1) | (k & low);
}

// i^n for n = 0..3.
inline Amplitude i_power(int n) {
  static const Amplitude powers[4] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
  return powers[n & 3];
}

inline double parity_sign(std::uint64_t bits) {
  return (std::popcount(bits) & 1) ? -1.0 : 1.0;
}

std::uint64_t low_word(const PauliString& p, const char* what, int n_qubits) {
  for (std::size_t w = 1; w < p.x.size(); ++w) {
    if (p.x[w] != 0 || p.z[w] != 0) {
      throw std::invalid_argument(std::string(what) + ": Pauli string beyond qubit 63");
    }
  }
  const std::uint64_t used = p.x[0] | p.z[0];
  if (n_qubits < 64 && (used >> n_qubits) != 0) {
    throw std::invalid_argument(std::string(what) +
                                ": Pauli string acts on qubit >= " + std::to_string(n_qubits));
  }
  return used;
}

}  // namespace

Statevector::Statevector(int n_qubits, std::uint64_t basis_state) : n_qubits_(n_qubits) {
  if (n_qubits < 0 || n_qubits > kMaxQubits) {
    throw std::invalid_argument("Statevector: n_qubits = " + std::to_string(n_qubits) +
                                ", expected 0.." + std::to_string(kMaxQubits));
  }
  amplitudes_.assign(std::size_t{1} << n_qubits, Amplitude{});
  set_basis_state(basis_state);
}

void Statevector::set_basis_state(std::uint64_t basis_state) {
  if (basis_state >= size()) {
    throw std::invalid_argument("Statevector: basis state " + std::to_string(basis_state) +
                                " needs more than " + std::to_string(n_qubits_) + " qubits");
  }
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
  if (ket.size() != size()) throw std::invalid_argument("Statevector::inner: sizes differ");
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
  if (q < 0 || q >= n_qubits_) {
    throw std::invalid_argument("Statevector: qubit " + std::to_string(q) + " outside 0.." +
                                std::to_string(n_qubits_ - 1));
  }
}

void Statevector::apply_matrix(int q, Amplitude m00, Amplitude m01, Amplitude m10, Amplitude m11) {
  check_qubit(q);
  const Index half = static_cast<Index>(size() / 2);
  const std::uint64_t bit = std::uint64_t{1} << q;
  Amplitude* a = data();
#pragma omp parallel for if (n_qubits_ >= kParallelQubits) schedule(static)
  for (Index k = 0; k < half; ++k) {
    const std::uint64_t i0 = insert_zero(static_cast<std::uint64_t>(k), q), i1 = i0 | bit;
    const Amplitude a0 = a[i0], a1 = a[i1];
    a[i0] = mul(m00, a0) + mul(m01, a1);
    a[i1] = mul(m10, a0) + mul(m11, a1);
  }
}

void Statevector::apply_diagonal(int q, Amplitude d0, Amplitude d1) {
  check_qubit(q);
  const Index half = static_cast<Index>(size() / 2);
  const std::uint64_t bit = std::uint64_t{1} << q;
  Amplitude* a = data();
#pragma omp parallel for if (n_qubits_ >= kParallelQubits) schedule(static)
  for (Index k = 0; k < half; ++k) {
    const std::uint64_t i0 = insert_zero(static_cast<std::uint64_t>(k), q);
    a[i0] = mul(d0, a[i0]);
    a[i0 | bit] = mul(d1, a[i0 | bit]);
  }
}

void Statevector::apply_h(int q) {
  const double r = std::numbers::sqrt2 / 2;
  apply_matrix(q, r, r, r, -r);
}

void Statevector::apply_x(int q) {
  check_qubit(q);
  const Index half = static_cast<Index>(size() / 2);
  const std::uint64_t bit = std::uint64_t{1} << q;
  Amplitude* a = data();
#pragma omp parallel for if (n_qubits_ >= kParallelQubits) schedule(static)
  for (Index k = 0; k < half; ++k) {
    const std::uint64_t i0 = insert_zero(static_cast<std::uint64_t>(k), q);
    std::swap(a[i0], a[i0 | bit]);
  }
}

void Statevector::apply_y(int q) {
  apply_matrix(q, 0.0, Amplitude(0, -1), Amplitude(0, 1), 0.0);
}
void Statevector::apply_z(int q) {
  apply_diagonal(q, 1.0, -1.0);
}
void Statevector::apply_s(int q) {
  apply_diagonal(q, 1.0, Amplitude(0, 1));
}
void Statevector::apply_sdg(int q) {
  apply_diagonal(q, 1.0, Amplitude(0, -1));
}
void Statevector::apply_t(int q) {
  apply_diagonal(q, 1.0, std::polar(1.0, std::numbers::pi / 4));
}
void Statevector::apply_tdg(int q) {
  apply_diagonal(q, 1.0, std::polar(1.0, -std::numbers::pi / 4));
}

void Statevector::apply_rx(int q, double angle) {
  const double c = std::cos(angle / 2), s = std::sin(angle / 2);
  apply_matrix(q, c, Amplitude(0, -s), Amplitude(0, -s), c);
}

void Statevector::apply_ry(int q, double angle) {
  const double c = std::cos(angle / 2), s = std::sin(angle / 2);
  apply_matrix(q, c, -s, s, c);
}

void Statevector::apply_rz(int q, double angle) {
  apply_diagonal(q, std::polar(1.0, -angle / 2), std::polar(1.0, angle / 2));
}

void Statevector::apply_cnot(int control, int target) {
  check_qubit(control);
  check_qubit(target);
  if (control == target) throw std::invalid_argument("Statevector: cnot on one qubit");
  const int lo = std::min(control, target), hi = std::max(control, target);
  const std::uint64_t c = std::uint64_t{1} << control, t = std::uint64_t{1} << target;
  const Index quarter = static_cast<Index>(size() / 4);
  Amplitude* a = data();
#pragma omp parallel for if (n_qubits_ >= kParallelQubits) schedule(static)
  for (Index k = 0; k < quarter; ++k) {
    const std::uint64_t i = insert_zero(insert_zero(static_cast<std::uint64_t>(k), lo), hi) | c;
    std::swap(a[i], a[i | t]);
  }
}

void Statevector::apply_cz(int q0, int q1) {
  check_qubit(q0);
  check_qubit(q1);
  if (q0 == q1) throw std::invalid_argument("Statevector: cz on one qubit");
  const int lo = std::min(q0, q1), hi = std::max(q0, q1);
  const std::uint64_t both = (std::uint64_t{1} << q0) | (std::uint64_t{1} << q1);
  const Index quarter = static_cast<Index>(size() / 4);
  Amplitude* a = data();
#pragma omp parallel for if (n_qubits_ >= kParallelQubits) schedule(static)
  for (Index k = 0; k < quarter; ++k) {
    const std::uint64_t i = insert_zero(insert_zero(static_cast<std::uint64_t>(k), lo), hi);
    a[i | both] = -a[i | both];
  }
}

void Statevector::apply_swap(int q0, int q1) {
  check_qubit(q0);
  check_qubit(q1);
  if (q0 == q1) throw std::invalid_argument("Statevector: swap on one qubit");
  const int lo = std::min(q0, q1), hi = std::max(q0, q1);
  const std::uint64_t b0 = std::uint64_t{1} << q0, b1 = std::uint64_t{1} << q1;
  const Index quarter = static_cast<Index>(size() / 4);
  Amplitude* a = data();
#pragma omp parallel for if (n_qubits_ >= kParallelQubits) schedule(static)
  for (Index k = 0; k < quarter; ++k) {
    const std::uint64_t i = insert_zero(insert_zero(static_cast<std::uint64_t>(k), lo), hi);
    std::swap(a[i | b0], a[i | b1]);
  }
}

// P|i> = i^{n_Y} (-1)^{popcount(i & z)} |i ^ x>, so exp(-i t P/2) mixes only the pair (i, i ^ x):
//   psi'_i = cos(t/2) psi_i - i sin(t/2) i^{n_Y} (-1)^{popcount(j & z)} psi_j,   j = i ^ x.
void Statevector::apply_pauli_rotation(const PauliString& p, double angle) {
  if (low_word(p, "apply_pauli_rotation", n_qubits_) == 0) {  // identity: a global phase
    const Amplitude phase = std::polar(1.0, -angle / 2);
    const Index n = static_cast<Index>(size());
    Amplitude* a = data();
#pragma omp parallel for if (n_qubits_ >= kParallelQubits) schedule(static)
    for (Index i = 0; i < n; ++i) a[i] = mul(phase, a[i]);
    return;
  }
  const std::uint64_t x = p.x[0], z = p.z[0];
  const double c = std::cos(angle / 2), s = std::sin(angle / 2);
  Amplitude* a = data();
  if (x == 0) {  // diagonal: a phase e^{-+i t/2} by the parity of the Z qubits
    const Amplitude even = std::polar(1.0, -angle / 2), odd = std::conj(even);
    const Index n = static_cast<Index>(size());
#pragma omp parallel for if (n_qubits_ >= kParallelQubits) schedule(static)
    for (Index i = 0; i < n; ++i) {
      a[i] = mul((std::popcount(static_cast<std::uint64_t>(i) & z) & 1) ? odd : even, a[i]);
    }
    return;
  }
  const Amplitude f = mul(Amplitude(0, -s), i_power(std::popcount(x & z)));
  const int pivot = 63 - std::countl_zero(x);  // i has this bit clear, j = i ^ x has it set
  const Index half = static_cast<Index>(size() / 2);
#pragma omp parallel for if (n_qubits_ >= kParallelQubits) schedule(static)
  for (Index k = 0; k < half; ++k) {
    const std::uint64_t i = insert_zero(static_cast<std::uint64_t>(k), pivot), j = i ^ x;
    const Amplitude ai = a[i], aj = a[j];
    a[i] = c * ai + parity_sign(j & z) * mul(f, aj);
    a[j] = c * aj + parity_sign(i & z) * mul(f, ai);
  }
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
  const int pivot = 63 - std::countl_zero(x);
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

void apply_gate_at(Statevector& s, const Gate& g, double angle, bool inverse) {
  const int a = g.qubits[0], b = g.qubits[1];
  if (inverse) angle = -angle;
  switch (g.kind) {
    case GateKind::H:
      s.apply_h(a);
      break;
    case GateKind::X:
      s.apply_x(a);
      break;
    case GateKind::Y:
      s.apply_y(a);
      break;
    case GateKind::Z:
      s.apply_z(a);
      break;
    case GateKind::S:
      inverse ? s.apply_sdg(a) : s.apply_s(a);
      break;
    case GateKind::Sdg:
      inverse ? s.apply_s(a) : s.apply_sdg(a);
      break;
    case GateKind::T:
      inverse ? s.apply_tdg(a) : s.apply_t(a);
      break;
    case GateKind::RX:
      s.apply_rx(a, angle);
      break;
    case GateKind::RY:
      s.apply_ry(a, angle);
      break;
    case GateKind::RZ:
      s.apply_rz(a, angle);
      break;
    case GateKind::CNOT:
      s.apply_cnot(a, b);
      break;
    case GateKind::CZ:
      s.apply_cz(a, b);
      break;
    case GateKind::SWAP:
      s.apply_swap(a, b);
      break;
    case GateKind::PauliRotation:
      s.apply_pauli_rotation(g.pauli, angle);
      break;
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

namespace {

struct Matrix2 {
  Amplitude m[2][2];
};

Matrix2 product(const Matrix2& a, const Matrix2& b) {
  Matrix2 c{};
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) c.m[i][j] = a.m[i][0] * b.m[0][j] + a.m[i][1] * b.m[1][j];
  return c;
}

// The 2x2 matrix of a single-qubit gate; false for multi-qubit gates.
bool single_qubit_matrix(const Gate& g, double angle, Matrix2& out) {
  const Amplitude i(0, 1);
  const double c = std::cos(angle / 2), s = std::sin(angle / 2), r = std::numbers::sqrt2 / 2;
  switch (g.kind) {
    case GateKind::H:
      out = {{{r, r}, {r, -r}}};
      return true;
    case GateKind::X:
      out = {{{0, 1}, {1, 0}}};
      return true;
    case GateKind::Y:
      out = {{{0, -i}, {i, 0}}};
      return true;
    case GateKind::Z:
      out = {{{1, 0}, {0, -1}}};
      return true;
    case GateKind::S:
      out = {{{1, 0}, {0, i}}};
      return true;
    case GateKind::Sdg:
      out = {{{1, 0}, {0, -i}}};
      return true;
    case GateKind::T:
      out = {{{1, 0}, {0, std::polar(1.0, std::numbers::pi / 4)}}};
      return true;
    case GateKind::RX:
      out = {{{c, -i * s}, {-i * s, c}}};
      return true;
    case GateKind::RY:
      out = {{{c, -s}, {s, c}}};
      return true;
    case GateKind::RZ:
      out = {{{std::polar(1.0, -angle / 2), 0}, {0, std::polar(1.0, angle / 2)}}};
      return true;
    default:
      return false;
  }
}

}  // namespace

void apply_circuit(Statevector& state, const Circuit& circuit,
                   const std::vector<double>& parameters) {
  if (state.n_qubits() != circuit.n_qubits()) {
    throw std::invalid_argument("apply_circuit: the state has " + std::to_string(state.n_qubits()) +
                                " qubits, the circuit " + std::to_string(circuit.n_qubits()));
  }
  const int n = circuit.n_qubits();
  std::vector<Matrix2> pending(static_cast<std::size_t>(n));
  std::vector<char> has_pending(static_cast<std::size_t>(n), 0);
  auto flush = [&](int q) {
    if (!has_pending[q]) return;
    const auto& m = pending[q].m;
    if (m[0][1] == 0.0 && m[1][0] == 0.0) {
      state.apply_diagonal(q, m[0][0], m[1][1]);
    } else {
      state.apply_matrix(q, m[0][0], m[0][1], m[1][0], m[1][1]);
    }
    has_pending[q] = 0;
  };
  for (const Gate& g : circuit.gates()) {
    const double angle = g.is_parametrised() ? g.angle.value(parameters) : 0.0;
    Matrix2 m;
    if (single_qubit_matrix(g, angle, m)) {
      const int q = g.qubits[0];
      pending[q] = has_pending[q] ? product(m, pending[q]) : m;
      has_pending[q] = 1;
      continue;
    }
    if (g.kind == GateKind::PauliRotation) {
      const std::uint64_t used = g.pauli.x[0] | g.pauli.z[0];
      for (int q = 0; q < n && q < 64; ++q) {
        if ((used >> q) & 1u) flush(q);
      }
    } else {
      flush(g.qubits[0]);
      flush(g.qubits[1]);
    }
    apply_gate_at(state, g, angle, false);
  }
  for (int q = 0; q < n; ++q) flush(q);
}

Statevector simulate(const Circuit& circuit, const std::vector<double>& parameters) {
  if (static_cast<int>(parameters.size()) != circuit.n_parameters()) {
    throw std::invalid_argument("simulate: " + std::to_string(parameters.size()) +
                                " parameters, the circuit has " +
                                std::to_string(circuit.n_parameters()));
  }
  Statevector state(circuit.n_qubits(), circuit.initial_mask());
  apply_circuit(state, circuit, parameters);
  return state;
}

}  // namespace qmol
