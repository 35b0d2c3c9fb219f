#include "qmol/scf/scf.h"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "qmol/core/errors.h"
#include "qmol/core/units.h"
#include "qmol/integrals/jk_builder.h"
#include "qmol/scf/diis.h"
#include "sad_guess.h"

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
            Reference reference)
      : ints_(ints),
        options_(options),
        reference_(reference),
        n_alpha_(molecule.n_alpha()),
        n_beta_(molecule.n_beta()),
        x_(orthogonalizer(ints.overlap)) {
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
    std::vector<MatrixXd> j, k;
    build_jk(ints_.eris, {total_density}, j, k, options_.threads);
    const MatrixXd fock = ints_.core_hamiltonian + j[0] - 0.5 * k[0];
    set_all_orbitals(diagonalize(x_.transpose() * fock * x_).vectors);
  }
  void orbitals_from_core() {
    set_all_orbitals(diagonalize(x_.transpose() * ints_.core_hamiltonian * x_).vectors);
  }
  // Warm start: previous AO orbitals projected on this basis (C = X^T S C_old), then
  // orthonormalized in order (QR), which keeps the span of the occupied columns.
  bool orbitals_from_previous(const ScfResult& previous) {
    const int n = ints_.n_functions();
    auto project = [&](const MatrixXd& c_old) -> std::optional<MatrixXd> {
      if (c_old.rows() != n || c_old.cols() != n_mo_) return std::nullopt;
      const MatrixXd projected = x_.transpose() * ints_.overlap * c_old;
      const Eigen::HouseholderQR<MatrixXd> qr(projected);
      MatrixXd q = qr.householderQ() * MatrixXd::Identity(n_mo_, n_mo_);
      // Keep each column's orientation (QR may flip signs).
      for (int i = 0; i < n_mo_; ++i)
        if (q.col(i).dot(projected.col(i)) < 0.0) q.col(i) *= -1.0;
      return q;
    };
    const auto alpha = project(previous.coefficients_alpha);
    const auto beta = project(previous.coefficients_beta.size() ? previous.coefficients_beta
                                                                : previous.coefficients_alpha);
    if (!alpha || !beta) return false;
    orbitals_ = {*alpha, *beta};
    return true;
  }

  ScfResult iterate();

 private:
  void set_all_orbitals(const MatrixXd& c) { orbitals_ = {c, c}; }

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
  int n_alpha_, n_beta_;
  MatrixXd x_;
  int n_mo_ = 0;
  std::vector<MatrixXd> orbitals_;  // orthogonal basis, {alpha, beta}
};

ScfSolver::Step ScfSolver::evaluate(const std::vector<MatrixXd>& d) const {
  Step step;
  std::vector<MatrixXd> j, k;
  build_jk(ints_.eris, d, j, k, options_.threads);
  const MatrixXd& h = ints_.core_hamiltonian;
  if (reference_ == Reference::rhf) {
    const MatrixXd f = h + 2.0 * j[0] - k[0];
    step.energy = d[0].cwiseProduct(h + f).sum();
    step.ao_focks = {f};
  } else {
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
    const std::vector<MatrixXd> d = densities();
    const Step step = evaluate(d);
    if (!std::isfinite(step.energy) || !std::isfinite(step.error))
      throw NumericalError(
          fmt::format("the SCF energy became {} at iteration {}", step.energy, iteration));
    energies.push_back(step.energy + nuclear);
    errors.push_back(step.error);
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
      fmt::format(
          "SCF did not converge in {} iterations (last energy {:.8f} Eh, error {:.1e}); raise "
          "scf.max_iterations or try guess = \"core\"",
          options_.max_iterations, energies.back(), errors.back()),
      {"", 0, "scf.max_iterations"});
}

ScfResult ScfSolver::finish(const Step& last, const std::vector<MatrixXd>& d, int iterations,
                            std::vector<double> energies, std::vector<double> errors) const {
  ScfResult r;
  r.reference = reference_;
  r.converged = true;
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
  Eigen::Vector3d dipole = Eigen::Vector3d::Zero();
  for (int k = 0; k < 3; ++k) dipole(k) = -total.cwiseProduct(ints_.dipole[k]).sum();
  r.dipole_debye = dipole;
  return r;
}

}  // namespace

ScfResult run_scf(const Molecule& molecule, const AoIntegrals& integrals, const ScfOptions& options,
                  const ScfResult* initial_orbitals) {
  options.check();
  const Reference reference = options.reference_for(molecule);
  if (reference == Reference::rhf && molecule.n_alpha() != molecule.n_beta())
    throw InputError(fmt::format("rhf needs a closed-shell singlet; use rohf or uhf (multiplicity "
                                 "{}, {} electrons)",
                                 molecule.multiplicity, molecule.n_electrons()),
                     {"", 0, "scf.reference"});
  if (integrals.basis.first_function_of_atom.size() != molecule.atoms.size() + 1)
    throw InputError("the integrals were computed for a different molecule", {"", 0, "basis"});

  ScfSolver solver(molecule, integrals, options, reference);
  if (!initial_orbitals || !solver.orbitals_from_previous(*initial_orbitals)) {
    if (options.guess == "core")
      solver.orbitals_from_core();
    else
      solver.orbitals_from_density(detail::sad_density(molecule, integrals));
  }
  ScfResult result = solver.iterate();
  Eigen::Vector3d nuclear_dipole = Eigen::Vector3d::Zero();
  for (const Atom& a : molecule.atoms) nuclear_dipole += a.atomic_number * a.position;
  result.dipole_debye = (result.dipole_debye + nuclear_dipole) * kDebyePerAtomicUnit;
  return result;
}

}  // namespace qmol
