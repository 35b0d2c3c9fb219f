#pragma once
// The serial gate kernels on a contiguous amplitude buffer, shared by the Statevector members
// (which split the index range over threads) and the fused circuit (which runs them on one
// cache-sized block at a time). Each kernel takes a range [k0, k1) of its loop index: the pair
// index of a single-qubit gate (2^n / 2 pairs), the quadruple index of a two-qubit gate (2^n / 4),
// or the amplitude index of a diagonal Pauli rotation. The loops walk contiguous runs below the
// lowest gate qubit and do complex arithmetic on split real and imaginary parts, so that GCC
// vectorises them; no kernel branches on an amplitude.

#include <algorithm>
#include <complex>
#include <cstdint>

#include "qmol/core/bits.h"

namespace qmol::kernels {

using Amplitude = std::complex<double>;
using Index = std::int64_t;  // OpenMP loops want a signed index

// The k-th index with a zero at bit q: the bits of k above q move up by one.
inline std::uint64_t insert_zero(std::uint64_t k, int q) {
  const std::uint64_t low = low_bits(q);
  return ((k & ~low) << 1) | (k & low);
}

// A 2x2 complex matrix as split parts, row-major.
struct Matrix2 {
  double re[4], im[4];
  Matrix2(Amplitude m00, Amplitude m01, Amplitude m10, Amplitude m11)
      : re{m00.real(), m01.real(), m10.real(), m11.real()},
        im{m00.imag(), m01.imag(), m10.imag(), m11.imag()} {}
};

// (x, y) <- (m00 x + m01 y, m10 x + m11 y) on len complex numbers `stride` doubles apart.
template <int Stride>
inline void rotate_runs(double* __restrict x, double* __restrict y, Index len, const Matrix2& m) {
  const double ar = m.re[0], ai = m.im[0], br = m.re[1], bi = m.im[1];
  const double cr = m.re[2], ci = m.im[2], dr = m.re[3], di = m.im[3];
  for (Index j = 0; j < len; ++j) {
    const double xr = x[Stride * j], xi = x[Stride * j + 1];
    const double yr = y[Stride * j], yi = y[Stride * j + 1];
    x[Stride * j] = ar * xr - ai * xi + br * yr - bi * yi;
    x[Stride * j + 1] = ar * xi + ai * xr + br * yi + bi * yr;
    y[Stride * j] = cr * xr - ci * xi + dr * yr - di * yi;
    y[Stride * j + 1] = cr * xi + ci * xr + dr * yi + di * yr;
  }
}

// Calls body(first, len) for the runs of [k0, k1) whose indices map(k) are contiguous: a run
// ends where bit `low` of the mapped index would change.
template <class Map, class Body>
inline void for_each_run(Index k0, Index k1, int low, Map map, Body body) {
  const Index run = Index{1} << low;
  for (Index k = k0; k < k1;) {
    const Index len = std::min(run - (k & (run - 1)), k1 - k);
    body(static_cast<Index>(map(static_cast<std::uint64_t>(k))), len);
    k += len;
  }
}

// A general single-qubit unitary on qubit q.
inline void matrix(Amplitude* a, int q, Index k0, Index k1, const Matrix2& m) {
  double* p = reinterpret_cast<double*>(a);
  if (q == 0) {  // the pair is adjacent: one interleaved loop over all pairs
    rotate_runs<4>(p + 4 * k0, p + 4 * k0 + 2, k1 - k0, m);
    return;
  }
  const Index half = Index{1} << q;
  for_each_run(
      k0, k1, q, [q](std::uint64_t k) { return insert_zero(k, q); },
      [&](Index i, Index len) { rotate_runs<2>(p + 2 * i, p + 2 * (i + half), len, m); });
}

// A single-qubit unitary on target t chosen by the control qubit c: m0 where bit c is clear, m1
// where it is set (a CNOT and a matrix on its target in one pass). k is the pair index of t.
inline void multiplexed(Amplitude* a, int c, int t, Index k0, Index k1, const Matrix2& m0,
                        const Matrix2& m1) {
  double* p = reinterpret_cast<double*>(a);
  const Index half = Index{1} << t;
  auto pair = [t](std::uint64_t k) { return insert_zero(k, t); };
  if (c == 0) {  // the control alternates along a run: even elements get m0, odd ones m1
    for_each_run(k0, k1, t, pair, [&](Index i, Index len) {
      double* x = p + 2 * i;
      double* y = x + 2 * half;
      if (i & 1) {  // a run cut at an odd index (a thread's slice) starts with an m1 element
        rotate_runs<2>(x, y, 1, m1);
        x += 2, y += 2, --len;
      }
      rotate_runs<4>(x, y, len / 2, m0);
      rotate_runs<4>(x + 2, y + 2, len / 2, m1);
      if (len & 1) rotate_runs<2>(x + 2 * (len - 1), y + 2 * (len - 1), 1, m0);
    });
    return;
  }
  const int control = c < t ? c : c - 1;  // the control's bit in the pair index
  if (t == 0) {                           // adjacent pairs, runs of one control value
    for_each_run(
        k0, k1, control, [](std::uint64_t k) { return k; },
        [&](Index k, Index len) {
          rotate_runs<4>(p + 4 * k, p + 4 * k + 2, len, (k >> control) & 1 ? m1 : m0);
        });
    return;
  }
  for_each_run(k0, k1, std::min(t, control), pair, [&](Index i, Index len) {
    rotate_runs<2>(p + 2 * i, p + 2 * (i + half), len, (i >> c) & 1 ? m1 : m0);
  });
}

// z <- d z on len complex numbers `stride` doubles apart.
template <int Stride>
inline void scale_runs(double* __restrict z, Index len, double dr, double di) {
  for (Index j = 0; j < len; ++j) {
    const double zr = z[Stride * j], zi = z[Stride * j + 1];
    z[Stride * j] = dr * zr - di * zi;
    z[Stride * j + 1] = dr * zi + di * zr;
  }
}

// diag(d0, d1) on qubit q.
inline void diagonal(Amplitude* a, int q, Index k0, Index k1, Amplitude d0, Amplitude d1) {
  double* p = reinterpret_cast<double*>(a);
  if (q == 0) {
    scale_runs<4>(p + 4 * k0, k1 - k0, d0.real(), d0.imag());
    scale_runs<4>(p + 4 * k0 + 2, k1 - k0, d1.real(), d1.imag());
    return;
  }
  const Index half = Index{1} << q;
  for_each_run(
      k0, k1, q, [q](std::uint64_t k) { return insert_zero(k, q); },
      [&](Index i, Index len) {
        scale_runs<2>(p + 2 * i, len, d0.real(), d0.imag());
        scale_runs<2>(p + 2 * (i + half), len, d1.real(), d1.imag());
      });
}

// Exchanges the runs x[0, len) and y[0, len).
inline void swap_runs(Amplitude* __restrict x, Amplitude* __restrict y, Index len) {
  for (Index j = 0; j < len; ++j) std::swap(x[j], y[j]);
}

// X on qubit q: a permutation, no arithmetic.
inline void x_gate(Amplitude* a, int q, Index k0, Index k1) {
  const Index half = Index{1} << q;
  for_each_run(
      k0, k1, q, [q](std::uint64_t k) { return insert_zero(k, q); },
      [&](Index i, Index len) { swap_runs(a + i, a + i + half, len); });
}

// The quadruple index k of qubits lo < hi as the index with both bits clear.
struct InsertTwo {
  int lo, hi;
  std::uint64_t operator()(std::uint64_t k) const { return insert_zero(insert_zero(k, lo), hi); }
};

// Exchanges amplitudes i | from and i | to over the quadruples of qubits a != b.
inline void swap_quads(Amplitude* p, int a, int b, std::uint64_t from, std::uint64_t to, Index k0,
                       Index k1) {
  const InsertTwo map{std::min(a, b), std::max(a, b)};
  for_each_run(k0, k1, map.lo, map, [&](Index i, Index len) {
    swap_runs(p + i + static_cast<Index>(from), p + i + static_cast<Index>(to), len);
  });
}

inline void cnot(Amplitude* a, int control, int target, Index k0, Index k1) {
  swap_quads(a, control, target, bit(control), bit(control) | bit(target), k0, k1);
}

inline void swap(Amplitude* a, int q0, int q1, Index k0, Index k1) {
  swap_quads(a, q0, q1, bit(q0), bit(q1), k0, k1);
}

inline void cz(Amplitude* a, int q0, int q1, Index k0, Index k1) {
  const InsertTwo map{std::min(q0, q1), std::max(q0, q1)};
  const Index both = static_cast<Index>(bit(q0) | bit(q1));
  double* p = reinterpret_cast<double*>(a);
  for_each_run(k0, k1, map.lo, map, [&](Index i, Index len) {
    double* z = p + 2 * (i + both);
    for (Index j = 0; j < 2 * len; ++j) z[j] = -z[j];
  });
}

// exp(-i t P/2) for a Pauli string P = i^{n_Y} X^x Z^z acting on qubits x | z: c = cos(t/2),
// f = -i sin(t/2) i^{popcount(x & z)}. When x == 0 the rotation is diagonal and k runs over all
// amplitudes; otherwise over the pairs (i, i ^ x) with bit highest_bit(x) of i clear:
//   psi'_i = c psi_i + (-1)^{popcount(j & z)} f psi_j,   j = i ^ x.
inline void pauli_rotation(Amplitude* a, std::uint64_t x, std::uint64_t z, double c, Amplitude f,
                           Index k0, Index k1) {
  if (x == 0) {  // a phase c + f or c - f by the parity of the Z qubits
    const Amplitude even = c + f, odd = c - f;
    for (Index i = k0; i < k1; ++i) {
      const Amplitude d = parity(static_cast<std::uint64_t>(i) & z) ? odd : even;
      a[i] = {d.real() * a[i].real() - d.imag() * a[i].imag(),
              d.real() * a[i].imag() + d.imag() * a[i].real()};
    }
    return;
  }
  const int pivot = highest_bit(x);
  for (Index k = k0; k < k1; ++k) {
    const std::uint64_t i = insert_zero(static_cast<std::uint64_t>(k), pivot), j = i ^ x;
    const Amplitude ai = a[i], aj = a[j];
    const double si = parity_sign(i & z), sj = parity_sign(j & z);
    a[i] = {c * ai.real() + sj * (f.real() * aj.real() - f.imag() * aj.imag()),
            c * ai.imag() + sj * (f.real() * aj.imag() + f.imag() * aj.real())};
    a[j] = {c * aj.real() + si * (f.real() * ai.real() - f.imag() * ai.imag()),
            c * aj.imag() + si * (f.real() * ai.imag() + f.imag() * ai.real())};
  }
}

}  // namespace qmol::kernels
