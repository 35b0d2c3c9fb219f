#include "qmol/scf/scf.h"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>

#include "qmol/core/errors.h"
#include "qmol/core/interrupt.h"
#include "qmol/core/units.h"
#include "qmol/integrals/jk_builder.h"
#include "qmol/scf/diis.h"
#include "sad_guess.h"
#include "stability_analysis.h"

namespace qmol {
namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

// Overlap eigenvalues below this are dropped (canonical orthogonalization), as Psi4 does.
constexpr double kLinearDependence = 1e-7;
// Level shift switched on when DIIS stalls, and the gradient below which any shift is removed.
constexpr double kAutoLevelShift = 0.5;
constexpr double kLevelShiftCutoff = 1e-3;
// DIIS counts as stalled when the best gradient so far is this many iterations old.
constexpr int kStallIterations = 10;
// Instabilities followed at most this many times in one run.
constexpr int kMaxFollows = 5;
// A followed instability must lower the energy by at least this (Hartree); otherwise the SCF fell
// back to the solution it started from.
constexpr double kFollowGain = 1e-8;
// Read orbitals whose projection on this basis loses more than this of an occupied orbital's norm
// (smallest singular value of the projected occupied block below 1 - it) belong elsewhere.
constexpr double kReadNormLoss = 0.1;

using Clock = std::chrono::steady_clock;

// What every cycle of a run shares: the observer, the clock, the iteration count.
struct Progress {
  const ScfObserver& observer;
  Clock::time_point start = Clock::now();
  int iterations = 0;
  int cycle = 1;
};

// X with X^T S X = 1: symmetric (Loewdin) when S is well conditioned, canonical otherwise.
MatrixXd orthogonalizer(const MatrixXd& overlap) {
  const Eigen::SelfAdjointEigenSolver<MatrixXd> s(overlap);
  const VectorXd& values = s.eigenvalues();
  if (!(values.maxCoeff() > kLinearDependence))
    throw NumericalError("the overlap matrix is not positive definite");
  if (values.minCoeff() >= kLinearDependence)
    return s.eigenvectors() * values.cwiseInverse().cwiseSqrt().asDiagonal() *
           s.eigenvectors().transpose();
  int first_kept = 0;
  while (values(first_kept) < kLinearDependence) ++first_kept;
  const int kept = static_cast<int>(values.size()) - first_kept;
  return s.eigenvectors().rightCols(kept) *
         values.tail(kept).cwiseInverse().cwiseSqrt().asDiagonal();
}

// Eigenvectors (ascending eigenvalues) of a symmetric matrix in the orthogonal basis.
struct Eigenpairs {
  VectorXd values;
  MatrixXd vectors;
};
Eigenpairs diagonalize(const MatrixXd& m) {
  const Eigen::SelfAdjointEigenSolver<MatrixXd> solver(0.5 * (m + m.transpose()));
  return {solver.eigenvalues(), solver.eigenvectors()};
}

MatrixXd occupied_projector(const MatrixXd& orbitals, int n_occupied) {
  const auto occ = orbitals.leftCols(n_occupied);
  return occ * occ.transpose();
}

// The iteration state for all three references. Orbitals live in the orthogonal basis
// (C_ao = X * C); RHF and ROHF use only channel 0 of `orbitals`.
class ScfSolver {
 public:
  ScfSolver(const Molecule& molecule, const AoIntegrals& ints, const ScfOptions& options,
            Reference reference, Progress& progress)
      : ints_(ints),
        options_(options),
        reference_(reference),
        progress_(progress),
        n_alpha_(molecule.n_alpha()),
        n_beta_(molecule.n_beta()),
        x_(orthogonalizer(ints.overlap)) {
    for (const Atom& a : molecule.atoms) nuclear_dipole_ += a.atomic_number * a.position;
    n_mo_ = static_cast<int>(x_.cols());
    if (n_alpha_ > n_mo_)
      throw InputError(fmt::format("basis set \"{}\" has {} independent functions, too few for "
                                   "{} alpha electrons; choose a larger basis",
                                   ints.basis.name, n_mo_, n_alpha_),
                       {"", 0, "basis"});
  }

