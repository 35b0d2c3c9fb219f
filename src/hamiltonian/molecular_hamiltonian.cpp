#include "qmol/hamiltonian/molecular_hamiltonian.h"

#include <fmt/format.h>

#include "qmol/core/errors.h"

namespace qmol {

MolecularHamiltonian::MolecularHamiltonian(double core_energy, Eigen::MatrixXd one_body,
                                           std::vector<double> two_body, int n_alpha, int n_beta)
    : core_energy_(core_energy),
      one_body_(std::move(one_body)),
      two_body_(std::move(two_body)),
      n_alpha_(n_alpha),
      n_beta_(n_beta) {
  const std::size_t n = static_cast<std::size_t>(one_body_.rows());
  if (one_body_.cols() != one_body_.rows() || two_body_.size() != n * n * n * n)
    throw NumericalError(fmt::format("inconsistent Hamiltonian: h is {}x{}, (pq|rs) has {} values",
                                     one_body_.rows(), one_body_.cols(), two_body_.size()));
  if (n_alpha < 0 || n_beta < 0 || n_alpha > static_cast<int>(n) || n_beta > static_cast<int>(n))
    throw InputError(fmt::format("{} alpha and {} beta electrons do not fit in {} orbitals",
                                 n_alpha, n_beta, n));
}

double MolecularHamiltonian::determinant_energy(unsigned long long alpha,
                                                unsigned long long beta) const {
  const int n = n_orbitals();
  double e = core_energy_;
  for (int p = 0; p < n; ++p) {
    const int np = ((alpha >> p) & 1) + ((beta >> p) & 1);
    if (!np) continue;
    e += np * one_body_(p, p);
    for (int q = 0; q < n; ++q) {
      const int nq = ((alpha >> q) & 1) + ((beta >> q) & 1);
      if (!nq) continue;
      // Coulomb between all pairs, exchange only between equal spins.
      e += 0.5 * np * nq * two_body(p, p, q, q);
      const int same = ((alpha >> p) & (alpha >> q) & 1) + ((beta >> p) & (beta >> q) & 1);
      e -= 0.5 * same * two_body(p, q, q, p);
    }
  }
  return e;
}

}  // namespace qmol
