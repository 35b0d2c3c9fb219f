#include "qmol/active_space/orbital_optimization.h"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <deque>
#include <unsupported/Eigen/MatrixFunctions>

#include "qmol/active_space/active_space.h"
#include "qmol/core/errors.h"
#include "qmol/integrals/jk_builder.h"

namespace qmol {
namespace {

// A non-redundant rotation between orbital p and a later orbital r (in a later space).
struct Rotation {
  int r = 0;
  int p = 0;
};

std::vector<Rotation> rotations(const OrbitalSpaces& s) {
  std::vector<Rotation> out;
  const int d = s.n_doubly_occupied(), occupied = d + s.n_active, n = s.n_orbitals();
  for (int p = s.n_frozen; p < occupied; ++p)
    for (int r = p < d ? d : occupied; r < n; ++r) out.push_back({r, p});
  return out;
}

// The L-BFGS direction -H^-1 g from the stored step and gradient-change pairs, with the diagonal
// Hessian as the initial one.
Eigen::VectorXd lbfgs_direction(const Eigen::VectorXd& g, const Eigen::VectorXd& h0,
                                const std::deque<std::pair<Eigen::VectorXd, Eigen::VectorXd>>& h) {
  Eigen::VectorXd q = g;
  std::vector<double> alpha(h.size());
  for (std::size_t k = h.size(); k-- > 0;) {
    const auto& [s, y] = h[k];
    alpha[k] = s.dot(q) / y.dot(s);
    q -= alpha[k] * y;
  }
  Eigen::VectorXd r = q.cwiseQuotient(h0);
  for (std::size_t k = 0; k < h.size(); ++k) {
    const auto& [s, y] = h[k];
    const double beta = y.dot(r) / y.dot(s);
    r += s * (alpha[k] - beta);
  }
  return -r;
}

}  // namespace

void OrbitalOptimizationOptions::check() const {
  if (max_iterations < 1)
    throw InputError(fmt::format("max_iterations must be at least 1, not {}", max_iterations),
                     {"", 0, "orbital_optimization.max_iterations"});
  if (!(gradient_tolerance > 0.0 && gradient_tolerance < 1.0))
    throw InputError(fmt::format("gradient_tolerance must be between 0 and 1 (exclusive), not {}",
                                 gradient_tolerance),
                     {"", 0, "orbital_optimization.gradient_tolerance"});
}

int OrbitalSpaces::n_rotations() const {
  return n_inactive * (n_active + n_virtual()) + n_active * n_virtual();
}

ActiveOrbitalIntegrals active_orbital_integrals(const AoIntegrals& integrals,
                                                const OrbitalSpaces& spaces) {
  const int d = spaces.n_doubly_occupied(), m = spaces.n_active;
  const Eigen::MatrixXd& c = spaces.coefficients;
  const FrozenCoreOperator core = frozen_core_operator(integrals, spaces.doubly_occupied());
  ActiveOrbitalIntegrals out;
  out.inactive_fock = c.transpose() * core.h_eff * c;
  out.mixed = mixed_active_integrals(integrals, c, spaces.active());
  const std::size_t block = static_cast<std::size_t>(m) * m * m;
  std::vector<double> two_body(out.mixed.begin() + static_cast<std::ptrdiff_t>(d * block),
                               out.mixed.begin() + static_cast<std::ptrdiff_t>((d + m) * block));
  out.hamiltonian = MolecularHamiltonian(integrals.nuclear_repulsion + core.energy,
                                         out.inactive_fock.block(d, d, m, m), std::move(two_body),
                                         spaces.n_alpha, spaces.n_beta);
  return out;
}

OrbitalGradient orbital_gradient(const AoIntegrals& integrals, const OrbitalSpaces& spaces,
                                 const ActiveOrbitalIntegrals& mo, const ActiveSolution& state) {
  const int d = spaces.n_doubly_occupied(), m = spaces.n_active, n = spaces.n_orbitals();
  const Eigen::MatrixXd& c = spaces.coefficients;
  const Eigen::MatrixXd& fi = mo.inactive_fock;
  // Active Fock matrix: J - K/2 of the active density.
  const Eigen::MatrixXd ca = spaces.active();
  std::vector<Eigen::MatrixXd> g;
  build_j_minus_half_k(integrals.eris, {ca * state.one_rdm * ca.transpose()}, g);
  const Eigen::MatrixXd fa = c.transpose() * g[0] * c;
  const Eigen::MatrixXd ft = fi + fa;
  // Generalized Fock matrix F(w, q), w occupied (Helgaker, Jorgensen, Olsen 10.8.28-30):
  //   inactive i: 2 (FI + FA)_qi;  active t: sum_u D_tu FI_qu + sum_uvw d_tuvw (qu|vw).
  Eigen::MatrixXd f = Eigen::MatrixXd::Zero(n, n);
  f.topRows(d) = 2.0 * ft.leftCols(d).transpose();
  const std::size_t block = static_cast<std::size_t>(m) * m * m;
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::Map<const RowMajor> two(state.two_rdm.data(), m, static_cast<Eigen::Index>(block));
  const Eigen::Map<const RowMajor> mixed(mo.mixed.data(), n, static_cast<Eigen::Index>(block));
  f.middleRows(d, m) = state.one_rdm * fi.middleRows(d, m) + two * mixed.transpose();

  const std::vector<Rotation> pairs = rotations(spaces);
  OrbitalGradient out;
  out.gradient.resize(static_cast<Eigen::Index>(pairs.size()));
  out.hessian_diagonal.resize(static_cast<Eigen::Index>(pairs.size()));
  // Below this the diagonal approximation is no curvature estimate (nearly redundant pairs).
  constexpr double kMinCurvature = 0.05;
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const auto [r, p] = pairs[k];
    const auto i = static_cast<Eigen::Index>(k);
    out.gradient[i] = 2.0 * (f(p, r) - f(r, p));
    double h = 0.0;
    if (p < d && r >= d + m) {  // inactive-virtual
      h = 4.0 * (ft(r, r) - ft(p, p));
    } else if (p < d) {  // inactive-active
      const double occupation = state.one_rdm(r - d, r - d);
      h = 4.0 * (ft(r, r) - ft(p, p)) + 2.0 * occupation * ft(p, p) - 2.0 * f(r, r);
    } else {  // active-virtual
      const double occupation = state.one_rdm(p - d, p - d);
      h = 2.0 * occupation * ft(r, r) - 2.0 * f(p, p);
    }
    out.hessian_diagonal[i] = std::max(h, kMinCurvature);
  }
  return out;
}