  int n_mo() const { return n_mo_; }
  const MatrixXd& x() const { return x_; }
  int channels() const { return reference_ == Reference::uhf ? 2 : 1; }

  // Orbitals in the orthogonal basis from AO-basis density guess (RHF-like total density P):
  // diagonalize F = H + J(P) - K(P)/2.
  void orbitals_from_density(const MatrixXd& total_density) {
    std::vector<MatrixXd> g;
    build_j_minus_half_k(ints_.eris, {total_density}, g, options_.threads);
    const MatrixXd fock = ints_.core_hamiltonian + g[0];
    set_all_orbitals(diagonalize(x_.transpose() * fock * x_).vectors);
  }
  void orbitals_from_core() {
    set_all_orbitals(diagonalize(x_.transpose() * ints_.core_hamiltonian * x_).vectors);
  }
  // Previous AO orbitals projected on this basis (C = X^T S C_old), then orthonormalized in order
  // (QR), which keeps the span of the occupied columns. Returns why they do not fit (empty when
  // they were taken): another basis size, or occupied orbitals that lose norm in the projection
  // (another molecule or basis of the same size).
  std::string orbitals_from_previous(const ScfResult& previous) {
    const MatrixXd& old_beta = previous.coefficients_beta.size() ? previous.coefficients_beta
                                                                 : previous.coefficients_alpha;
    std::vector<MatrixXd> projected;
    for (const MatrixXd* c : {&previous.coefficients_alpha, &old_beta}) {
      if (c->rows() != ints_.n_functions() || c->cols() != n_mo_)
        return fmt::format("they are {}x{} (AO x MO), this basis needs {}x{}", c->rows(), c->cols(),
                           ints_.n_functions(), n_mo_);
      projected.push_back(x_.transpose() * ints_.overlap * *c);
    }
    for (int spin = 0; spin < 2; ++spin) {
      const int n_occ = spin == 0 ? n_alpha_ : n_beta_;
      if (n_occ == 0) continue;
      const Eigen::JacobiSVD<MatrixXd> svd(projected[spin].leftCols(n_occ));
      const double smallest = svd.singularValues().minCoeff();
      if (!(smallest > 1.0 - kReadNormLoss))
        return fmt::format(
            "their occupied orbitals are not orthonormal in this basis (singular "
            "value {:.3f}): they belong to another molecule or basis",
            smallest);
    }
    orbitals_ = {orthonormalized(projected[0]), orthonormalized(projected[1])};
    return {};
  }
  // Psi4's guess_mix: alpha HOMO/LUMO rotated by +45 degrees, beta by -45 degrees. False when
  // there is no LUMO to mix with.
  bool mix_homo_lumo() {
    if (n_alpha_ < 1 || n_alpha_ >= n_mo_) return false;
    rotate_pair(orbitals_[0], n_alpha_ - 1, std::numbers::pi / 4.0);
    if (n_beta_ >= 1) rotate_pair(orbitals_[1], n_beta_ - 1, -std::numbers::pi / 4.0);
    return true;
  }

  ScfResult iterate();

 private:
  void set_all_orbitals(const MatrixXd& c) { orbitals_ = {c, c}; }
  MatrixXd orthonormalized(const MatrixXd& projected) const {
    const Eigen::HouseholderQR<MatrixXd> qr(projected);
    MatrixXd q = qr.householderQ() * MatrixXd::Identity(n_mo_, n_mo_);
    // Keep each column's orientation (QR may flip signs).
    for (int i = 0; i < n_mo_; ++i)
      if (q.col(i).dot(projected.col(i)) < 0.0) q.col(i) *= -1.0;
    return q;
  }
  // Columns i, i+1 to cos(t) c_i + sin(t) c_i+1 and cos(t) c_i+1 - sin(t) c_i.
  static void rotate_pair(MatrixXd& c, int i, double t) {
    const Eigen::VectorXd a = c.col(i), b = c.col(i + 1);
    c.col(i) = std::cos(t) * a + std::sin(t) * b;
    c.col(i + 1) = std::cos(t) * b - std::sin(t) * a;
  }

