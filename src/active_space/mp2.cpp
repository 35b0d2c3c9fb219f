#include "qmol/active_space/mp2.h"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <vector>

#include "qmol/core/errors.h"

namespace qmol {

double mp2_memory_bytes(int n_functions, int n_occupied, int n_frozen, int n_orbitals) {
  const double n_o = n_occupied - n_frozen, n_v = n_orbitals - n_occupied, n = n_functions;
  // the half-transformed integrals, then (ia|jb) and the amplitude blocks side by side
  return sizeof(double) *
         std::max(n_o * n_v * n * (n + 1) / 2 + n_o * n_v * n_o * n_v, 2.0 * n_o * n_v * n_o * n_v);
}

Mp2Result rhf_mp2(const AoIntegrals& integrals, const ScfResult& scf, int frozen_core) {
  if (scf.reference != Reference::rhf || scf.n_alpha != scf.n_beta)
    throw InputError(fmt::format("select = \"natural-orbitals\" needs MP2 of an RHF reference, "
                                 "not {}: use scf.reference = \"rhf\" or select = \"avas\" or "
                                 "\"window\"",
                                 to_string(scf.reference)),
                     {"", 0, "active_space.select"});
  const Eigen::MatrixXd& c = scf.coefficients_alpha;
  const Eigen::VectorXd& e = scf.orbital_energies_alpha;
  const int n_ao = static_cast<int>(c.rows()), n_mo = static_cast<int>(c.cols());
  const int n_occ = scf.n_alpha, n_o = n_occ - frozen_core, n_v = n_mo - n_occ;
  if (frozen_core < 0 || n_o < 0)
    throw InputError(
        fmt::format("cannot freeze {} of {} occupied orbitals in MP2", frozen_core, n_occ),
        {"", 0, "active_space.frozen_core"});
  const Eigen::MatrixXd c_o = c.middleCols(frozen_core, n_o), c_v = c.rightCols(n_v);
  const int n_ov = n_o * n_v, ao_pairs = n_ao * (n_ao + 1) / 2;

  // (ia|rs) for every AO pair r >= s, then (ia|jb): two quarter transformations per step.
  Eigen::MatrixXd half(n_ov, ao_pairs);
  {
    Eigen::MatrixXd block(n_ao, n_ao), t(n_o, n_v);
    for (int r = 0, rs = 0; r < n_ao; ++r)
      for (int s = 0; s <= r; ++s, ++rs) {
        integrals.eris.pair_block(r, s, block);
        t.noalias() = c_o.transpose() * block * c_v;
        for (int i = 0; i < n_o; ++i)
          for (int a = 0; a < n_v; ++a) half(i * n_v + a, rs) = t(i, a);
      }
  }
  // ovov(ia, jb) = (ia|jb)
  Eigen::MatrixXd ovov(n_ov, n_ov);
  {
    Eigen::MatrixXd block(n_ao, n_ao), t(n_o, n_v);
    for (int ia = 0; ia < n_ov; ++ia) {
      for (int r = 0, rs = 0; r < n_ao; ++r)
        for (int s = 0; s <= r; ++s, ++rs) block(r, s) = block(s, r) = half(ia, rs);
      t.noalias() = c_o.transpose() * block * c_v;
      for (int j = 0; j < n_o; ++j)
        for (int b = 0; b < n_v; ++b) ovov(ia, j * n_v + b) = t(j, b);
    }
  }
  half.resize(0, 0);

  // Amplitudes t_ij^ab = (ia|jb) / (e_i + e_j - e_a - e_b), kept as one n_v x n_v block T_ij
  // per occupied pair; E = sum t (2 (ia|jb) - (ib|ja)).
  const auto eo = [&](int i) { return e[frozen_core + i]; };
  const auto ev = [&](int a) { return e[n_occ + a]; };
  std::vector<Eigen::MatrixXd> blocks(static_cast<std::size_t>(n_o) * n_o);
  double energy = 0.0;
  for (int i = 0; i < n_o; ++i)
    for (int j = 0; j < n_o; ++j) {
      Eigen::MatrixXd& t = blocks[i * n_o + j];
      t.resize(n_v, n_v);
      for (int a = 0; a < n_v; ++a)
        for (int b = 0; b < n_v; ++b) {
          const double v = ovov(i * n_v + a, j * n_v + b);
          t(a, b) = v / (eo(i) + eo(j) - ev(a) - ev(b));
          energy += t(a, b) * (2.0 * v - ovov(i * n_v + b, j * n_v + a));
        }
    }
  ovov.resize(0, 0);

  // Unrelaxed density (the MP2 natural orbitals' density):
  //   D_ab = 2 sum_ij [T_ij^T (2 T_ij - T_ij^T)]_ab,
  //   D_kl = 2 delta_kl - 2 sum_i sum_ab T_ik(a, b) (2 T_il(a, b) - T_il(b, a)).
  Eigen::MatrixXd vv = Eigen::MatrixXd::Zero(n_v, n_v), oo = Eigen::MatrixXd::Zero(n_o, n_o);
  for (const Eigen::MatrixXd& t : blocks) vv.noalias() += t.transpose() * (2.0 * t - t.transpose());
  for (int i = 0; i < n_o; ++i)
    for (int l = 0; l < n_o; ++l) {
      const Eigen::MatrixXd& tl = blocks[i * n_o + l];
      const Eigen::MatrixXd partner = 2.0 * tl - tl.transpose();
      for (int k = 0; k < n_o; ++k) oo(k, l) -= blocks[i * n_o + k].cwiseProduct(partner).sum();
    }

  Mp2Result r;
  r.frozen_core = frozen_core;
  r.correlation_energy = energy;
  r.energy = scf.energy + energy;
  r.density = Eigen::MatrixXd::Zero(n_mo, n_mo);
  for (int i = 0; i < n_occ; ++i) r.density(i, i) = 2.0;
  r.density.block(frozen_core, frozen_core, n_o, n_o) += oo + oo.transpose();
  r.density.block(n_occ, n_occ, n_v, n_v) += vv + vv.transpose();
  return r;
}

}  // namespace qmol
