#include "qmol/core/combinatorics.h"

#include "qmol/core/errors.h"

namespace qmol {

double binomial(int n, int k) {
  if (k < 0 || k > n) return 0.0;
  if (k > n - k) k = n - k;
  // Each partial product C(n - k + i, i) is an integer, so every step rounds at most once.
  double b = 1.0;
  for (int i = 1; i <= k; ++i) b = b * (n - k + i) / i;
  return b;
}

BinomialTable::BinomialTable(int max_n) : max_n_(max_n) {
  QMOL_ASSERT(max_n >= 0 && max_n <= 64, "binomial table up to n = 64 (64-bit entries)");
  const std::size_t width = static_cast<std::size_t>(max_n) + 1;
  table_.assign(width * width, 0);
  for (int n = 0; n <= max_n; ++n) {
    table_[n * width] = 1;
    for (int k = 1; k <= n; ++k)
      table_[n * width + k] = table_[(n - 1) * width + k - 1] + table_[(n - 1) * width + k];
  }
}

}  // namespace qmol
