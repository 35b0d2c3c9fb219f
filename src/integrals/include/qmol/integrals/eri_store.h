#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "qmol/integrals/basis_set.h"

namespace qmol {

// How the stored integrals are laid out in memory.
enum class EriLayout {
  automatic,       // pair_matrices when both fit in kPairMatricesBytes, else shell_quartets
  shell_quartets,  // libint2's blocks of the Schwarz-surviving unique shell quartets
  pair_matrices,   // Coulomb and exchange matrices over function pairs (Raffenetti's PK)
};

// Above this the pair matrices are not used (a molecule of about 127 functions reaches it).
inline constexpr std::size_t kPairMatricesBytes = std::size_t{512} << 20;

// Two-electron repulsion integrals (pq|rs) (chemists' notation), computed once and kept in
// memory, in one of two layouts.
//
// shell_quartets: one block per 8-fold symmetry-unique shell quartet. Quartets are grouped by
// shell pairs PQ (P >= Q); a quartet (PQ|RS) is stored when RS <= PQ (pair order) and it survives
// Schwarz screening, sqrt((PQ|PQ)) * sqrt((RS|RS)) >= threshold. Each stored quartet is libint2's
// full block, row-major over (p, q, r, s) of the four shells.
//
// pair_matrices: with pq = p(p+1)/2 + q (p >= q) the function pairs, the symmetric matrices
// exchange(pq, rs) = ((pr|qs) + (ps|qr)) / 2 and closed_shell(pq, rs) = (pq|rs) - exchange(pq, rs)
// / 2 as packed lower triangles. J - K/2 (the closed-shell Fock matrix's two-electron part) or K
// alone is then one streaming symmetric matrix-vector product, J and K two (and screened quartets
// are zeros): several times faster than the quartet loop for small molecules at about twice the
// memory.
class EriStore {
 public:
  struct ShellPair {
    int p = 0;  // shell indices, p >= q
    int q = 0;
  };

  EriStore() = default;
  // Computes every stored quartet with `threads` threads (one libint2 engine each).
  EriStore(const BasisSet& basis, double threshold, int threads,
           EriLayout layout = EriLayout::automatic);

  // (pq|rs) for any AO indices; 0 for screened quartets.
  double operator()(int p, int q, int r, int s) const;
  // block(p, q) = (pq|rs) for every p, q (block is resized to n x n).
  void pair_block(int r, int s, Eigen::MatrixXd& block) const;

  // The layout `automatic` picks for n functions (pair matrices when they fit in
  // kPairMatricesBytes and, if memory_limit_bytes > 0, in that limit), and the bytes the integrals
  // then take (an upper bound: the quartet layout drops what screening removes).
  static EriLayout automatic_layout(int n_functions, double memory_limit_bytes = 0);
  static double estimated_bytes(int n_functions, double memory_limit_bytes = 0);

  EriLayout layout() const { return layout_; }
  int n_functions() const { return static_cast<int>(shell_of_function_.size()); }
  double threshold() const { return threshold_; }
  std::size_t stored_values() const { return values_.size() + closed_shell_pairs_.size(); }

  // Index of the function pair (p, q) in either order, and of an element of a packed symmetric
  // matrix over pairs.
  static std::int64_t pair_index(std::int64_t p, std::int64_t q) {
    return p >= q ? p * (p + 1) / 2 + q : q * (q + 1) / 2 + p;
  }

  // Read access for kernels that loop over the stored integrals (the J/K build).
  // shell_quartets:
  const std::vector<ShellPair>& pairs() const { return pairs_; }
  int shell_first_function(int shell) const { return shell_first_[shell]; }
  int shell_size(int shell) const { return shell_size_[shell]; }
  // Stored quartets of bra pair `bra` are entries [quartet_begin(bra), quartet_begin(bra + 1)).
  std::int64_t quartet_begin(int bra) const { return row_begin_[bra]; }
  int quartet_ket(std::int64_t quartet) const { return ket_pair_[quartet]; }
  const double* quartet_values(std::int64_t quartet) const {
    return values_.data() + value_offset_[quartet];
  }
  // pair_matrices: packed lower triangles, row pq holding columns rs <= pq.
  const std::vector<double>& closed_shell_pairs() const { return closed_shell_pairs_; }
  const std::vector<double>& exchange_pairs() const { return exchange_pairs_; }

 private:
  // The stored quartet (bra|ket) of shell pairs (indices into pairs_, bra >= ket), or -1.
  std::int64_t find_quartet(int bra, int ket) const;
  // From the Coulomb matrix held in closed_shell_pairs_: the exchange one, then closed_shell.
  void fill_exchange_pairs(int threads);
  // (pq|rs) of the pair layout from the stored matrices.
  double coulomb_pair(std::int64_t pq, std::int64_t rs) const;

  EriLayout layout_ = EriLayout::shell_quartets;
  double threshold_ = 0.0;
  std::vector<int> shell_of_function_;
  std::vector<int> shell_first_;
  std::vector<int> shell_size_;
  std::vector<int> pair_of_shells_;  // P*(P+1)/2 + Q -> index into pairs_, -1 if negligible
  std::vector<ShellPair> pairs_;     // significant shell pairs
  // shell_quartets (the pair layout drops them once computed):
  std::vector<std::int64_t> row_begin_;     // per bra pair, into ket_pair_ (CSR), size pairs+1
  std::vector<int> ket_pair_;               // ket pair of each stored quartet, ascending per row
  std::vector<std::int64_t> value_offset_;  // start of each stored quartet in values_
  std::vector<double> values_;              // shell_quartets
  std::vector<double> closed_shell_pairs_;  // pair_matrices
  std::vector<double> exchange_pairs_;
};

}  // namespace qmol
