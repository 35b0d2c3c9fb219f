#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "qmol/sim/determinant_space.h"

namespace qmol {

// Total spin S^2 applied in a determinant space, with DeterminantSpace's string layout and
// interleaved phases:
//   S^2 = Sz^2 + N/2 - sum_pq a+_{p alpha} a_{q alpha} a+_{q beta} a_{p beta}.
// Sz and N are constant in the space; the exchange sum only swaps the spins of one alpha-only
// and one beta-only orbital, so S^2 |D> has at most 1 + n_open_alpha * n_open_beta terms and an
// application costs far less than one sigma build. Real and symmetric. OpenMP-parallel over
// output rows (race-free gathers), no scratch vectors.
class DeterminantSpinSquared {
 public:
  explicit DeterminantSpinSquared(const DeterminantSpace& space);

  const DeterminantSpace& space() const { return space_; }
  double ms() const { return 0.5 * (space_.n_alpha() - space_.n_beta()); }
  // Highest total spin of any state in the space: half the most electrons that can be unpaired.
  double max_spin() const;

  // out = S^2 in; in and out have space().size() entries and must not overlap.
  void apply(const double* in, double* out) const;
  // <v|S^2|v> / <v|v> without storing S^2 v (0 for a zero vector).
  double expectation(const double* v) const;

  // The nonzero elements <D_i|S^2|D_j> of one column j = determinant index, as (i, value).
  std::vector<std::pair<std::size_t, double>> column(std::size_t index) const;

 private:
  const DeterminantSpace& space_;
  // Index of string I with occupied orbital p replaced by empty orbital q, for the k-th occupied
  // (from the bottom) and the e-th empty orbital: replaced[I * k (n - k) + k_rank * (n - k) + e].
  std::vector<std::uint32_t> alpha_replaced_, beta_replaced_;
  std::vector<std::uint64_t> reorder_masks_;  // DeterminantSpace::reorder_mask per alpha string

  template <class F>
  void for_each_element(std::size_t ia, std::size_t ib, F&& f) const;
};

// S of a state with <S^2> = S(S+1).
double spin_from_s_squared(double s_squared);

}  // namespace qmol
