#include "davidson.h"

#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "qmol/core/errors.h"
#include "qmol/core/interrupt.h"

namespace qmol {

namespace {

using Vector = std::vector<double>;

double dot(const Vector& a, const Vector& b) {
  const std::size_t n = a.size();
  double s = 0.0;
#pragma omp parallel for reduction(+ : s) schedule(static) if (n > 100000)
  for (std::size_t i = 0; i < n; ++i) s += a[i] * b[i];
  return s;
}

// y += alpha * x
void axpy(double alpha, const Vector& x, Vector& y) {
  const std::size_t n = x.size();
#pragma omp parallel for schedule(static) if (n > 100000)
  for (std::size_t i = 0; i < n; ++i) y[i] += alpha * x[i];
}

void scale(double alpha, Vector& x) {
  const std::size_t n = x.size();
#pragma omp parallel for schedule(static) if (n > 100000)
  for (std::size_t i = 0; i < n; ++i) x[i] *= alpha;
}

// X <- X C in place (X: u vectors, C: u x c), by row blocks so that no second set is stored.
void transform(std::vector<Vector>& x, const Eigen::MatrixXd& c) {
  const std::size_t n = x.front().size();
  const std::size_t u = x.size(), k = static_cast<std::size_t>(c.cols());
  constexpr std::size_t kBlock = 512;
  const std::size_t n_blocks = (n + kBlock - 1) / kBlock;
#pragma omp parallel if (n > 20000)
  {
    std::vector<double> block(k * kBlock);
#pragma omp for schedule(static)
    for (std::size_t b = 0; b < n_blocks; ++b) {
      const std::size_t start = b * kBlock, len = std::min(kBlock, n - start);
      std::fill(block.begin(), block.end(), 0.0);
      for (std::size_t j = 0; j < u; ++j) {
        const double* xj = x[j].data() + start;
        for (std::size_t i = 0; i < k; ++i) {
          const double cji = c(j, i);
          double* out = block.data() + i * kBlock;
          for (std::size_t r = 0; r < len; ++r) out[r] += cji * xj[r];
        }
      }
      for (std::size_t i = 0; i < k; ++i)
        std::copy(block.begin() + i * kBlock, block.begin() + i * kBlock + len,
                  x[i].begin() + start);
    }
  }
  x.resize(k);
}

// A fixed pseudo-random vector (same bits every run), entries in [-0.5, 0.5).
Vector pseudo_random(std::size_t n, std::uint64_t seed) {
  Vector v(n);
  std::uint64_t state = 0x9E3779B97F4A7C15ULL ^ (seed * 0xD1B54A32D192ED03ULL);
  for (std::size_t i = 0; i < n; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    v[i] = static_cast<double>(state >> 11) * 0x1.0p-53 - 0.5;
  }
  return v;
}

}  // namespace

DavidsonResult block_davidson(const DeterminantHamiltonian& h, std::vector<Vector> start,
                              const SpinProjector* projector, const DavidsonSettings& settings) {
  const std::size_t n = h.space().size();
  const int k = settings.roots;
  const int kept_on_collapse = settings.keep_previous ? 2 * k : k;
  const int m = static_cast<int>(
      std::min<std::size_t>(std::max(settings.max_subspace, kept_on_collapse + k), n));
  if (k < 1 || static_cast<std::size_t>(k) > n)
    throw InputError("Davidson: the number of roots must be between 1 and the dimension");
  const std::vector<double>& diag =
      settings.preconditioner ? *settings.preconditioner : h.diagonal();
  std::vector<Vector> basis, sigma;
  basis.reserve(m);
  sigma.reserve(m);
  Vector scratch;
  Eigen::MatrixXd g(m, m);  // basis^T H basis

  // Projects, orthonormalizes against the basis and appends with its sigma vector; false if
  // nothing independent is left. A second projection follows heavy cancellation, which would
  // otherwise magnify the projector's round-off in the other spins.
  auto add = [&](Vector t, bool correction) {
    if (static_cast<int>(basis.size()) >= m) return false;
    for (int round = 0; round < 2; ++round) {
      if (projector && round == 0 && correction && settings.pure_corrections)
        projector->keep_exchange_parity(t);
      else if (projector)
        projector->apply(t, scratch);
      const double before = std::sqrt(dot(t, t));
      if (!(before > 0.0) || !std::isfinite(before)) return false;
      scale(1.0 / before, t);
      for (int pass = 0; pass < 2; ++pass)
        for (const Vector& b : basis) axpy(-dot(b, t), b, t);
      const double after = std::sqrt(dot(t, t));
      if (after < 1e-10) return false;
      scale(1.0 / after, t);
      if (after > 1e-3 || !projector) break;
    }
    basis.push_back(std::move(t));
    sigma.emplace_back(n);
    h.apply_in_place(basis.back().data(), sigma.back().data());
    const int j = static_cast<int>(basis.size()) - 1;
    for (int i = 0; i <= j; ++i) g(i, j) = g(j, i) = dot(basis[i], sigma[j]);
    return true;
  };

  for (Vector& v : start)
    if (static_cast<int>(basis.size()) < m) add(std::move(v), false);
  for (std::uint64_t seed = 1; static_cast<int>(basis.size()) < k; ++seed) {
    if (seed > static_cast<std::uint64_t>(4 * k + 16))
      throw NumericalError(fmt::format(
          "Davidson: could not build {} independent start vectors of the wanted spin", k));
    add(pseudo_random(n, seed), false);
  }
  // Pure corrections need the projector's scratch only after heavy cancellation: free it until
  // then (a vector of the largest spaces is over 1 GB).
  if (settings.pure_corrections) Vector().swap(scratch);

  DavidsonResult r;
  Eigen::MatrixXd previous;  // last iteration's Ritz coefficients (roots' columns)
  Eigen::VectorXd theta;
  Eigen::MatrixXd y;
  for (int it = 1;; ++it) {
    throw_if_interrupted();
    int u = static_cast<int>(basis.size());
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(g.topLeftCorner(u, u));
    theta = eigen.eigenvalues();
    y = eigen.eigenvectors();
    if (u + k > m) {  // collapse: the roots' Ritz vectors (and last iteration's), orthonormalized
      Eigen::MatrixXd keep(u, kept_on_collapse);
      keep.leftCols(k) = y.leftCols(k);
      int c = k;
      if (settings.keep_previous && previous.rows() > 0) {
        keep.rightCols(k).setZero();
        keep.block(0, k, previous.rows(), k) = previous;
        c = 2 * k;
      }
      Eigen::HouseholderQR<Eigen::MatrixXd> qr(keep.leftCols(c));
      Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(u, c);
      // Drop previous directions already inside the Ritz vectors' span.
      const Eigen::MatrixXd rr = qr.matrixQR().topLeftCorner(c, c).triangularView<Eigen::Upper>();
      int rank = k;
      for (int i = k; i < c; ++i)
        if (std::abs(rr(i, i)) > 1e-14) q.col(rank++) = q.col(i);
      q.conservativeResize(u, rank);
      const Eigen::MatrixXd g_small = q.transpose() * g.topLeftCorner(u, u) * q;
      transform(basis, q);
      transform(sigma, q);
      u = rank;
      g.topLeftCorner(u, u) = 0.5 * (g_small + g_small.transpose());
      const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> again(g.topLeftCorner(u, u));
      theta = again.eigenvalues();
      y = again.eigenvectors();
    }
    previous = y.leftCols(k);
    r.iterations = it;

    // Residuals r_i = (H - theta_i) x_i and preconditioned corrections (theta_i - D)^-1 r_i.
    auto residual = [&](int i) {
      Vector t(n, 0.0);
      for (int j = 0; j < u; ++j) {
        axpy(y(j, i), sigma[j], t);
        axpy(-theta[i] * y(j, i), basis[j], t);
      }
      return t;
    };
    std::vector<Vector> corrections;
    std::vector<int> unconverged;
    double largest = 0.0;
    for (int i = 0; i < k; ++i) {
      Vector t = residual(i);
      const double norm = std::sqrt(dot(t, t));
      largest = std::max(largest, norm);
      if (norm < settings.tolerance) continue;
      unconverged.push_back(i);
      const double ti = theta[i];
#pragma omp parallel for schedule(static) if (n > 100000)
      for (std::size_t l = 0; l < n; ++l) {
        double denominator = ti - diag[l];
        if (std::abs(denominator) < 1e-8) denominator = denominator < 0 ? -1e-8 : 1e-8;
        t[l] /= denominator;
      }
      corrections.push_back(std::move(t));
    }
    r.residual = largest;
    if (settings.on_iteration) settings.on_iteration(it, theta[0], largest);
    if (corrections.empty()) {
      r.converged = true;
      break;
    }
    if (it >= settings.max_iterations) break;
    int added = 0;
    for (Vector& t : corrections) added += add(std::move(t), true);
    // A preconditioned correction inside the basis: the residual itself is orthogonal to it.
    if (added == 0)
      for (int i : unconverged) added += add(residual(i), true);
    if (added == 0) {  // the basis holds the eigenvectors to machine precision
      r.converged = largest < 1e-6;
      break;
    }
  }
  // Ritz vectors of the roots become the first basis vectors.
  const int u = static_cast<int>(basis.size());
  transform(basis, y.topLeftCorner(u, k));
  r.energies.assign(theta.data(), theta.data() + k);
  r.vectors = std::move(basis);
  return r;
}

}  // namespace qmol
