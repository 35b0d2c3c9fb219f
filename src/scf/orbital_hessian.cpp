#include "qmol/scf/orbital_hessian.h"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

#include "qmol/core/errors.h"
#include "qmol/integrals/jk_builder.h"
#include "qmol/scf/davidson.h"

namespace qmol {
namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

// Up to this dimension H is built densely (one batched J/K pass per block of unit vectors); above
// it Davidson needs far fewer products.
constexpr int kDenseLimit = 100;
constexpr int kDenseBlock = 32;  // unit vectors per J/K pass
// Davidson residual norm: the eigenvalue error is about its square over the gap.
constexpr double kResidualTolerance = 1e-5;

// P M - M P with P the occupation projector (the first n_occupied MOs): (P_p - P_q) M_pq.
MatrixXd occupation_commutator(const MatrixXd& m, int n_occupied) {
  MatrixXd out = MatrixXd::Zero(m.rows(), m.cols());
  const int n = static_cast<int>(m.rows()), v = n - n_occupied;
  out.topRightCorner(n_occupied, v) = m.topRightCorner(n_occupied, v);
  out.bottomLeftCorner(v, n_occupied) = -m.bottomLeftCorner(v, n_occupied);
  return out;
}

// exp(K) for antisymmetric K: with K^T K = V w^2 V^T (K commutes with K^2),
// exp(K) = V cos(w) V^T + K V (sin(w) / w) V^T.
MatrixXd rotation(const MatrixXd& k) {
  const Eigen::SelfAdjointEigenSolver<MatrixXd> s(k.transpose() * k);
  const VectorXd w = s.eigenvalues().cwiseMax(0.0).cwiseSqrt();
  VectorXd cosine(w.size()), sinc(w.size());
  for (int i = 0; i < w.size(); ++i) {
    cosine(i) = std::cos(w(i));
    sinc(i) = w(i) < 1e-8 ? 1.0 - w(i) * w(i) / 6.0 : std::sin(w(i)) / w(i);
  }
  const MatrixXd& v = s.eigenvectors();
  return v * cosine.asDiagonal() * v.transpose() + k * v * sinc.asDiagonal() * v.transpose();
}

MatrixXd density(const MatrixXd& c, int n_occupied) {
  return c.leftCols(n_occupied) * c.leftCols(n_occupied).transpose();
}

// Energy (total) of orbitals c with n_occupied electrons per spin; the AO Fock matrices if asked.
double hf_energy(const AoIntegrals& ints, const std::array<MatrixXd, 2>& c,
                 const std::array<int, 2>& n_occupied, int threads,
                 std::array<MatrixXd, 2>* fock = nullptr) {
  const std::vector<MatrixXd> d = {density(c[0], n_occupied[0]), density(c[1], n_occupied[1])};
  std::vector<MatrixXd> j, k;
  build_jk(ints.eris, d, j, k, threads);
  const MatrixXd& h = ints.core_hamiltonian;
  double e = ints.nuclear_repulsion;
  for (int s = 0; s < 2; ++s) {
    const MatrixXd f = h + j[0] + j[1] - k[s];
    e += 0.5 * d[s].cwiseProduct(h + f).sum();
    if (fock) (*fock)[s] = f;
  }
  return e;
}

}  // namespace

