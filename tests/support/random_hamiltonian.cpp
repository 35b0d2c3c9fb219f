#include "support/random_hamiltonian.h"

#include <Eigen/Core>
#include <array>
#include <random>
#include <vector>

namespace qmol::testing {

std::vector<double> symmetric_eris(int n, const std::function<double(int, int, int, int)>& value) {
  const std::size_t m = static_cast<std::size_t>(n);
  std::vector<double> g(m * m * m * m);
  auto at = [m](std::size_t p, std::size_t q, std::size_t r, std::size_t s) {
    return ((p * m + q) * m + r) * m + s;
  };
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q)
      for (int r = 0; r < n; ++r)
        for (int s = 0; s <= r; ++s) {
          if (p * n + q < r * n + s) continue;
          const double v = value(p, q, r, s);
          for (auto [a, b, c, d] : {std::array{p, q, r, s}, std::array{q, p, r, s},
                                    std::array{p, q, s, r}, std::array{q, p, s, r}}) {
            g[at(a, b, c, d)] = v;
            g[at(c, d, a, b)] = v;
          }
        }
  return g;
}

MolecularHamiltonian random_hamiltonian(int n, int n_alpha, int n_beta, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  Eigen::MatrixXd h(n, n);
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q) h(p, q) = h(q, p) = u(rng);
  const std::vector<double> g = symmetric_eris(n, [&](int, int, int, int) { return 0.5 * u(rng); });
  return MolecularHamiltonian(u(rng), h, g, n_alpha, n_beta);
}

MolecularHamiltonian molecular_like_hamiltonian(int n, int n_alpha, int n_beta, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  Eigen::MatrixXd h(n, n);
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q) h(p, q) = h(q, p) = (p == q ? -2.0 + 0.4 * p : 0.1 * u(rng));
  const std::vector<double> g = symmetric_eris(n, [&](int p, int q, int r, int s) {
    return (p == q && r == s) ? 0.5 + 0.05 * u(rng) : 0.05 * u(rng);
  });
  return MolecularHamiltonian(1.5, h, g, n_alpha, n_beta);
}

}  // namespace qmol::testing
