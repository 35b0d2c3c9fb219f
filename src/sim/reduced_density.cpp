#include "qmol/sim/reduced_density.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <bit>
#include <functional>

#include "qmol/core/bits.h"

namespace qmol {
namespace {

// a+_p a_q on one string in its own order: the target string and the sign (-1)^(occupied strictly
// between p and q); false when a_q or a+_p gives zero.
bool replace(std::uint64_t string, int p, int q, std::uint64_t& out, double& sign) {
  if (!(string & bit(q))) return false;
  const std::uint64_t removed = string & ~bit(q);
  if (removed & bit(p)) return false;
  out = removed | bit(p);
  const int lo = std::min(p, q), hi = std::max(p, q);
  const std::uint64_t between = hi > lo + 1 ? (bit(hi) - 1) & ~(bit(lo + 1) - 1) : 0;
  sign = std::popcount(removed & between) % 2 ? -1.0 : 1.0;
  return true;
}

}  // namespace

double ReducedDensities::energy(const MolecularHamiltonian& h) const {
  double e = h.core_energy() + (h.one_body().array() * one.array()).sum();
  const std::vector<double>& eri = h.two_body_data();
  for (std::size_t k = 0; k < two.size(); ++k) e += 0.5 * eri[k] * two[k];
  return e;
}

std::vector<double> ReducedDensities::natural_occupations() const {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(one, Eigen::EigenvaluesOnly);
  std::vector<double> occupations(solver.eigenvalues().data(),
                                  solver.eigenvalues().data() + solver.eigenvalues().size());
  std::sort(occupations.begin(), occupations.end(), std::greater<>());
  return occupations;
}

ReducedDensities reduced_densities(const DeterminantSpace& space, const double* c) {
  const int n = space.n_orbitals();
  const std::size_t na = space.n_alpha_strings(), nb = space.n_beta_strings();
  const Eigen::Index dim = static_cast<Eigen::Index>(space.size());
  // Alpha-then-beta phases, in which a same-spin pair acts on one string alone.
  Eigen::VectorXd v(dim);
  for (std::size_t ia = 0; ia < na; ++ia) {
    const std::uint64_t mask = DeterminantSpace::reorder_mask(space.alpha_string(ia));
    for (std::size_t ib = 0; ib < nb; ++ib) {
      const std::size_t k = ia * nb + ib;
      v[k] = std::popcount(space.beta_string(ib) & mask) % 2 ? -c[k] : c[k];
    }
  }
  // Column p n + q: E_pq v.
  Eigen::MatrixXd w = Eigen::MatrixXd::Zero(dim, n * n);
  for (int p = 0; p < n; ++p)
    for (int q = 0; q < n; ++q) {
      auto column = w.col(p * n + q);
      std::uint64_t out;
      double sign;
      for (std::size_t ia = 0; ia < na; ++ia)
        if (replace(space.alpha_string(ia), p, q, out, sign)) {
          const std::size_t ja = space.alpha_index(out);
          column.segment(static_cast<Eigen::Index>(ja * nb), static_cast<Eigen::Index>(nb)) +=
              sign * v.segment(static_cast<Eigen::Index>(ia * nb), static_cast<Eigen::Index>(nb));
        }
      for (std::size_t ib = 0; ib < nb; ++ib)
        if (replace(space.beta_string(ib), p, q, out, sign)) {
          const std::size_t jb = space.beta_index(out);
          for (std::size_t ia = 0; ia < na; ++ia)
            column[static_cast<Eigen::Index>(ia * nb + jb)] +=
                sign * v[static_cast<Eigen::Index>(ia * nb + ib)];
        }
    }
  ReducedDensities r;
  r.one.resize(n, n);
  const Eigen::VectorXd first = w.transpose() * v;  // <v|E_pq v>
  for (int p = 0; p < n; ++p)
    for (int q = 0; q < n; ++q) r.one(p, q) = first[p * n + q];
  const Eigen::MatrixXd overlaps = w.transpose() * w;  // <E_pq v|E_rs v>
  r.two.assign(static_cast<std::size_t>(n) * n * n * n, 0.0);
  for (int p = 0; p < n; ++p)
    for (int q = 0; q < n; ++q)
      for (int rr = 0; rr < n; ++rr)
        for (int s = 0; s < n; ++s) {
          // <E_pq E_rs> = <E_qp v|E_rs v>.
          double value = overlaps(q * n + p, rr * n + s);
          if (q == rr) value -= r.one(p, s);
          r.two[((static_cast<std::size_t>(p) * n + q) * n + rr) * n + s] = value;
        }
  return r;
}

double reduced_densities_memory_bytes(int n_orbitals, int n_alpha, int n_beta) {
  const double n2 = static_cast<double>(n_orbitals) * n_orbitals;
  return 8.0 * ((n2 + 1.0) * DeterminantSpace::count(n_orbitals, n_alpha, n_beta) + 3.0 * n2 * n2);
}

}  // namespace qmol