OrbitalHessian::OrbitalHessian(const AoIntegrals& integrals, const ScfResult& orbitals,
                               RotationSpace space, int threads)
    : ints_(integrals), space_(space), threads_(threads) {
  coefficients_[0] = orbitals.coefficients_alpha;
  coefficients_[1] =
      orbitals.coefficients_beta.size() ? orbitals.coefficients_beta : orbitals.coefficients_alpha;
  n_mo_ = static_cast<int>(coefficients_[0].cols());
  n_occupied_ = {orbitals.n_alpha, orbitals.n_beta};
  const int n_ao = integrals.n_functions();
  for (const MatrixXd& c : coefficients_)
    if (c.rows() != n_ao || c.cols() != n_mo_)
      throw NumericalError(fmt::format("orbital Hessian: orbitals are {}x{}, expected {}x{}",
                                       c.rows(), c.cols(), n_ao, n_mo_));
  if (orbitals.n_beta < 0 || orbitals.n_beta > orbitals.n_alpha || orbitals.n_alpha > n_mo_)
    throw NumericalError("orbital Hessian: occupations do not fit the orbitals");
  const bool restricted = space != RotationSpace::uhf_uhf;
  if (restricted && (coefficients_[0] - coefficients_[1]).cwiseAbs().maxCoeff() > 1e-12)
    throw NumericalError(
        fmt::format("orbital Hessian: {} needs one set of spatial orbitals", to_string(space)));
  const bool closed = space == RotationSpace::rhf_rhf || space == RotationSpace::rhf_uhf;
  if (closed && orbitals.n_alpha != orbitals.n_beta)
    throw NumericalError(fmt::format("orbital Hessian: {} needs a closed shell", to_string(space)));

  std::array<MatrixXd, 2> fock_ao;
  energy_ = hf_energy(ints_, coefficients_, n_occupied_, threads_, &fock_ao);
  for (int s = 0; s < 2; ++s)
    fock_[s] = coefficients_[s].transpose() * fock_ao[s] * coefficients_[s];

  // Rotations (p, q): q the more occupied orbital, p the less occupied one.
  const double half = std::sqrt(0.5);
  int k = 0;
  if (space == RotationSpace::uhf_uhf) {
    for (int s = 0; s < 2; ++s)
      for (int q = 0; q < n_occupied_[s]; ++q)
        for (int p = n_occupied_[s]; p < n_mo_; ++p) terms_.push_back({k++, s, p, q, 1.0});
  } else {
    const double beta_sign = space == RotationSpace::rhf_uhf ? -1.0 : 1.0;
    const int nd = n_occupied_[1], na = n_occupied_[0];
    for (int q = 0; q < na; ++q)
      for (int p = std::max(q + 1, nd); p < n_mo_; ++p) {
        if (q >= nd && p < na) continue;  // socc-socc: no change of either density
        terms_.push_back({k, 0, p, q, half});
        terms_.push_back({k, 1, p, q, beta_sign * half});
        ++k;
      }
  }
  dimension_ = k;
}

std::array<MatrixXd, 2> OrbitalHessian::generators(const VectorXd& z) const {
  std::array<MatrixXd, 2> g = {MatrixXd::Zero(n_mo_, n_mo_), MatrixXd::Zero(n_mo_, n_mo_)};
  for (const Term& t : terms_) {
    g[t.spin](t.p, t.q) += t.factor * z(t.k);
    g[t.spin](t.q, t.p) -= t.factor * z(t.k);
  }
  return g;
}

VectorXd OrbitalHessian::gradient() const {
  // E1 = sum_s tr(F_s [K_s, P_s]) = sum_s tr(K_s [P_s, F_s]).
  VectorXd g = VectorXd::Zero(dimension_);
  std::array<MatrixXd, 2> pf;
  for (int s = 0; s < 2; ++s) pf[s] = occupation_commutator(fock_[s], n_occupied_[s]);
  for (const Term& t : terms_) g(t.k) += t.factor * (pf[t.spin](t.q, t.p) - pf[t.spin](t.p, t.q));
  return g;
}

