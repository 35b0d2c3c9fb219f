#include "support/random_hamiltonian.h"

#include <Eigen/Core>
#include <array>
#include <random>
#include <vector>

namespace qmol::testing {

MolecularHamiltonian random_hamiltonian(int n, int n_alpha, int n_beta, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  Eigen::MatrixXd h(n, n);
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q) h(p, q) = h(q, p) = u(rng);
  std::vector<double> g(static_cast<std::size_t>(n) * n * n * n);
  auto at = [n](int p, int q, int r, int s) { return ((p * n + q) * n + r) * n + s; };
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q)
      for (int r = 0; r < n; ++r)
        for (int s = 0; s <= r; ++s) {
          if (p * n + q < r * n + s) continue;
          const double v = 0.5 * u(rng);
          for (auto [a, b, c, d] : {std::array{p, q, r, s}, std::array{q, p, r, s},
                                    std::array{p, q, s, r}, std::array{q, p, s, r}}) {
            g[at(a, b, c, d)] = v;
            g[at(c, d, a, b)] = v;
          }
        }
  return MolecularHamiltonian(u(rng), h, g, n_alpha, n_beta);
}

MolecularHamiltonian molecular_like_hamiltonian(int n, int n_alpha, int n_beta, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  Eigen::MatrixXd h(n, n);
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q) h(p, q) = h(q, p) = (p == q ? -2.0 + 0.4 * p : 0.1 * u(rng));
  std::vector<double> g(static_cast<std::size_t>(n) * n * n * n);
  auto at = [n](int p, int q, int r, int s) { return ((p * n + q) * n + r) * n + s; };
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q)
      for (int r = 0; r < n; ++r)
        for (int s = 0; s <= r; ++s) {
          if (p * n + q < r * n + s) continue;
          const double v = (p == q && r == s) ? 0.5 + 0.05 * u(rng) : 0.05 * u(rng);
          for (auto [a, b, c, d] : {std::array{p, q, r, s}, std::array{q, p, r, s},
                                    std::array{p, q, s, r}, std::array{q, p, s, r}}) {
            g[at(a, b, c, d)] = v;
            g[at(c, d, a, b)] = v;
          }
        }
  return MolecularHamiltonian(1.5, h, g, n_alpha, n_beta);
}

}  // namespace qmol::testing
