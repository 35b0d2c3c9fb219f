#include "support/brute_force.h"

#include <Eigen/Dense>
#include <bit>
#include <map>
#include <stdexcept>

namespace qmol::testing {

std::complex<double> apply_pauli(const PauliString& p, std::uint64_t b, std::uint64_t& out) {
  static const std::complex<double> powers[4] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
  const int phase = std::popcount(p.x[0] & p.z[0]) + 2 * std::popcount(p.z[0] & b);
  out = b ^ p.x[0];
  return powers[phase & 3];
}

Eigen::MatrixXcd sector_matrix(const QubitOperator& op, const std::vector<std::uint64_t>& states) {
  std::map<std::uint64_t, int> index;
  for (std::size_t i = 0; i < states.size(); ++i) index[states[i]] = static_cast<int>(i);
  const int dim = static_cast<int>(states.size());
  Eigen::MatrixXcd m = Eigen::MatrixXcd::Zero(dim, dim);
  for (int col = 0; col < dim; ++col) {
    std::map<std::uint64_t, std::complex<double>> outside;
    for (const auto& [p, c] : op.terms()) {
      std::uint64_t out = 0;
      const std::complex<double> amp = apply_pauli(p, states[col], out);
      const auto it = index.find(out);
      if (it == index.end())
        outside[out] += c * amp;
      else
        m(it->second, col) += c * amp;
    }
    for (const auto& [state, amp] : outside)
      if (std::abs(amp) > 1e-10) throw std::runtime_error("operator leaves the sector");
  }
  return m;
}

Eigen::MatrixXcd dense_matrix(const QubitOperator& op, int n_qubits) {
  std::vector<std::uint64_t> all(std::size_t{1} << n_qubits);
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  return sector_matrix(op, all);
}

double lowest_eigenvalue(const Eigen::MatrixXcd& m) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> solver(m, Eigen::EigenvaluesOnly);
  return solver.eigenvalues()(0);
}

std::vector<std::uint64_t> determinants(int n_orbitals, int n_alpha, int n_beta) {
  std::vector<std::uint64_t> dets;
  for (std::uint64_t d = 0; d < (std::uint64_t{1} << (2 * n_orbitals)); ++d) {
    int na = 0, nb = 0;
    for (int m = 0; m < 2 * n_orbitals; ++m)
      if ((d >> m) & 1) (m % 2 ? nb : na) += 1;
    if (na == n_alpha && nb == n_beta) dets.push_back(d);
  }
  return dets;
}

std::vector<int> occupied_modes(std::uint64_t det) {
  std::vector<int> modes;
  for (int m = 0; m < 64; ++m)
    if ((det >> m) & 1) modes.push_back(m);
  return modes;
}

int apply_ladder(int mode, bool creation, std::uint64_t& det) {
  const std::uint64_t bit = std::uint64_t{1} << mode;
  if (static_cast<bool>(det & bit) == creation) return 0;
  det ^= bit;
  return std::popcount(det & (bit - 1)) % 2 ? -1 : 1;
}

double brute_force_fci(const MolecularHamiltonian& h) {
  const int n = h.n_orbitals();
  const std::vector<std::uint64_t> dets = determinants(n, h.n_alpha(), h.n_beta());
  std::map<std::uint64_t, int> index;
  for (std::size_t i = 0; i < dets.size(); ++i) index[dets[i]] = static_cast<int>(i);
  const int dim = static_cast<int>(dets.size());
  Eigen::MatrixXd m = Eigen::MatrixXd::Identity(dim, dim) * h.core_energy();
  for (int col = 0; col < dim; ++col) {
    for (int p = 0; p < 2 * n; ++p)
      for (int q = 0; q < 2 * n; ++q) {
        if (p % 2 != q % 2) continue;
        std::uint64_t d = dets[col];
        int sign = apply_ladder(q, false, d);
        if (sign) sign *= apply_ladder(p, true, d);
        if (sign) m(index.at(d), col) += sign * h.one_body(p / 2, q / 2);
      }
    for (int p = 0; p < 2 * n; ++p)
      for (int q = 0; q < 2 * n; ++q)
        for (int r = 0; r < 2 * n; ++r)
          for (int s = 0; s < 2 * n; ++s) {
            if (p % 2 != q % 2 || r % 2 != s % 2) continue;
            std::uint64_t d = dets[col];
            int sign = apply_ladder(q, false, d);
            if (sign) sign *= apply_ladder(s, false, d);
            if (sign) sign *= apply_ladder(r, true, d);
            if (sign) sign *= apply_ladder(p, true, d);
            if (sign) m(index.at(d), col) += 0.5 * sign * h.two_body(p / 2, q / 2, r / 2, s / 2);
          }
  }
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(m, Eigen::EigenvaluesOnly);
  return solver.eigenvalues()(0);
}
}  // namespace qmol::testing