  // AO densities of the current orbitals: {alpha} for RHF, {alpha, beta} otherwise.
  std::vector<MatrixXd> densities() const {
    const MatrixXd& ca = orbitals_[0];
    const MatrixXd& cb = orbitals_[reference_ == Reference::uhf ? 1 : 0];
    const MatrixXd da = x_ * occupied_projector(ca, n_alpha_) * x_.transpose();
    if (reference_ == Reference::rhf) return {da};
    return {da, x_ * occupied_projector(cb, n_beta_) * x_.transpose()};
  }

  struct Step {
    double energy = 0.0;                     // electronic
    std::vector<MatrixXd> ao_focks;          // alpha (, beta)
    std::vector<MatrixXd> orthogonal_focks;  // what DIIS extrapolates and we diagonalize
    std::vector<MatrixXd> errors;            // orbital gradients, orthogonal basis
    double error = 0.0;                      // largest gradient element
  };
  Step evaluate(const std::vector<MatrixXd>& d) const;
  // Adds the level shift to the extrapolated orthogonal-basis Fock matrices.
  void shift(std::vector<MatrixXd>& focks, double amount) const;
  ScfResult finish(const Step& last, const std::vector<MatrixXd>& d, int iterations,
                   std::vector<double> energies, std::vector<double> errors) const;

