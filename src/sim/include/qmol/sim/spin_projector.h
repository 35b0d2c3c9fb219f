#pragma once

#include <vector>

#include "qmol/sim/spin_operator.h"

namespace qmol {

// Loewdin's projector onto total spin S in a determinant space:
//   P_S = prod_{S' != S} (S^2 - S'(S'+1)) / (S(S+1) - S'(S'+1)),
// over the spins S' present (|Ms| <= S' <= max_spin, in steps of 1). One S^2 application per
// factor; the factors with the largest S'(S'+1) come first, so each later factor amplifies only
// what earlier ones left (rounding stays near 1e-13 relative even for S_max = 8).
class SpinProjector {
 public:
  // InputError unless spin is one of the spins present in the space.
  SpinProjector(const DeterminantSpinSquared& s_squared, double spin);

  double spin() const { return spin_; }
  int n_factors() const { return static_cast<int>(removed_.size()); }
  // v <- P_S v. scratch is work space (resized; its contents are lost).
  void apply(std::vector<double>& v, std::vector<double>& scratch) const;

 private:
  const DeterminantSpinSquared& s_squared_;
  double spin_;
  std::vector<double> removed_;  // S'(S'+1) of the removed spins, largest first
};

}  // namespace qmol