Eigen::MatrixXd rotate_orbitals(const OrbitalSpaces& spaces, const Eigen::VectorXd& kappa) {
  const std::vector<Rotation> pairs = rotations(spaces);
  Eigen::MatrixXd k = Eigen::MatrixXd::Zero(spaces.n_orbitals(), spaces.n_orbitals());
  for (std::size_t j = 0; j < pairs.size(); ++j) {
    k(pairs[j].r, pairs[j].p) = kappa[static_cast<Eigen::Index>(j)];
    k(pairs[j].p, pairs[j].r) = -kappa[static_cast<Eigen::Index>(j)];
  }
  return spaces.coefficients * k.exp();
}

OrbitalOptimizationResult optimize_orbitals(
    const AoIntegrals& integrals, OrbitalSpaces spaces, const OrbitalOptimizationOptions& options,
    const ActiveSpaceSolver& solve,
    const std::function<void(const OrbitalIteration&)>& on_iteration) {
  options.check();
  if (spaces.n_rotations() == 0)
    throw InputError(
        "orbital optimization needs orbitals to rotate: the active space holds every "
        "orbital that is not frozen",
        {"", 0, "orbital_optimization.enabled"});
  constexpr std::size_t kHistory = 10;
  constexpr double kMaxStep = 0.5;  // radians, largest rotation element of one step
  // An energy above the last accepted one by more than this halves the step (the solvers'
  // energies are converged far below it).
  constexpr double kRiseTolerance = 1e-9;
  constexpr int kMaxHalvings = 6;
  constexpr double kNegligibleGradient = 1e-2;  // of the tolerance: a rotation held fixed

  OrbitalOptimizationResult result;
  std::deque<std::pair<Eigen::VectorXd, Eigen::VectorXd>> history;
  OrbitalSpaces accepted = spaces;  // the orbitals of the last accepted step
  Eigen::VectorXd accepted_gradient, step;
  double accepted_energy = 0.0;
  int halvings = 0;
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    ActiveOrbitalIntegrals mo = active_orbital_integrals(integrals, spaces);
    ActiveSolution state = solve(mo.hamiltonian);
    result.iterations = iteration;
    const bool rose = iteration > 1 && state.energy > accepted_energy + kRiseTolerance;
    if (rose && halvings < kMaxHalvings) {
      ++halvings;
      step *= 0.5;
      history.clear();
      spaces.coefficients = rotate_orbitals(accepted, step);
      result.history.push_back({iteration, state.energy, std::nan("")});
      if (on_iteration) on_iteration(result.history.back());
      continue;
    }
    halvings = 0;
    OrbitalGradient g = orbital_gradient(integrals, spaces, mo, state);
    // Rotations whose gradient vanishes stay fixed: those that would break a spatial symmetry of
    // the orbitals and the state have zero gradient up to round-off, and a descent method grows
    // that round-off out of a symmetric saddle point into a broken-symmetry solution. Codes that
    // use point-group symmetry never rotate them; held here, a symmetric start stays symmetric.
    const double negligible = kNegligibleGradient * options.gradient_tolerance;
    for (Eigen::Index k = 0; k < g.gradient.size(); ++k)
      if (std::abs(g.gradient[k]) < negligible) g.gradient[k] = 0.0;
    const double max_gradient = g.gradient.cwiseAbs().maxCoeff();
    result.history.push_back({iteration, state.energy, max_gradient});
    if (on_iteration) on_iteration(result.history.back());
    result.energy = state.energy;
    result.spaces = spaces;
    result.state = std::move(state);
    result.hamiltonian = std::move(mo.hamiltonian);
    if (max_gradient < options.gradient_tolerance) {
      result.converged = true;
      break;
    }
    if (iteration > 1) {
      const Eigen::VectorXd y = g.gradient - accepted_gradient;
      if (y.dot(step) > 1e-12 * step.squaredNorm()) {
        history.emplace_back(step, y);
        if (history.size() > kHistory) history.pop_front();
      }
    }
    accepted = spaces;
    accepted_energy = result.energy;
    accepted_gradient = g.gradient;
    step = lbfgs_direction(g.gradient, g.hessian_diagonal, history);
    if (step.dot(g.gradient) >= 0.0) {  // not downhill: restart from the diagonal Hessian
      history.clear();
      step = -g.gradient.cwiseQuotient(g.hessian_diagonal);
    }
    for (Eigen::Index k = 0; k < step.size(); ++k)
      if (g.gradient[k] == 0.0) step[k] = 0.0;
    const double largest = step.cwiseAbs().maxCoeff();
    if (largest > kMaxStep) step *= kMaxStep / largest;
    spaces.coefficients = rotate_orbitals(accepted, step);
  }
  return result;
}

}  // namespace qmol