  const AoIntegrals& ints_;
  const ScfOptions& options_;
  Reference reference_;
  Progress& progress_;
  Eigen::Vector3d nuclear_dipole_ = Eigen::Vector3d::Zero();
  int n_alpha_, n_beta_;
  MatrixXd x_;
  int n_mo_ = 0;
  std::vector<MatrixXd> orbitals_;  // orthogonal basis, {alpha, beta}
};

ScfSolver::Step ScfSolver::evaluate(const std::vector<MatrixXd>& d) const {
  Step step;
  const MatrixXd& h = ints_.core_hamiltonian;
  if (reference_ == Reference::rhf) {
    std::vector<MatrixXd> g;  // of the alpha density: F = h + 2 (J - K/2)
    build_j_minus_half_k(ints_.eris, d, g, options_.threads);
    const MatrixXd f = h + 2.0 * g[0];
    step.energy = d[0].cwiseProduct(h + f).sum();
    step.ao_focks = {f};
  } else {
    std::vector<MatrixXd> j, k;
    build_jk(ints_.eris, d, j, k, options_.threads);
    const MatrixXd coulomb = j[0] + j[1];
    step.ao_focks = {h + coulomb - k[0], h + coulomb - k[1]};
    step.energy = 0.5 * (d[0].cwiseProduct(h + step.ao_focks[0]).sum() +
                         d[1].cwiseProduct(h + step.ao_focks[1]).sum());
  }

  if (reference_ != Reference::rohf) {
    for (int c = 0; c < channels(); ++c) {
      const MatrixXd fo = x_.transpose() * step.ao_focks[c] * x_;
      const MatrixXd po = occupied_projector(orbitals_[c], c == 0 ? n_alpha_ : n_beta_);
      step.orthogonal_focks.push_back(fo);
      step.errors.push_back(fo * po - po * fo);
    }
  } else {
    // ROHF effective Fock in the MO basis (the choice Psi4 makes): the average of alpha and beta
    // Fock matrices, with the closed-open block from F_beta and the open-virtual block from
    // F_alpha. Its occupied-virtual blocks vanish exactly at the ROHF stationary point.
    const MatrixXd& c = orbitals_[0];
    const MatrixXd ca = x_ * c;
    const MatrixXd fa = ca.transpose() * step.ao_focks[0] * ca;
    const MatrixXd fb = ca.transpose() * step.ao_focks[1] * ca;
    MatrixXd feff = 0.5 * (fa + fb);
    const int nd = n_beta_, ns = n_alpha_ - n_beta_, nv = n_mo_ - n_alpha_;
    feff.block(nd, 0, ns, nd) = fb.block(nd, 0, ns, nd);
    feff.block(0, nd, nd, ns) = fb.block(0, nd, nd, ns);
    feff.block(n_alpha_, nd, nv, ns) = fa.block(n_alpha_, nd, nv, ns);
    feff.block(nd, n_alpha_, ns, nv) = fa.block(nd, n_alpha_, ns, nv);
    MatrixXd gradient = MatrixXd::Zero(n_mo_, n_mo_);
    gradient.block(0, nd, nd, n_mo_ - nd) = feff.block(0, nd, nd, n_mo_ - nd);
    gradient.block(nd, n_alpha_, ns, nv) = feff.block(nd, n_alpha_, ns, nv);
    step.orthogonal_focks = {c * feff * c.transpose()};
    step.errors = {c * gradient * c.transpose()};
  }
  for (const MatrixXd& e : step.errors) step.error = std::max(step.error, e.cwiseAbs().maxCoeff());
  return step;
}

void ScfSolver::shift(std::vector<MatrixXd>& focks, double amount) const {
  if (amount <= 0.0) return;
  if (reference_ != Reference::rohf) {
    for (int c = 0; c < channels(); ++c) {
      const MatrixXd po = occupied_projector(orbitals_[c], c == 0 ? n_alpha_ : n_beta_);
      focks[c] += amount * (MatrixXd::Identity(n_mo_, n_mo_) - po);
    }
  } else {
    // Virtuals up by the shift, singly occupied orbitals by half of it.
    VectorXd diagonal = VectorXd::Zero(n_mo_);
    diagonal.segment(n_beta_, n_alpha_ - n_beta_).setConstant(0.5 * amount);
    diagonal.tail(n_mo_ - n_alpha_).setConstant(amount);
    focks[0] += orbitals_[0] * diagonal.asDiagonal() * orbitals_[0].transpose();
  }
}

ScfResult ScfSolver::iterate() {
  Diis diis(options_.diis_size);
  std::vector<double> energies, errors;
  double previous_energy = 0.0, best_error = std::numeric_limits<double>::infinity();
  int best_iteration = 0;
  double level_shift = options_.level_shift;
  const double nuclear = ints_.nuclear_repulsion;
  for (int iteration = 1; iteration <= options_.max_iterations; ++iteration) {
    throw_if_interrupted();
    const std::vector<MatrixXd> d = densities();
    const Step step = evaluate(d);
    if (!std::isfinite(step.energy) || !std::isfinite(step.error))
      throw NumericalError(
          fmt::format("the SCF energy became {} at iteration {}", step.energy, iteration));
    energies.push_back(step.energy + nuclear);
    errors.push_back(step.error);
    ++progress_.iterations;
    if (progress_.observer) {
      const double change = iteration > 1 ? energies.back() - energies[energies.size() - 2] : 0.0;
      const double seconds = std::chrono::duration<double>(Clock::now() - progress_.start).count();
      progress_.observer({reference_, progress_.iterations, progress_.cycle, energies.back(),
                          change, step.error, seconds});
    }
    if (iteration > 1 && std::abs(step.energy - previous_energy) < options_.energy_tolerance &&
        step.error < options_.density_tolerance)
      return finish(step, d, iteration, std::move(energies), std::move(errors));
    previous_energy = step.energy;

    // DIIS stalls on hard open shells: switch a level shift on and start DIIS afresh.
    if (step.error < best_error) {
      best_error = step.error;
      best_iteration = iteration;
    } else if (iteration - best_iteration >= kStallIterations && level_shift == 0.0) {
      level_shift = kAutoLevelShift;
      diis.reset();
      best_iteration = iteration;
    }
    std::vector<MatrixXd> focks = diis.extrapolate(step.orthogonal_focks, step.errors);
    if (step.error > kLevelShiftCutoff) shift(focks, level_shift);
    for (int c = 0; c < channels(); ++c) orbitals_[c] = diagonalize(focks[c]).vectors;
    if (channels() == 1) orbitals_[1] = orbitals_[0];
  }
  throw ConvergenceError(
      fmt::format("{} SCF did not converge in {} iterations (last energy {:.8f} Eh, orbital "
                  "gradient {:.1e}, needed {:.1e}); raise scf.max_iterations, set "
                  "scf.level_shift (e.g. 0.5) or try guess = \"core\"",
                  to_string(reference_), options_.max_iterations, energies.back(), errors.back(),
                  options_.density_tolerance),
      {"", 0, "scf.max_iterations"});
}

ScfResult ScfSolver::finish(const Step& last, const std::vector<MatrixXd>& d, int iterations,
                            std::vector<double> energies, std::vector<double> errors) const {
  ScfResult r;
  r.reference = reference_;
  r.iterations = iterations;
  r.n_alpha = n_alpha_;
  r.n_beta = n_beta_;
  r.nuclear_repulsion = ints_.nuclear_repulsion;
  r.electronic_energy = last.energy;
  r.energy = last.energy + ints_.nuclear_repulsion;
  r.energy_history = std::move(energies);
  r.error_history = std::move(errors);

  // Canonical orbitals: one more diagonalization of the unshifted, unextrapolated Fock matrices.
  // At convergence they span the same occupied space as the density the energy came from.
  const Eigenpairs alpha = diagonalize(last.orthogonal_focks[0]);
  const Eigenpairs beta = channels() == 2 ? diagonalize(last.orthogonal_focks[1]) : alpha;
  r.coefficients_alpha = x_ * alpha.vectors;
  r.coefficients_beta = x_ * beta.vectors;
  r.orbital_energies_alpha = alpha.values;
  r.orbital_energies_beta = beta.values;
  r.density_alpha =
      r.coefficients_alpha.leftCols(n_alpha_) * r.coefficients_alpha.leftCols(n_alpha_).transpose();
  r.density_beta =
      r.coefficients_beta.leftCols(n_beta_) * r.coefficients_beta.leftCols(n_beta_).transpose();
  (void)d;

  // Gap: lowest empty minus highest occupied spin orbital. RHF: eps[n] - eps[n-1]; ROHF: same on
  // the one set of (diagonal effective Fock) energies with n = n_alpha; UHF: the lower of the two
  // LUMOs minus the higher of the two HOMOs. 0 when the basis has no empty orbital.
  if (n_alpha_ < n_mo_) {
    double homo = r.orbital_energies_alpha(n_alpha_ - 1);
    double lumo = r.orbital_energies_alpha(n_alpha_);
    if (reference_ == Reference::uhf) {
      if (n_beta_ > 0) homo = std::max(homo, r.orbital_energies_beta(n_beta_ - 1));
      lumo = std::min(lumo, r.orbital_energies_beta(n_beta_));
    }
    r.homo_lumo_gap = lumo - homo;
  }

  // <S^2> = Sz(Sz+1) + n_beta - sum_ij |<alpha_i|beta_j>|^2; the overlap term is n_beta for
  // RHF/ROHF (beta orbitals are alpha orbitals), giving the exact S(S+1).
  const double sz = 0.5 * (n_alpha_ - n_beta_);
  const MatrixXd cross = r.coefficients_alpha.leftCols(n_alpha_).transpose() * ints_.overlap *
                         r.coefficients_beta.leftCols(n_beta_);
  r.s_squared = reference_ == Reference::uhf ? sz * (sz + 1.0) + n_beta_ - cross.squaredNorm()
                                             : sz * (sz + 1.0);

  // Dipole about the origin: nuclei minus electrons.
  const MatrixXd total = r.density_alpha + r.density_beta;
  Eigen::Vector3d dipole = nuclear_dipole_;
  for (int k = 0; k < 3; ++k) dipole(k) -= total.cwiseProduct(ints_.dipole[k]).sum();
  r.dipole_debye = dipole * kDebyePerAtomicUnit;
  return r;
}

// Follows instabilities of `result` (options.stability = follow) or only reports them (check).
void stabilize(const Molecule& molecule, const AoIntegrals& integrals, const ScfOptions& options,
               Progress& progress, ScfResult& result) {
  StabilityReport report;
  report.mode = options.stability;
  std::vector<std::string> warnings;
  for (;;) {
    const auto instability = detail::analyze(integrals, result, options.threads, report, warnings);
    if (!instability) break;
    const std::string what = fmt::format(
        "the {} solution ({:.8f} Eh) is unstable: the {} orbital Hessian has the "
        "eigenvalue {:.6f} Eh",
        to_string(result.reference), result.energy, to_string(instability->space),
        instability->eigenvalue);
    if (options.stability != Stability::follow) {
      warnings.push_back(what + "; set scf.stability = \"follow\" to reach a lower solution" +
                         (instability->space == RotationSpace::rhf_uhf
                              ? " (a UHF one), or use reference = \"uhf\" with guess_mix = true"
                              : ""));
      break;
    }
    if (report.followed == kMaxFollows) {
      warnings.push_back(
          fmt::format("{}, still after following {} instabilities", what, report.followed));
      break;
    }
    const auto rotated = detail::step_along(integrals, result, *instability, options.threads);
    const Reference next =
        instability->space == RotationSpace::rhf_uhf ? Reference::uhf : result.reference;
    ScfSolver solver(molecule, integrals, options, next, progress);
    ScfResult start;
    start.coefficients_alpha = rotated[0];
    start.coefficients_beta = rotated[1];
    if (const std::string problem = solver.orbitals_from_previous(start); !problem.empty())
      throw NumericalError("stability following lost the orbitals: " + problem);
    ++progress.cycle;
    ScfResult lower;
    try {
      lower = solver.iterate();
    } catch (const ConvergenceError& e) {
      // The solution in hand is still a converged one: keep it, and say so.
      warnings.push_back(what + "; the SCF after following it did not converge (" + e.what() + ")");
      break;
    }
    if (!(lower.energy < result.energy - kFollowGain)) {
      warnings.push_back(what + "; following it led back to the same energy");
      break;
    }
    if (next != result.reference)
      warnings.push_back(
          fmt::format("followed an rhf->uhf (triplet) instability: the result is a "
                      "UHF solution, {:.8f} Eh below the RHF one ({:.8f} Eh)",
                      result.energy - lower.energy, result.energy));
    lower.iterations += result.iterations;
    lower.energy_history.insert(lower.energy_history.begin(), result.energy_history.begin(),
                                result.energy_history.end());
    lower.error_history.insert(lower.error_history.begin(), result.error_history.begin(),
                               result.error_history.end());
    lower.warnings = std::move(result.warnings);
    result = std::move(lower);
    ++report.followed;
  }
  result.stability = std::move(report);
  result.warnings.insert(result.warnings.end(), warnings.begin(), warnings.end());
}

}  // namespace

