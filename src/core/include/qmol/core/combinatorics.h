#pragma once
// Binomial coefficients: the sizes of determinant spaces (memory estimates) and the exact table
// behind the combinatorial number system that ranks determinant strings.

#include <cstdint>
#include <vector>

namespace qmol {

// C(n, k) as a double, 0 when k < 0 or k > n; exact while the value is below 2^53, and finite
// far beyond what any space here can hold (for size estimates before anything is built).
double binomial(int n, int k);

// C(n, k) for 0 <= k <= n <= max_n as exact 64-bit integers (C(64, 32) < 2^61), Pascal's
// triangle; operator() returns 0 for k > n.
class BinomialTable {
 public:
  explicit BinomialTable(int max_n);
  int max_n() const { return max_n_; }
  std::uint64_t operator()(int n, int k) const {
    return k > n ? 0 : table_[static_cast<std::size_t>(n) * (max_n_ + 1) + k];
  }

 private:
  int max_n_;
  std::vector<std::uint64_t> table_;  // row n, column k
};

}  // namespace qmol
