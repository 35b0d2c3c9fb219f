#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "qmol/core/combinatorics.h"

namespace qmol {

// The determinants with n_alpha alpha and n_beta beta electrons in n_orbitals spatial orbitals.
// A string is a bit mask of occupied spatial orbitals (bit p = orbital p). Strings are listed in
// increasing numeric order; amplitude index = alpha_index * n_beta_strings() + beta_index.
//
// Phase convention (shared by every determinant-space code and equal to Jordan-Wigner amplitudes):
// |D> = prod over occupied spin orbitals k in increasing k of a^dagger_k |vac>, where spatial
// orbital p gives spin orbitals 2p (alpha) and 2p+1 (beta) — the interleaved ordering.
class DeterminantSpace {
 public:
  DeterminantSpace(int n_orbitals, int n_alpha, int n_beta);

  int n_orbitals() const { return n_orbitals_; }
  int n_alpha() const { return n_alpha_; }
  int n_beta() const { return n_beta_; }
  std::size_t n_alpha_strings() const { return alpha_strings_.size(); }
  std::size_t n_beta_strings() const { return beta_strings_.size(); }
  std::size_t size() const { return n_alpha_strings() * n_beta_strings(); }
  std::uint64_t alpha_string(std::size_t i) const { return alpha_strings_[i]; }
  std::uint64_t beta_string(std::size_t i) const { return beta_strings_[i]; }
  // Index of a string with the right popcount (combinatorial number system).
  std::size_t alpha_index(std::uint64_t string) const;
  std::size_t beta_index(std::uint64_t string) const;
  // Qubit basis-state index of determinant (ia, ib) under Jordan-Wigner: bit 2p alpha, 2p+1 beta.
  std::uint64_t jordan_wigner_index(std::size_t ia, std::size_t ib) const;

  // Number of determinants without building the space (for memory estimates).
  static double count(int n_orbitals, int n_alpha, int n_beta);

  // Bit p set when an odd number of orbitals above p are occupied in `alpha`. The interleaved
  // amplitude of (alpha, beta) is (-1)^popcount(beta & reorder_mask(alpha)) times its amplitude in
  // the alpha-then-beta order prod a^dagger_{p alpha} prod a^dagger_{q beta} |vac>, in which
  // same-spin operator pairs act on one string alone.
  static std::uint64_t reorder_mask(std::uint64_t alpha);

 private:
  int n_orbitals_, n_alpha_, n_beta_;
  std::vector<std::uint64_t> alpha_strings_, beta_strings_;
  BinomialTable binomial_;  // up to n_orbitals: the combinatorial number system
  std::size_t string_index(std::uint64_t string) const;
};

}  // namespace qmol
