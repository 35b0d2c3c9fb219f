#include "stability_analysis.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "qmol/scf/orbital_hessian.h"

namespace qmol::detail {
namespace {

// Angles (radians, along the unit mode) at which the energy is scanned: k pi/16, k = 1..8. Psi4
// rotates by a fixed pi/4; a fixed angle can undershoot (the SCF falls back to the saddle point)
// or overshoot (into another basin). Each point costs one J/K pass, less than the SCF after it,
// and starting from the lowest point puts the SCF below the saddle along the unstable direction.
constexpr int kScanPoints = 8;
constexpr double kScanStep = std::numbers::pi / 16.0;

}  // namespace

std::vector<RotationSpace> rotation_spaces(Reference reference) {
  switch (reference) {
    case Reference::rhf:
      return {RotationSpace::rhf_rhf, RotationSpace::rhf_uhf};
    case Reference::uhf:
      return {RotationSpace::uhf_uhf};
    case Reference::rohf:
      return {RotationSpace::rohf_rohf};
  }
  return {};
}

std::optional<Instability> analyze(const AoIntegrals& integrals, const ScfResult& solution,
                                   int threads, StabilityReport& report,
                                   std::vector<std::string>& warnings) {
  std::optional<Instability> unstable;
  report.lowest_eigenvalue.reset();
  for (RotationSpace space : rotation_spaces(solution.reference)) {
    const OrbitalHessian hessian(integrals, solution, space, threads);
    const HessianEigenpairs pairs = lowest_eigenpairs(hessian, 1);
    if (pairs.values.size() == 0) continue;  // nothing to rotate
    const double lowest = pairs.values(0);
    report.analyses.push_back({space, solution.energy, hessian.dimension(), lowest});
    if (!report.lowest_eigenvalue || lowest < *report.lowest_eigenvalue)
      report.lowest_eigenvalue = lowest;
    if (!pairs.converged)
      warnings.push_back(
          fmt::format("the {} stability analysis did not converge; its lowest "
                      "eigenvalue {:.6f} Eh is an upper bound",
                      to_string(space), lowest));
    if (lowest < kUnstableEigenvalue && !unstable)
      unstable = Instability{space, lowest, pairs.vectors.col(0)};
  }
  report.stable = !unstable;
  return unstable;
}

std::array<Eigen::MatrixXd, 2> step_along(const AoIntegrals& integrals, const ScfResult& solution,
                                          const Instability& instability, int threads) {
  const OrbitalHessian hessian(integrals, solution, instability.space, threads);
  double best_angle = kScanStep, best_energy = hessian.energy();
  for (int k = 1; k <= kScanPoints; ++k) {
    const double angle = k * kScanStep;
    const double e = hessian.energy(angle * instability.mode);
    if (e < best_energy) {
      best_energy = e;
      best_angle = angle;
    }
  }
  return hessian.rotated_orbitals(best_angle * instability.mode);
}

}  // namespace qmol::detail
