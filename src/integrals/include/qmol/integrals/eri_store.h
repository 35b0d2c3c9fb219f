#pragma once

#include <cstdint>
#include <vector>

#include "qmol/integrals/basis_set.h"

namespace qmol {

// Two-electron repulsion integrals (pq|rs) (chemists' notation) kept in memory once per
// 8-fold symmetry-unique shell quartet. Quartets are grouped by shell pairs PQ (P >= Q); a quartet
// (PQ|RS) is stored when RS <= PQ (pair order) and it survives Schwarz screening,
// sqrt((PQ|PQ)) * sqrt((RS|RS)) >= threshold. Each stored quartet is libint2's full block,
// row-major over (p, q, r, s) of the four shells.
class EriStore {
 public:
  struct ShellPair {
    int p = 0;  // shell indices, p >= q
    int q = 0;
  };

  EriStore() = default;
  // Computes every stored quartet with `threads` threads (one libint2 engine each).
  EriStore(const BasisSet& basis, double threshold, int threads);

  // (pq|rs) for any AO indices; 0 for screened quartets.
  double operator()(int p, int q, int r, int s) const;

  int n_functions() const { return static_cast<int>(shell_of_function_.size()); }
  double threshold() const { return threshold_; }
  std::size_t stored_values() const { return values_.size(); }
  std::size_t stored_quartets() const { return ket_pair_.size(); }

  // Read access for kernels that loop over the stored quartets (the J/K build).
  const std::vector<ShellPair>& pairs() const { return pairs_; }
  int shell_first_function(int shell) const { return shell_first_[shell]; }
  int shell_size(int shell) const { return shell_size_[shell]; }
  // Stored quartets of bra pair `bra` are entries [quartet_begin(bra), quartet_begin(bra + 1)).
  std::int64_t quartet_begin(int bra) const { return row_begin_[bra]; }
  int quartet_ket(std::int64_t quartet) const { return ket_pair_[quartet]; }
  const double* quartet_values(std::int64_t quartet) const {
    return values_.data() + value_offset_[quartet];
  }

 private:
  double threshold_ = 0.0;
  std::vector<int> shell_of_function_;
  std::vector<int> shell_first_;
  std::vector<int> shell_size_;
  std::vector<int> pair_of_shells_;         // P*(P+1)/2 + Q -> index into pairs_, -1 if negligible
  std::vector<ShellPair> pairs_;            // significant shell pairs
  std::vector<std::int64_t> row_begin_;     // per bra pair, into ket_pair_ (CSR), size pairs+1
  std::vector<int> ket_pair_;               // ket pair of each stored quartet, ascending per row
  std::vector<std::int64_t> value_offset_;  // start of each stored quartet in values_
  std::vector<double> values_;
};

}  // namespace qmol
