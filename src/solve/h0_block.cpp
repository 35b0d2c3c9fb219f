#include "h0_block.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <bit>
#include <cmath>
#include <queue>
#include <set>
#include <unordered_map>
#include <utility>

#include "qmol/core/bits.h"
#include "qmol/core/errors.h"
#include "qmol/sim/slater_condon.h"

namespace qmol {

namespace {

// Indices of the `count` lowest diagonal entries, ascending (ties by index, so runs agree).
std::vector<std::size_t> lowest_determinants(const std::vector<double>& diagonal,
                                             std::size_t count) {
  using Entry = std::pair<double, std::size_t>;
  std::priority_queue<Entry> heap;  // the largest kept entry on top
  for (std::size_t i = 0; i < diagonal.size(); ++i) {
    const Entry e{diagonal[i], i};
    if (heap.size() < count) {
      heap.push(e);
    } else if (e < heap.top()) {
      heap.pop();
      heap.push(e);
    }
  }
  std::vector<std::size_t> out(heap.size());
  for (std::size_t k = out.size(); k-- > 0; heap.pop()) out[k] = heap.top().second;
  return out;
}

// Bits of `mask` selected by the low bits of `pattern` (the k-th set bit of mask <- bit k).
std::uint64_t deposit(std::uint64_t pattern, std::uint64_t mask) {
  std::uint64_t out = 0;
  for (int k = 0; mask; ++k, mask &= mask - 1)
    if ((pattern >> k) & 1) out |= mask & (~mask + 1);
  return out;
}

}  // namespace

H0Block h0_block(const MolecularHamiltonian& h, const DeterminantSpace& space,
                 const std::vector<double>& diagonal, const DeterminantSpinSquared& s_squared,
                 std::optional<double> spin, std::size_t max_size) {
  const std::size_t nb = space.n_beta_strings();
  H0Block block;
  std::set<std::pair<std::uint64_t, std::uint64_t>> configurations;
  std::vector<std::size_t> offsets{0};  // configuration c: [offsets[c], offsets[c + 1])
  for (std::size_t index : lowest_determinants(diagonal, max_size)) {
    const std::uint64_t a = space.alpha_string(index / nb), b = space.beta_string(index % nb);
    const std::uint64_t paired = a & b, open = a ^ b;
    if (!configurations.insert({paired, open}).second) continue;
    // Every way to give n_alpha - n_paired of the open orbitals alpha spin.
    const int n_open = std::popcount(open);
    const int n_open_alpha = space.n_alpha() - std::popcount(paired);
    std::vector<std::size_t> members;
    const std::size_t room = max_size - block.determinants.size();
    // Patterns of n_open bits with n_open_alpha set, in increasing order (Gosper's hack).
    std::uint64_t pattern = low_bits(n_open_alpha);
    while (members.size() <= room) {
      const std::uint64_t alpha_open = deposit(pattern, open);
      members.push_back(space.alpha_index(paired | alpha_open) * nb +
                        space.beta_index(paired | (open & ~alpha_open)));
      if (n_open_alpha == 0 || n_open_alpha == n_open) break;
      pattern = next_same_popcount(pattern);
      if (n_open < 64 && (pattern >> n_open)) break;
    }
    if (members.size() > room) continue;
    block.determinants.insert(block.determinants.end(), members.begin(), members.end());
    offsets.push_back(block.determinants.size());
  }
  const Eigen::Index m = static_cast<Eigen::Index>(block.determinants.size());
  std::unordered_map<std::size_t, Eigen::Index> position;
  for (Eigen::Index i = 0; i < m; ++i) position[block.determinants[i]] = i;
  Eigen::MatrixXd hb(m, m), sb = Eigen::MatrixXd::Zero(m, m);
#pragma omp parallel for schedule(dynamic, 4) if (m > 64)
  for (Eigen::Index j = 0; j < m; ++j) {
    const std::size_t dj = block.determinants[j];
    for (Eigen::Index i = 0; i <= j; ++i) {
      const std::size_t di = block.determinants[i];
      hb(i, j) = hb(j, i) =
          hamiltonian_element(h, space.alpha_string(di / nb), space.beta_string(di % nb),
                              space.alpha_string(dj / nb), space.beta_string(dj % nb));
    }
    for (const auto& [i, v] : s_squared.column(dj)) sb(position.at(i), j) = v;
  }
  Eigen::MatrixXd basis = Eigen::MatrixXd::Identity(m, m);
  if (spin) {  // eigenvectors of S^2 with eigenvalue S(S+1), one configuration at a time
    const double target = *spin * (*spin + 1.0);
    std::vector<Eigen::VectorXd> keep;
    for (std::size_t c = 0; c + 1 < offsets.size(); ++c) {
      const auto first = static_cast<Eigen::Index>(offsets[c]);
      const auto size = static_cast<Eigen::Index>(offsets[c + 1] - offsets[c]);
      const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> s2(sb.block(first, first, size, size));
      for (Eigen::Index k = 0; k < size; ++k) {
        if (std::abs(s2.eigenvalues()[k] - target) > 1e-6) continue;
        keep.push_back(Eigen::VectorXd::Zero(m));
        keep.back().segment(first, size) = s2.eigenvectors().col(k);
      }
    }
    basis.resize(m, static_cast<Eigen::Index>(keep.size()));
    for (std::size_t k = 0; k < keep.size(); ++k) basis.col(k) = keep[k];
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(basis.transpose() * hb * basis);
  if (eigen.info() != Eigen::Success) throw NumericalError("the H0-block diagonalization failed");
  block.energies = eigen.eigenvalues();
  block.vectors = basis * eigen.eigenvectors();
  return block;
}

}  // namespace qmol