MatrixXd OrbitalHessian::apply(const MatrixXd& z) const {
  // Second order in K: E2 = sum_s 1/2 tr(F_s [K_s,[K_s,P_s]]) + 1/2 sum_s tr(D1_s G_s[D1]), with
  // D1_s = C_s [K_s, P_s] C_s^T (symmetric: real rotations need only symmetric J/K builds) and
  // G_s[D] = J[D_alpha + D_beta] - K[D_s]. H z is half the gradient of E2: dE2 = sum_s tr(dK_s W_s)
  // with W_s = 1/2 ([[K,P],F] + [P,[F,K]]) + [P, C^T G C].
  const int m = static_cast<int>(z.cols());
  // RHF rotations move the beta density by +-(the alpha one): one J/K build per vector.
  const bool mirrored = space_ == RotationSpace::rhf_rhf || space_ == RotationSpace::rhf_uhf;
  const int built = mirrored ? 1 : 2;
  std::vector<std::array<MatrixXd, 2>> k(m);
  std::vector<MatrixXd> d1;
  d1.reserve(built * m);
  for (int j = 0; j < m; ++j) {
    k[j] = generators(z.col(j));
    for (int s = 0; s < built; ++s)
      d1.push_back(coefficients_[s] * -occupation_commutator(k[j][s], n_occupied_[s]) *
                   coefficients_[s].transpose());
  }
  // G_s[D1] = J[D1_alpha + D1_beta] - K[D1_s]: RHF -> RHF 2 (J - K/2) of D1_alpha for both spins,
  // RHF -> UHF -K and +K (the Coulomb parts cancel); one pass over one pair matrix each.
  std::vector<std::array<MatrixXd, 2>> g_ao(m);
  std::vector<MatrixXd> built_g, coulomb, exchange;
  if (space_ == RotationSpace::rhf_rhf)
    build_j_minus_half_k(ints_.eris, d1, built_g, threads_);
  else if (space_ == RotationSpace::rhf_uhf)
    build_k(ints_.eris, d1, exchange, threads_);
  else
    build_jk(ints_.eris, d1, coulomb, exchange, threads_);
  for (int j = 0; j < m; ++j) {
    if (space_ == RotationSpace::rhf_rhf) {
      g_ao[j] = {2.0 * built_g[j], 2.0 * built_g[j]};
    } else if (space_ == RotationSpace::rhf_uhf) {
      g_ao[j] = {-exchange[j], exchange[j]};
    } else {
      const MatrixXd coulomb_total = coulomb[2 * j] + coulomb[2 * j + 1];
      g_ao[j] = {coulomb_total - exchange[2 * j], coulomb_total - exchange[2 * j + 1]};
    }
  }

  MatrixXd out = MatrixXd::Zero(dimension_, m);
  for (int j = 0; j < m; ++j) {
    std::array<MatrixXd, 2> w;
    for (int s = 0; s < 2; ++s) {
      const MatrixXd& c = coefficients_[s];
      const MatrixXd& f = fock_[s];
      const MatrixXd& ks = k[j][s];
      const int n = n_occupied_[s];
      const MatrixXd g = c.transpose() * g_ao[j][s] * c;
      const MatrixXd kp = -occupation_commutator(ks, n);  // [K, P]
      const MatrixXd fk = f * ks - ks * f;                // [F, K]
      w[s] = 0.5 * (kp * f - f * kp + occupation_commutator(fk, n)) + occupation_commutator(g, n);
    }
    for (const Term& t : terms_)
      out(t.k, j) += 0.5 * t.factor * (w[t.spin](t.q, t.p) - w[t.spin](t.p, t.q));
  }
  return out;
}

MatrixXd OrbitalHessian::dense() const {
  MatrixXd h(dimension_, dimension_);
  for (int first = 0; first < dimension_; first += kDenseBlock) {
    const int width = std::min(kDenseBlock, dimension_ - first);
    MatrixXd units = MatrixXd::Zero(dimension_, width);
    for (int c = 0; c < width; ++c) units(first + c, c) = 1.0;
    h.middleCols(first, width) = apply(units);
  }
  return 0.5 * (h + h.transpose());
}

VectorXd OrbitalHessian::diagonal_estimate() const {
  VectorXd d = VectorXd::Zero(dimension_);
  for (const Term& t : terms_) {
    const int n = n_occupied_[t.spin];
    if ((t.q < n) == (t.p < n)) continue;  // both occupied or both empty in this spin
    d(t.k) += t.factor * t.factor * (fock_[t.spin](t.p, t.p) - fock_[t.spin](t.q, t.q));
  }
  return d;
}

std::array<MatrixXd, 2> OrbitalHessian::rotated_orbitals(const VectorXd& z) const {
  const std::array<MatrixXd, 2> k = generators(z);
  return {coefficients_[0] * rotation(k[0]), coefficients_[1] * rotation(k[1])};
}

double OrbitalHessian::energy(const VectorXd& z) const {
  return hf_energy(ints_, rotated_orbitals(z), n_occupied_, threads_);
}

HessianEigenpairs lowest_eigenpairs(const OrbitalHessian& hessian, int count) {
  const int n = hessian.dimension();
  count = std::min(count, n);
  HessianEigenpairs out;
  if (count <= 0) return out;
  if (n <= kDenseLimit) {
    const Eigen::SelfAdjointEigenSolver<MatrixXd> s(hessian.dense());
    out.values = s.eigenvalues().head(count);
    out.vectors = s.eigenvectors().leftCols(count);
    return out;
  }
  DavidsonOptions options;
  options.roots = count;
  options.residual_tolerance = kResidualTolerance;
  const DavidsonResult r = davidson([&](const MatrixXd& v) { return hessian.apply(v); },
                                    hessian.diagonal_estimate(), options);
  out.values = r.values;
  out.vectors = r.vectors;
  out.converged = r.converged;
  return out;
}

}  // namespace qmol
