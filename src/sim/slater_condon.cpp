#include "qmol/sim/slater_condon.h"

#include <bit>

#include "qmol/core/bits.h"
#include "qmol/sim/determinant_space.h"

namespace qmol {

namespace {

// Applies a_p (create = false) or a+_p to a string; returns the sign (-1)^(electrons below p).
int ladder(std::uint64_t& s, int p) {
  const int sign = parity(s & low_bits(p)) ? -1 : 1;
  s ^= bit(p);
  return sign;
}

int reorder_sign(std::uint64_t alpha, std::uint64_t beta) {
  return parity(beta & DeterminantSpace::reorder_mask(alpha)) ? -1 : 1;
}

}  // namespace

double hamiltonian_element(const MolecularHamiltonian& h, std::uint64_t bra_alpha,
                           std::uint64_t bra_beta, std::uint64_t ket_alpha,
                           std::uint64_t ket_beta) {
  if (std::popcount(bra_alpha) != std::popcount(ket_alpha) ||
      std::popcount(bra_beta) != std::popcount(ket_beta))
    return 0.0;
  const int alpha_degree = std::popcount(bra_alpha ^ ket_alpha) / 2;
  const int beta_degree = std::popcount(bra_beta ^ ket_beta) / 2;
  if (alpha_degree + beta_degree > 2) return 0.0;
  if (alpha_degree + beta_degree == 0) return h.determinant_energy(ket_alpha, ket_beta);
  // In the alpha-then-beta order a same-spin operator pair acts on its own string only.
  const int phase = reorder_sign(bra_alpha, bra_beta) * reorder_sign(ket_alpha, ket_beta);
  const int n = h.n_orbitals();
  if (alpha_degree + beta_degree == 1) {
    const bool alpha = alpha_degree == 1;
    const std::uint64_t bra = alpha ? bra_alpha : bra_beta, ket = alpha ? ket_alpha : ket_beta;
    const std::uint64_t other = alpha ? ket_beta : ket_alpha;
    const int i = lowest_bit(ket & ~bra), a = lowest_bit(bra & ~ket);
    std::uint64_t s = ket;
    const int sign = ladder(s, i) * ladder(s, a);  // a+_a a_i |ket>
    double value = h.one_body(a, i);
    for (int k = 0; k < n; ++k) {
      if (((ket >> k) & 1) && k != i) value += h.two_body(a, i, k, k) - h.two_body(a, k, k, i);
      if ((other >> k) & 1) value += h.two_body(a, i, k, k);
    }
    return phase * sign * value;
  }
  if (alpha_degree == 1) {  // one alpha and one beta replacement: (ai|bj)
    const int i = lowest_bit(ket_alpha & ~bra_alpha), a = lowest_bit(bra_alpha & ~ket_alpha);
    const int j = lowest_bit(ket_beta & ~bra_beta), b = lowest_bit(bra_beta & ~ket_beta);
    std::uint64_t sa = ket_alpha, sb = ket_beta;
    const int sign = ladder(sa, i) * ladder(sa, a) * ladder(sb, j) * ladder(sb, b);
    return phase * sign * h.two_body(a, i, b, j);
  }
  // Two replacements of one spin: a+_a a+_b a_j a_i |ket> with value (ai|bj) - (aj|bi).
  const bool alpha = alpha_degree == 2;
  const std::uint64_t bra = alpha ? bra_alpha : bra_beta, ket = alpha ? ket_alpha : ket_beta;
  const std::uint64_t holes = ket & ~bra, particles = bra & ~ket;
  const int i = lowest_bit(holes), j = lowest_bit(holes & (holes - 1));
  const int a = lowest_bit(particles), b = lowest_bit(particles & (particles - 1));
  std::uint64_t s = ket;
  const int sign = ladder(s, i) * ladder(s, j) * ladder(s, b) * ladder(s, a);
  return phase * sign * (h.two_body(a, i, b, j) - h.two_body(a, j, b, i));
}

}  // namespace qmol
