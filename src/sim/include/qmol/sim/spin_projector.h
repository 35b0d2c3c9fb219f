#pragma once

#include <cstdint>
#include <vector>

#include "qmol/sim/spin_operator.h"

namespace qmol {

// Loewdin's projector onto total spin S in a determinant space:
//   P_S = prod_{S' != S} (S^2 - S'(S'+1)) / (S(S+1) - S'(S'+1)),
// over the spins S' present (|Ms| <= S' <= max_spin, in steps of 1). One S^2 application per
// factor; the factors with the largest S'(S'+1) come first, so each later factor amplifies only
// what earlier ones left (rounding stays near 1e-13 relative even for S_max = 8).
//
// With Ms = 0 the exchange of alpha and beta strings multiplies a state of spin S by (-1)^S
// (in the alpha-then-beta phases; a closed shell is a singlet and symmetric), so the projector
// first keeps the part of that parity — one cheap pass that removes every spin of the other
// parity — and then needs factors only for the spins of the same parity: half the S^2
// applications.
class SpinProjector {
 public:
  // InputError unless spin is one of the spins present in the space.
  SpinProjector(const DeterminantSpinSquared& s_squared, double spin);

  double spin() const { return spin_; }
  // Passes over the vector apply() makes (S^2 applications and the exchange pass); 0 when the
  // space holds spin S alone.
  int n_factors() const;
  // v <- P_S v. scratch is work space (resized; its contents are lost).
  void apply(std::vector<double>& v, std::vector<double>& scratch) const;
  // v <- (v + (-1)^S T v) / 2 with T the exchange of alpha and beta strings, when Ms = 0 (else
  // nothing): apply()'s first, cheap pass, which removes the spins of the other parity.
  void keep_exchange_parity(std::vector<double>& v) const;

 private:
  const DeterminantSpinSquared& s_squared_;
  double spin_;
  std::vector<double> removed_;  // S'(S'+1) of the removed spins, largest first
  int exchange_parity_ = 0;      // (-1)^S when Ms = 0, else 0 (no exchange symmetry)
  // Interleaved phase of determinant (a, b) relative to alpha-then-beta, as a bit mask per
  // alpha string (DeterminantSpace::reorder_mask), when exchange_parity_ != 0.
  std::vector<std::uint64_t> reorder_masks_;
};

}  // namespace qmol
