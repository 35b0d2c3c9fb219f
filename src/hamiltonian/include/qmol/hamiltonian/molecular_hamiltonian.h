#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <vector>

namespace qmol {

// The electronic Hamiltonian of an active space in spatial orbitals:
//   H = core_energy + sum_pq h_pq E_pq + 1/2 sum_pqrs (pq|rs) (E_pq E_rs - delta_qr E_ps)
// core_energy holds nuclear repulsion plus the frozen-core energy; h holds the frozen-core
// effective one-electron operator. Spin orbitals are interleaved: spatial p -> 2p (alpha),
// 2p+1 (beta). (pq|rs) is in chemists' notation, stored densely (n^4), index ((p*n+q)*n+r)*n+s.
class MolecularHamiltonian {
 public:
  MolecularHamiltonian() = default;
  MolecularHamiltonian(double core_energy, Eigen::MatrixXd one_body, std::vector<double> two_body,
                       int n_alpha, int n_beta);

  int n_orbitals() const { return static_cast<int>(one_body_.rows()); }
  int n_spin_orbitals() const { return 2 * n_orbitals(); }
  int n_alpha() const { return n_alpha_; }  // active electrons of each spin
  int n_beta() const { return n_beta_; }
  double core_energy() const { return core_energy_; }
  const Eigen::MatrixXd& one_body() const { return one_body_; }
  double one_body(int p, int q) const { return one_body_(p, q); }
  double two_body(int p, int q, int r, int s) const {
    const std::size_t n = static_cast<std::size_t>(n_orbitals());
    return two_body_[((p * n + q) * n + r) * n + s];
  }
  const std::vector<double>& two_body_data() const { return two_body_; }

  // Energy of the determinant with the given occupations (bit p set = spatial orbital p occupied).
  double determinant_energy(unsigned long long alpha, unsigned long long beta) const;

 private:
  double core_energy_ = 0.0;
  Eigen::MatrixXd one_body_;
  std::vector<double> two_body_;
  int n_alpha_ = 0;
  int n_beta_ = 0;
};

}  // namespace qmol