ScfResult run_scf(const Molecule& molecule, const AoIntegrals& integrals, const ScfOptions& options,
                  const ScfResult* initial_orbitals, const ScfObserver& on_iteration) {
  options.check();
  const Reference reference = options.reference_for(molecule);
  if (reference == Reference::rhf && molecule.n_alpha() != molecule.n_beta())
    throw InputError(fmt::format("rhf needs a closed-shell singlet; use rohf or uhf (multiplicity "
                                 "{}, {} electrons)",
                                 molecule.multiplicity, molecule.n_electrons()),
                     {"", 0, "scf.reference"});
  if (integrals.basis.first_function_of_atom.size() != molecule.atoms.size() + 1)
    throw InputError("the integrals were computed for a different molecule", {"", 0, "basis"});

  Progress progress{on_iteration};
  ScfSolver solver(molecule, integrals, options, reference, progress);
  std::vector<std::string> warnings;
  if (options.guess == ScfGuess::read) {
    const std::string where = fmt::format("scf.guess_file \"{}\"", options.guess_file);
    if (!initial_orbitals)
      throw InputError(fmt::format("guess = \"read\": no orbitals were loaded from {}", where),
                       {"", 0, "scf.guess_file"});
    if (const std::string problem = solver.orbitals_from_previous(*initial_orbitals);
        !problem.empty())
      throw InputError(fmt::format("the orbitals of {} do not fit basis \"{}\" of this molecule: "
                                   "{}; use the result of a run with the same molecule and basis",
                                   where, integrals.basis.name, problem),
                       {"", 0, "scf.guess_file"});
  } else if (!initial_orbitals || !solver.orbitals_from_previous(*initial_orbitals).empty()) {
    if (options.guess == ScfGuess::core)
      solver.orbitals_from_core();
    else
      solver.orbitals_from_density(detail::sad_density(molecule, integrals));
    if (options.guess_mix && !solver.mix_homo_lumo())
      warnings.push_back(
          "scf.guess_mix: the basis has no empty alpha orbital to mix with the HOMO");
  }
  ScfResult result = solver.iterate();
  result.warnings = std::move(warnings);
  if (options.stability != Stability::none)
    stabilize(molecule, integrals, options, progress, result);
  return result;
}

}  // namespace qmol
