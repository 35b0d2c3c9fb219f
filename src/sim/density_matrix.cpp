#include "qmol/sim/density_matrix.h"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <string>

#include "qmol/core/bits.h"
#include "qmol/core/errors.h"
#include "statevector_kernels.h"

namespace qmol {
namespace {

using C = std::complex<double>;
using kernels::Index;
using kernels::insert_zero;

// Bits of a buffer from which its loops run on threads: the statevector's threshold.
constexpr int kParallelBits = Statevector::kParallelQubits;

// The bit of each qubit on one side (rows or columns) of a vec(rho) buffer.
using Positions = std::array<int, DensityMatrix::kMaxQubits>;

Positions offset_positions(int offset) {
  Positions p{};
  for (int q = 0; q < DensityMatrix::kMaxQubits; ++q) p[q] = q + offset;
  return p;
}

// body(k0, k1) on [0, count) in one static slice per thread for buffers of kParallelBits bits
// or more (disjoint slices: the kernels' writes never meet).
template <class Body>
void split(Index count, int n_bits, Body body) {
  if (n_bits < kParallelBits) {
    body(0, count);
    return;
  }
#pragma omp parallel
  {
    const Index threads = omp_get_num_threads(), thread = omp_get_thread_num();
    body(count * thread / threads, count * (thread + 1) / threads);
  }
}

// Calls body(i) for every index i of an n_bits buffer with the bits `cleared` (ascending) zero,
// in parallel for large buffers: each call touches only the entries i | (cleared bits), which no
// other call touches.
template <int N, class Body>
void for_each_base(int n_bits, const int (&cleared)[N], Body body) {
  const Index count = Index{1} << (n_bits - N);
#pragma omp parallel for schedule(static) if (n_bits >= kParallelBits)
  for (Index k = 0; k < count; ++k) {
    std::uint64_t i = static_cast<std::uint64_t>(k);
    for (int b = 0; b < N; ++b) i = insert_zero(i, cleared[b]);
    body(static_cast<Index>(i));
  }
}

// Calls body.operator()<S>(e00, e10, e01, e11, len) for the 2x2 blocks of qubit q of an n-qubit
// vec(rho) (entry (i, k): row bit i, column bit k), in runs of len blocks whose entries are S
// complex numbers apart: contiguous runs below the qubit's row bit, or for q = 0 every other
// entry, so that the loops in body vectorise. Split over threads for large matrices; the blocks
// are disjoint.
template <class Body>
void for_each_block(C* v, int n, int q, Body body) {
  const Index row = static_cast<Index>(bit(q)), column = static_cast<Index>(bit(q + n));
  const kernels::InsertTwo map{q, q + n};
  split(Index{1} << (2 * n - 2), 2 * n, [&](Index k0, Index k1) {
    const auto run = [&]<int S>(Index i, Index len) {
      C* e = v + i;
      body.template operator()<S>(e, e + row, e + column, e + row + column, len);
    };
    if (q == 0)  // blocks at every other index, runs up to the column bits
      kernels::for_each_run(k0, k1, n - 1, map,
                            [&](Index i, Index len) { run.template operator()<2>(i, len); });
    else
      kernels::for_each_run(k0, k1, q, map,
                            [&](Index i, Index len) { run.template operator()<1>(i, len); });
  });
}

// The bits of `value` placed, lowest first, on the set bits of `mask` (pdep).
std::uint64_t deposit(std::uint64_t value, std::uint64_t mask) {
  std::uint64_t out = 0;
  for (const int b : set_bits(mask)) {
    out |= (value & 1) << b;
    value >>= 1;
  }
  return out;
}

// One side of U rho U^dagger on the buffer `a` of n_bits bits: U on the bits position[q] of the
// gate's qubits q, or conj(U) when `conjugate` (the column side).
void apply_side(C* a, int n_bits, const Gate& gate, double angle, const Positions& position,
                bool conjugate) {
  const auto pairs = [n_bits] { return Index{1} << (n_bits - 1); };
  const auto quads = [n_bits] { return Index{1} << (n_bits - 2); };
  const int q0 = gate.qubits[0] >= 0 ? position[gate.qubits[0]] : -1;
  const int q1 = gate.qubits[1] >= 0 ? position[gate.qubits[1]] : -1;
  switch (gate.kind) {
    case GateKind::X:  // a permutation, no arithmetic (as in Statevector::apply_x)
      split(pairs(), n_bits, [&](Index k0, Index k1) { kernels::x_gate(a, q0, k0, k1); });
      return;
    case GateKind::CNOT:  // cnot, cz and swap are real: the same on both sides
      split(quads(), n_bits, [&](Index k0, Index k1) { kernels::cnot(a, q0, q1, k0, k1); });
      return;
    case GateKind::CZ:
      split(quads(), n_bits, [&](Index k0, Index k1) { kernels::cz(a, q0, q1, k0, k1); });
      return;
    case GateKind::SWAP:
      split(quads(), n_bits, [&](Index k0, Index k1) { kernels::swap(a, q0, q1, k0, k1); });
      return;
    case GateKind::PauliRotation: {
      std::uint64_t x = 0, z = 0;
      for (const int q : gate.support()) {
        const char letter = gate.pauli.at(q);
        if (letter == 'X' || letter == 'Y') x |= bit(position[q]);
        if (letter == 'Z' || letter == 'Y') z |= bit(position[q]);
      }
      // conj(exp(-i t P/2)) = exp(i t conj(P)/2) and conj(P) = (-1)^{n_Y} P: a rotation by -t
      // for an even number of Y, by t for an odd one.
      const int n_y = std::popcount(x & z);
      const double t = conjugate && n_y % 2 == 0 ? -angle : angle;
      static constexpr C kIPowers[4] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
      const double c = std::cos(t / 2);
      const C f = C(0, -std::sin(t / 2)) * kIPowers[n_y % 4];
      split(x == 0 ? 2 * pairs() : pairs(), n_bits,
            [&](Index k0, Index k1) { kernels::pauli_rotation(a, x, z, c, f, k0, k1); });
      return;
    }
    default: {
      const GateInfo& info = gate_info(gate.kind);
      QMOL_ASSERT(info.arity == 1, fmt::format("density matrix: no kernel for {}", info.name));
      GateMatrix m = info.matrix(angle);
      if (conjugate)
        for (auto& row : m.m)
          for (auto& e : row) e = std::conj(e);
      if (m.m[0][1] == 0.0 && m.m[1][0] == 0.0) {
        split(pairs(), n_bits,
              [&](Index k0, Index k1) { kernels::diagonal(a, q0, k0, k1, m.m[0][0], m.m[1][1]); });
        return;
      }
      const kernels::Matrix2 u(m.m[0][0], m.m[0][1], m.m[1][0], m.m[1][1]);
      split(pairs(), n_bits, [&](Index k0, Index k1) { kernels::matrix(a, q0, k0, k1, u); });
    }
  }
}

// Complex product without the NaN/Inf recovery path of operator* (amplitudes are finite).
inline C mul(C a, C b) {
  return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}

// A 2x2 matrix, row-major.
using Matrix2 = std::array<C, 4>;
constexpr Matrix2 kIdentity2 = {C(1), C(0), C(0), C(1)};

Matrix2 product(const Matrix2& a, const Matrix2& b) {  // a b
  return {a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
          a[2] * b[1] + a[3] * b[3]};
}

// The 2x2 unitary of a gate on one qubit: the table's matrix, or cos(t/2) - i sin(t/2) P for a
// rotation about a one-qubit Pauli string.
Matrix2 single_qubit_matrix(const Gate& gate, double angle) {
  if (gate.kind != GateKind::PauliRotation) {
    const GateMatrix m = gate_info(gate.kind).matrix(angle);
    return {m.m[0][0], m.m[0][1], m.m[1][0], m.m[1][1]};
  }
  const double c = std::cos(angle / 2), s = std::sin(angle / 2);
  switch (gate.pauli.at(gate.support().front())) {
    case 'X':
      return {C(c), C(0, -s), C(0, -s), C(c)};
    case 'Y':
      return {C(c), C(-s), C(s), C(c)};
    default:
      return {C(c, -s), C(0), C(0), C(c, s)};
  }
}

// The diagonal of u B u^dagger for the 2x2 block B of one qubit (B(i, k): row bit i, column bit
// k): d_b = sum_ik weight[b][i][k] B(i, k), weight[b][i][k] = u(b, i) conj(u(b, k)).
struct DiagonalWeights {
  C weight[2][2][2];
  explicit DiagonalWeights(const Matrix2& u) {
    for (int b = 0; b < 2; ++b)
      for (int i = 0; i < 2; ++i)
        for (int k = 0; k < 2; ++k) weight[b][i][k] = u[2 * b + i] * std::conj(u[2 * b + k]);
  }
};

// out0, out1 <- the diagonal of u B u^dagger of the blocks B = (e00, e01; e10, e11) along runs
// of len entries S apart. In place too (out0 = e00, out1 = e10): each block is read before it is
// written.
template <int S>
void diagonal_pairs(C* out0, C* out1, const C* e00, const C* e10, const C* e01, const C* e11,
                    Index len, const DiagonalWeights& d) {
  // The weights as locals: the outputs may alias anything the compiler cannot rule out.
  const C w000 = d.weight[0][0][0], w001 = d.weight[0][0][1], w010 = d.weight[0][1][0],
          w011 = d.weight[0][1][1], w100 = d.weight[1][0][0], w101 = d.weight[1][0][1],
          w110 = d.weight[1][1][0], w111 = d.weight[1][1][1];
  for (Index j = 0; j < len; ++j) {
    const C a = e00[S * j], b = e10[S * j], c = e01[S * j], e = e11[S * j];
    out0[S * j] = mul(w000, a) + mul(w001, c) + mul(w010, b) + mul(w011, e);
    out1[S * j] = mul(w100, a) + mul(w101, c) + mul(w110, b) + mul(w111, e);
  }
}

// Measuring qubit q of the work buffer w after its last gates u (the weights): the buffer holds
// rows (bits 0..n-1) and the column bits of the open qubits (above, ascending), q's at n + t. Each
// entry pair (row bit of q = 0, 1) with q's column bit gone takes the diagonal of u B u^dagger of
// its 2x2 block B: the buffer of n_bits bits becomes its first half. In place, so that measuring
// needs one buffer; the pairs run in rounds that never read what another pair writes: the
// block [0, S) (S = 2^(n + t)) reads itself (each pair its own two entries) and [S, 2S); the
// block [L, 2L) for L = S, 2S, ... reads only [2L, 4L).
void close_qubit(C* w, int n, int n_bits, int q, int t, const DiagonalWeights& d) {
  const Index size = Index{1} << (n_bits - 1), first = Index{1} << (n + t);
  const std::uint64_t rows = low_bits(n), below = low_bits(t), one = bit(q),
                      column_one = bit(t) << n;
  const auto pairs = [&](Index lo, Index hi) {
    const auto map = [lo, q](std::uint64_t k) {
      return static_cast<std::uint64_t>(lo) | insert_zero(k, q);
    };
    // Along a run the column is fixed, so the sources are runs too.
    const auto run = [&]<int S>(Index j, Index len) {
      const std::uint64_t u = static_cast<std::uint64_t>(j), column = u >> n;
      const std::uint64_t i0 = (u & rows) | ((((column & ~below) << 1) | (column & below)) << n);
      const C* e0 = w + i0;
      const C* e1 = w + (i0 | column_one);
      diagonal_pairs<S>(w + j, w + j + one, e0, e0 + one, e1, e1 + one, len, d);
    };
    split((hi - lo) / 2, n_bits, [&](Index k0, Index k1) {
      if (q == 0)  // pairs (j, j + 1) at every other index, runs up to the column bits
        kernels::for_each_run(k0, k1, n - 1, map,
                              [&](Index j, Index len) { run.template operator()<2>(j, len); });
      else
        kernels::for_each_run(k0, k1, q, map,
                              [&](Index j, Index len) { run.template operator()<1>(j, len); });
    });
  };
  pairs(0, first);
  for (Index lo = first; lo < size; lo *= 2) pairs(lo, 2 * lo);
}

// u rho u^dagger for a one-qubit u on qubit q of an n-qubit vec(rho): u on the row bit and
// conj(u) on the column bit in one pass over the 2x2 blocks (the two sides' kernels take two).
void apply_one_qubit(C* v, int n, int q, const Matrix2& u) {
  if (u[1] == 0.0 && u[2] == 0.0) {  // diagonal: entry (i, k) of the block times u_i conj(u_k)
    const C f00 = mul(u[0], std::conj(u[0])), f01 = mul(u[0], std::conj(u[3]));
    const C f10 = mul(u[3], std::conj(u[0])), f11 = mul(u[3], std::conj(u[3]));
    for_each_block(v, n, q,
                   [&]<int S>(C* __restrict e00, C* __restrict e10, C* __restrict e01,
                              C* __restrict e11, Index len) {
                     for (Index j = 0; j < len; ++j) {
                       e00[S * j] = mul(f00, e00[S * j]);
                       e10[S * j] = mul(f10, e10[S * j]);
                       e01[S * j] = mul(f01, e01[S * j]);
                       e11[S * j] = mul(f11, e11[S * j]);
                     }
                   });
    return;
  }
  const C c0 = std::conj(u[0]), c1 = std::conj(u[1]), c2 = std::conj(u[2]), c3 = std::conj(u[3]);
  for_each_block(v, n, q,
                 [&]<int S>(C* __restrict e00, C* __restrict e10, C* __restrict e01,
                            C* __restrict e11, Index len) {
                   for (Index j = 0; j < len; ++j) {
                     const C a = e00[S * j], b = e10[S * j], c = e01[S * j], d = e11[S * j];
                     // u E, then (u E) u^dagger.
                     const C f00 = mul(u[0], a) + mul(u[1], b), f10 = mul(u[2], a) + mul(u[3], b);
                     const C f01 = mul(u[0], c) + mul(u[1], d), f11 = mul(u[2], c) + mul(u[3], d);
                     e00[S * j] = mul(f00, c0) + mul(f01, c1);
                     e01[S * j] = mul(f00, c2) + mul(f01, c3);
                     e10[S * j] = mul(f10, c0) + mul(f11, c1);
                     e11[S * j] = mul(f10, c2) + mul(f11, c3);
                   }
                 });
}

}  // namespace

DensityMatrix::DensityMatrix(int n_qubits, std::uint64_t basis_state) : n_qubits_(n_qubits) {
  if (n_qubits < 0 || n_qubits > kMaxQubits)
    throw ResourceError(fmt::format(
        "a density matrix holds 0 to {} qubits ({} GiB at {}), not {}: simulate larger registers "
        "with trajectories (noise.max_density_qubits)",
        kMaxQubits, memory_bytes(kMaxQubits) / (1 << 30), kMaxQubits, n_qubits));
  QMOL_ASSERT(basis_state < (std::uint64_t{1} << n_qubits),
              fmt::format("basis state {} of a {}-qubit density matrix", basis_state, n_qubits));
  vec_ = Statevector(2 * n_qubits, basis_state | (basis_state << n_qubits));
}

DensityMatrix::DensityMatrix(const Statevector& psi) : DensityMatrix(psi.n_qubits()) {
  const int n = n_qubits_;
  const Index dim = Index{1} << n;
  const C* a = psi.data();
  C* v = vec_.data();
#pragma omp parallel for schedule(static) if (2 * n >= kParallelBits)
  for (Index c = 0; c < dim; ++c) {
    const C ac = std::conj(a[c]);
    for (Index r = 0; r < dim; ++r) v[r | (c << n)] = mul(a[r], ac);
  }
}

double DensityMatrix::memory_bytes(int n_qubits) {
  return 16.0 * std::ldexp(1.0, 2 * n_qubits);
}

void DensityMatrix::check_qubit(int q) const {
  QMOL_ASSERT(q >= 0 && q < n_qubits_,
              fmt::format("density matrix: qubit {} outside 0..{}", q, n_qubits_ - 1));
}

void DensityMatrix::check_gate(const Gate& gate) const {
  if (gate.kind == GateKind::PauliRotation) {
    QMOL_ASSERT(gate.pauli.span() <= n_qubits_,
                fmt::format("density matrix: a rotation about {} on {} qubits", gate.pauli.str(),
                            n_qubits_));
    return;
  }
  const int arity = gate_info(gate.kind).arity;
  for (int k = 0; k < arity; ++k) check_qubit(gate.qubits[k]);
  QMOL_ASSERT(arity < 2 || gate.qubits[0] != gate.qubits[1],
              fmt::format("density matrix: {} on one qubit", gate_name(gate.kind)));
}

C DensityMatrix::element(std::uint64_t row, std::uint64_t column) const {
  QMOL_ASSERT(row < (std::uint64_t{1} << n_qubits_) && column < (std::uint64_t{1} << n_qubits_),
              fmt::format("density matrix: element ({}, {}) of {} qubits", row, column, n_qubits_));
  return vec_[row | (column << n_qubits_)];
}

double DensityMatrix::trace() const {
  double t = 0.0;
  for (const double p : diagonal()) t += p;
  return t;
}

std::vector<double> DensityMatrix::diagonal() const {
  std::vector<double> d(std::size_t{1} << n_qubits_);
  for (std::size_t r = 0; r < d.size(); ++r) d[r] = vec_[r | (r << n_qubits_)].real();
  return d;
}

double DensityMatrix::expectation(const QubitOperator& op) const {
  // Tr(rho P) = sum_r rho(r, r ^ x) i^{n_Y} (-1)^{|r & z|}, from P|r> = i^{n_Y} (-1)^{|r & z|}
  // |r ^ x>: one pass over 2^n entries per term. Each term's sum is formed alone and the terms
  // are added in order, so the result does not depend on the number of threads.
  const int n = n_qubits_;
  const Index dim = Index{1} << n;
  const auto& terms = op.terms();
  for (const auto& term : terms)
    QMOL_ASSERT(
        term.first.span() <= n,
        fmt::format("density matrix: the term {} acts beyond its {} qubits", term.first.str(), n));
  std::vector<double> values(terms.size());
  const C* v = vec_.data();
  const Index n_terms = static_cast<Index>(terms.size());
#pragma omp parallel for schedule(dynamic, 16) if (n_terms * dim >= (Index{1} << kParallelBits))
  for (Index t = 0; t < n_terms; ++t) {
    const auto& [p, coefficient] = terms[static_cast<std::size_t>(t)];
    const std::uint64_t x = p.x[0], z = p.z[0];
    double re = 0.0, im = 0.0;
    for (Index r = 0; r < dim; ++r) {
      const std::uint64_t u = static_cast<std::uint64_t>(r);
      const C e = v[u | ((u ^ x) << n)];
      const double sign = parity_sign(u & z);
      re += sign * e.real();
      im += sign * e.imag();
    }
    static constexpr C kIPowers[4] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
    values[static_cast<std::size_t>(t)] =
        (coefficient * kIPowers[std::popcount(x & z) % 4] * C(re, im)).real();
  }
  double total = 0.0;
  for (const double value : values) total += value;
  return total;
}

void DensityMatrix::apply_gate(const Gate& gate, const std::vector<double>& parameters) {
  check_gate(gate);
  // A rotation about the identity is a global phase, which U rho U^dagger cancels.
  if (gate.kind == GateKind::PauliRotation && gate.pauli.is_identity()) return;
  const double angle = gate.is_parametrised() ? gate.angle.value(parameters) : 0.0;
  const int n = n_qubits_;
  if (gate_info(gate.kind).arity == 1) {
    apply_one_qubit(vec_.data(), n, gate.qubits[0], single_qubit_matrix(gate, angle));
    return;
  }
  apply_side(vec_.data(), 2 * n, gate, angle, offset_positions(0), false);
  apply_side(vec_.data(), 2 * n, gate, angle, offset_positions(n), true);
}

void DensityMatrix::apply_circuit(const Circuit& circuit, const std::vector<double>& parameters) {
  QMOL_ASSERT(
      circuit.n_qubits() == n_qubits_,
      fmt::format("density matrix of {} qubits: a circuit on {}", n_qubits_, circuit.n_qubits()));
  for (const Gate& g : circuit.gates()) apply_gate(g, parameters);
}

std::vector<double> DensityMatrix::diagonal_after(const Circuit& circuit,
                                                  const std::vector<double>& parameters) const {
  QMOL_ASSERT(
      circuit.n_qubits() == n_qubits_,
      fmt::format("density matrix of {} qubits: a circuit on {}", n_qubits_, circuit.n_qubits()));
  const int n = n_qubits_;
  const std::vector<Gate>& gates = circuit.gates();
  const auto angle_of = [&](const Gate& g) {
    return g.is_parametrised() ? g.angle.value(parameters) : 0.0;
  };
  // The one-qubit gates on a qubit after its last multi-qubit gate (its tail) commute with every
  // later gate: they are folded into one 2x2 u per qubit, applied as the qubit is measured,
  // right after its last multi-qubit gate (or at once, for a qubit that has none).
  std::vector<std::vector<int>> support(gates.size());
  std::array<std::ptrdiff_t, kMaxQubits> last_multi;
  last_multi.fill(-1);
  std::uint64_t touched = 0;
  for (std::size_t k = 0; k < gates.size(); ++k) {
    check_gate(gates[k]);
    support[k] = gates[k].support();
    for (const int q : support[k]) {
      touched |= bit(q);
      if (support[k].size() > 1) last_multi[q] = static_cast<std::ptrdiff_t>(k);
    }
  }
  std::array<Matrix2, kMaxQubits> tail;
  tail.fill(kIdentity2);
  std::vector<bool> in_tail(gates.size(), false);
  for (std::size_t k = 0; k < gates.size(); ++k)
    if (support[k].size() == 1 && static_cast<std::ptrdiff_t>(k) > last_multi[support[k][0]]) {
      const int q = support[k][0];
      tail[q] = product(single_qubit_matrix(gates[k], angle_of(gates[k])), tail[q]);
      in_tail[k] = true;
    }

  // The work buffer: row bits 0..n-1, then the column bits of the open qubits (ascending). It is
  // gathered from vec(rho) with the untouched qubits measured (column bit = row bit) and, when
  // one qubit has only one-qubit gates, that qubit measured through its tail.
  std::uint64_t at_once = 0;  // touched qubits measured before any gate
  for (int q = 0; q < n; ++q)
    if (test_bit(touched, q) && last_multi[q] < 0) at_once |= bit(q);
  const int first = at_once ? highest_bit(at_once) : -1;  // the longest runs below
  std::uint64_t open = touched & ~(first >= 0 ? bit(first) : 0);
  int n_bits = n + std::popcount(open);
  std::vector<C> work(std::size_t{1} << n_bits);
  {
    const Index columns = Index{1} << (n_bits - n), rows = Index{1} << n;
    const std::uint64_t untouched = low_bits(n) & ~touched;
    const C* v = vec_.data();
    C* w = work.data();
    const DiagonalWeights d(first >= 0 ? tail[first] : kIdentity2);
    // Runs of rows whose sources are runs: below `first` and below the lowest untouched qubit.
    const int run_bits = std::min(first >= 0 ? first : n, untouched ? lowest_bit(untouched) : n);
#pragma omp parallel for schedule(static) if (n_bits >= kParallelBits)
    for (Index cc = 0; cc < columns; ++cc) {
      const std::uint64_t c = deposit(static_cast<std::uint64_t>(cc), open);
      C* out = w + (cc << n);
      const auto source = [&](Index r) {
        const std::uint64_t u = static_cast<std::uint64_t>(r);
        return v + (u | (((u & untouched) | c) << n));
      };
      if (first < 0) {
        kernels::for_each_run(
            0, rows, run_bits, [](std::uint64_t r) { return r; },
            [&](Index r, Index len) { std::copy(source(r), source(r) + len, out + r); });
        continue;
      }
      const Index one = Index{1} << first;
      kernels::for_each_run(
          0, rows / 2, run_bits, [first](std::uint64_t k) { return insert_zero(k, first); },
          [&](Index r, Index len) {
            const C* e0 = source(r);
            const C* e1 = e0 + (one << n);
            diagonal_pairs<1>(out + r, out + r + one, e0, e0 + one, e1, e1 + one, len, d);
          });
    }
  }
  const auto measure = [&](int q) {
    close_qubit(work.data(), n, n_bits, q, std::popcount(open & low_bits(q)),
                DiagonalWeights(tail[q]));
    open &= ~bit(q);
    --n_bits;
  };
  for (const int q : set_bits(at_once & open)) measure(q);

  const Positions rows = offset_positions(0);
  for (std::size_t k = 0; k < gates.size(); ++k) {
    if (in_tail[k] || support[k].empty()) continue;  // folded, or a global phase
    const Gate& g = gates[k];
    Positions columns{};
    for (const int q : support[k]) columns[q] = n + std::popcount(open & low_bits(q));
    const double angle = angle_of(g);
    apply_side(work.data(), n_bits, g, angle, rows, false);
    apply_side(work.data(), n_bits, g, angle, columns, true);
    for (const int q : support[k])
      if (last_multi[q] == static_cast<std::ptrdiff_t>(k)) measure(q);
  }
  QMOL_ASSERT(open == 0 && n_bits == n, "diagonal_after: a qubit left unmeasured");
  std::vector<double> d(std::size_t{1} << n);
  for (std::size_t r = 0; r < d.size(); ++r) d[r] = work[r].real();
  return d;
}

void DensityMatrix::depolarize(int q, double p) {
  check_qubit(q);
  QMOL_ASSERT(p >= 0.0 && p <= 1.0, fmt::format("depolarizing probability {}", p));
  // (1 - 4p/3) rho + (4p/3) (I/2 (x) Tr_q rho): the coherences of q shrink, its populations mix.
  const double keep = 1.0 - 4.0 * p / 3.0, mix = 2.0 * p / 3.0;
  for_each_block(vec_.data(), n_qubits_, q,
                 [&]<int S>(C* __restrict e00, C* __restrict e10, C* __restrict e01,
                            C* __restrict e11, Index len) {
                   for (Index j = 0; j < len; ++j) {
                     const C sum = mix * (e00[S * j] + e11[S * j]);
                     e00[S * j] = keep * e00[S * j] + sum;
                     e11[S * j] = keep * e11[S * j] + sum;
                     e10[S * j] *= keep;
                     e01[S * j] *= keep;
                   }
                 });
}

void DensityMatrix::depolarize(int a, int b, double p) {
  check_qubit(a);
  check_qubit(b);
  QMOL_ASSERT(a != b, "two-qubit depolarizing on one qubit");
  QMOL_ASSERT(p >= 0.0 && p <= 1.0, fmt::format("depolarizing probability {}", p));
  // (1 - 16p/15) rho + (16p/15) (I/4 (x) Tr_ab rho).
  const double keep = 1.0 - 16.0 * p / 15.0, mix = 4.0 * p / 15.0;
  const int n = n_qubits_;
  int cleared[4] = {a, b, a + n, b + n};
  std::sort(std::begin(cleared), std::end(cleared));
  // The pair's local index k (bit 0 = a, bit 1 = b) as offsets in the row and column halves.
  Index row_offset[4], column_offset[4];
  for (int k = 0; k < 4; ++k) {
    row_offset[k] = static_cast<Index>(((k & 1) ? bit(a) : 0) | ((k & 2) ? bit(b) : 0));
    column_offset[k] = row_offset[k] << n;
  }
  C* v = vec_.data();
  for_each_base(2 * n, cleared, [&](Index i) {
    C sum = 0.0;
    for (int k = 0; k < 4; ++k) sum += v[i | row_offset[k] | column_offset[k]];
    sum *= mix;
    for (int r = 0; r < 4; ++r)
      for (int c = 0; c < 4; ++c) {
        C& e = v[i | row_offset[r] | column_offset[c]];
        e = r == c ? keep * e + sum : keep * e;
      }
  });
}

void DensityMatrix::amplitude_damp(int q, double gamma) {
  check_qubit(q);
  QMOL_ASSERT(gamma >= 0.0 && gamma <= 1.0, fmt::format("amplitude damping {}", gamma));
  // K0 rho K0^dagger + K1 rho K1^dagger on the 2x2 block of q: rho00 + g rho11, (1 - g) rho11,
  // and the coherences times sqrt(1 - g).
  const double keep = std::sqrt(1.0 - gamma);
  for_each_block(vec_.data(), n_qubits_, q,
                 [&]<int S>(C* __restrict e00, C* __restrict e10, C* __restrict e01,
                            C* __restrict e11, Index len) {
                   for (Index j = 0; j < len; ++j) {
                     const C excited = e11[S * j];
                     e00[S * j] += gamma * excited;
                     e11[S * j] = (1.0 - gamma) * excited;
                     e10[S * j] *= keep;
                     e01[S * j] *= keep;
                   }
                 });
}

}  // namespace qmol
