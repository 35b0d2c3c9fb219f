#include "qmol/qubit/jordan_wigner_hamiltonian.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <vector>

#include "qmol/core/bits.h"
#include "qmol/qubit/majorana.h"
#include "spin_orbital_integrals.h"

// Jordan-Wigner: a_j = (c_j + i d_j)/2 with c_j = Z_{<j} X_j, d_j = Z_{<j} Y_j. Every term of H
// moves an even number of distinct modes, and its strings carry X or Y exactly on those modes:
//   none:  n_i = (1 - Z_i)/2 and n_i n_j give I, Z_i, Z_i Z_j;
//   two:   a†_p a_q + a†_q a_p = (X_p Z.. X_q + Y_p Z.. Y_q)/2 (p < q, Z on the qubits between),
//          times n_m = (1 - Z_m)/2 for the two-body terms a†_p n_m a_q;
//   four:  a†a†aa on modes p < q < r < s, a combination of the 16 products of one Majorana per
//          mode, of which the 8 with an even number of d's survive (real coefficients).
// Strings of different classes or mode sets differ in their X masks, so each coefficient is
// complete where it is computed.

namespace qmol {

namespace {

using Term = QubitOperator::Term;

constexpr int kWords = kMaxQubits / 64;

void set_x(PauliString& s, int q) {
  s.x[q / 64] |= bit(q % 64);
}
void flip_z(PauliString& s, int q) {
  s.z[q / 64] ^= bit(q % 64);
}

// Z on the qubits strictly between a < b: the sign string of a hop from a to b.
void add_z_between(PauliString& s, int a, int b) {
  for (int w = 0; w < kWords; ++w) {
    const int lo = std::clamp(a + 1 - 64 * w, 0, 64), hi = std::clamp(b - 64 * w, 0, 64);
    if (lo < hi) s.z[w] |= low_bits(hi) & ~low_bits(lo);
  }
}

void emit(std::vector<Term>& out, const PauliString& p, double c) {
  if (std::abs(c) >= kMappingThreshold) out.emplace_back(p, c);
}

// One of the six ways to split four ordered modes 0 < 1 < 2 < 3 (positions) into the creators
// i > j and the annihilators k > l of W(i, j, k, l) a†_i a†_j a_k a_l, with the real factor that
// term contributes to each string (index: bit t set = position t takes d instead of c).
struct Split {
  int i, j, k, l;
  std::array<double, 16> factor{};
};

constexpr std::array<Split, 6> make_splits() {
  std::array<Split, 6> splits{};
  int n = 0;
  for (int a = 0; a < 4; ++a)
    for (int b = a + 1; b < 4; ++b) {
      Split& sp = splits[n++];
      int rest[2], r = 0;
      for (int t = 0; t < 4; ++t)
        if (t != a && t != b) rest[r++] = t;
      sp.i = b, sp.j = a, sp.k = rest[1], sp.l = rest[0];
      // Sorting a†_i a†_j a_k a_l into mode order: the sign of the permutation.
      const int order[4] = {sp.i, sp.j, sp.k, sp.l};
      int inversions = 0;
      for (int u = 0; u < 4; ++u)
        for (int v = u + 1; v < 4; ++v) inversions += order[u] > order[v];
      const double sign = inversions % 2 ? -1.0 : 1.0;
      const int creators = (1 << a) | (1 << b);
      for (int d = 0; d < 16; ++d) {
        if (std::popcount(static_cast<unsigned>(d)) % 2) continue;
        // Exponent of i: each d brings i (annihilator) or -i (creator); the product of the four
        // Majoranas in mode order is i^3 Y (c) or i X (d) on positions 0 and 2, X or Y on 1 and 3.
        const int e = std::popcount(static_cast<unsigned>(d)) +
                      2 * std::popcount(static_cast<unsigned>(d & creators)) + (d & 1 ? 1 : 3) +
                      (d & 4 ? 1 : 3);
        sp.factor[d] = sign * (e % 4 == 0 ? 1.0 : -1.0) / 16.0;  // e is even
      }
    }
  return splits;
}

constexpr std::array<Split, 6> kSplits = make_splits();

// Block 0: the Z strings of the number operators, core energy included.
std::vector<Term> z_strings(const MolecularHamiltonian& h, const SpinOrbitalIntegrals& g) {
  const int n = h.n_spin_orbitals();
  double identity = h.core_energy();
  std::vector<double> z(n, 0.0);
  std::vector<Term> out;
  for (int i = 0; i < n; ++i) {
    const double d = g.one_body(i, i);  // d n_i
    identity += d / 2;
    z[i] -= d / 2;
    for (int j = 0; j < i; ++j) {
      const double v = -g.w(i, j, i, j);  // a†_i a†_j a_i a_j = -n_i n_j
      identity += v / 4;
      z[i] -= v / 4;
      z[j] -= v / 4;
      PauliString zz;
      flip_z(zz, i);
      flip_z(zz, j);
      emit(out, zz, v / 4);
    }
  }
  emit(out, PauliString{}, identity);
  for (int i = 0; i < n; ++i) {
    PauliString zi;
    flip_z(zi, i);
    emit(out, zi, z[i]);
  }
  return out;
}

void sort_strings(std::vector<Term>::iterator first, std::vector<Term>::iterator last) {
  std::sort(first, last, [](const Term& a, const Term& b) { return a.first < b.first; });
}

// The hop r -> s (r < s, same spin) and its products with n_m, for m outside {r, s}:
// W a†_i a†_j a_k a_l with one mode m in both pairs is +-W a†_r n_m a_s, + when r < m < s.
void hop_strings(const SpinOrbitalIntegrals& g, int n, int r, int s, std::vector<Term>& out) {
  const std::size_t first = out.size();
  PauliString xx;
  set_x(xx, r);
  set_x(xx, s);
  add_z_between(xx, r, s);
  PauliString yy = xx;
  flip_z(yy, r);
  flip_z(yy, s);
  double base = (g.one_body(r, s) + g.one_body(s, r)) / 4;
  for (int m = 0; m < n; ++m) {
    if (m == r || m == s) continue;
    const double t = (r < m && m < s ? 1.0 : -1.0) *
                     g.w(std::max(r, m), std::min(r, m), std::max(s, m), std::min(s, m));
    if (t == 0.0) continue;
    base += t / 4;
    PauliString xz = xx, yz = yy;
    flip_z(xz, m);
    flip_z(yz, m);
    emit(out, xz, -t / 4);
    emit(out, yz, -t / 4);
  }
  emit(out, xx, base);
  emit(out, yy, base);
  sort_strings(out.begin() + first, out.end());
}

// The eight strings of every set of four modes p < q < r < s, r and s fixed, by q, then p, then
// Z mask: within one set the Z masks differ only in the Y on p..s, which d ^ 5 orders (s highest).
void four_mode_strings(const SpinOrbitalIntegrals& g, int r, int s, std::vector<Term>& out) {
  PauliString rs;
  set_x(rs, r);
  set_x(rs, s);
  add_z_between(rs, r, s);
  for (int q = 0; q < r; ++q)
    for (int p = 0; p < q; ++p) {
      // Spin is conserved: an odd number of alpha modes leaves no term.
      if (((p + q + r + s) & 1) != 0) continue;
      const int mode[4] = {p, q, r, s};
      double w[6];
      bool any = false;
      for (int k = 0; k < 6; ++k) {
        const Split& sp = kSplits[k];
        w[k] = g.w(mode[sp.i], mode[sp.j], mode[sp.k], mode[sp.l]);
        any = any || w[k] != 0.0;
      }
      if (!any) continue;
      PauliString base = rs;
      set_x(base, p);
      set_x(base, q);
      add_z_between(base, p, q);
      for (int key = 0; key < 16; ++key) {
        const int d = key ^ 5;
        if (std::popcount(static_cast<unsigned>(d)) % 2) continue;
        double c = 0.0;
        for (int k = 0; k < 6; ++k) c += w[k] * kSplits[k].factor[d];
        if (std::abs(c) < kMappingThreshold) continue;
        // Y where position 0 or 2 takes c, or position 1 or 3 takes d.
        PauliString string = base;
        if (!(d & 1)) flip_z(string, p);
        if (d & 2) flip_z(string, q);
        if (!(d & 4)) flip_z(string, r);
        if (d & 8) flip_z(string, s);
        out.emplace_back(string, c);
      }
    }
}

// The strings whose highest X is on qubit s, in PauliString order if s < 64: by the second
// highest X qubit r, the hop r -> s (no lower X) before the four-mode sets.
void top_mode_strings(const SpinOrbitalIntegrals& g, int n, int s, std::vector<Term>& out) {
  for (int r = 0; r < s; ++r) {
    if (SpinOrbitalIntegrals::same_spin(r, s)) hop_strings(g, n, r, s, out);
    four_mode_strings(g, r, s, out);
  }
}

}  // namespace

QubitOperator jordan_wigner_hamiltonian(const MolecularHamiltonian& h) {
  const int n = h.n_spin_orbitals();
  check_qubit_count(n);
  const SpinOrbitalIntegrals g(h);
  // blocks[0]: the Z strings; blocks[1 + s]: the strings whose highest X is on qubit s. Each
  // block is written by one thread; the largest (highest s) go first.
  std::vector<std::vector<Term>> blocks(n + 1);
  blocks[0] = z_strings(h, g);
  sort_strings(blocks[0].begin(), blocks[0].end());
#pragma omp parallel for schedule(dynamic, 1)
  for (int s = n - 1; s >= 0; --s) top_mode_strings(g, n, s, blocks[1 + s]);

  std::size_t total = 0;
  for (const auto& block : blocks) total += block.size();
  QubitOperator op(n);
  op.reserve(total);
  for (auto& block : blocks) {
    for (const auto& [p, c] : block) op.add(p, c);
    block = {};
  }
  // Up to 64 qubits the blocks, ordered by their highest X qubit, are already in PauliString
  // order; beyond, that order compares the low mask word first.
  if (n > 64) op.simplify(kMappingThreshold);
  return op;
}

}  // namespace qmol
