#pragma once

#include <Eigen/Core>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "qmol/integrals/ao_integrals.h"
#include "qmol/scf/scf_result.h"
#include "qmol/scf/stability.h"

namespace qmol::detail {

// The lowest unstable mode found by analyze().
struct Instability {
  RotationSpace space = RotationSpace::rhf_rhf;
  double eigenvalue = 0.0;
  Eigen::VectorXd mode;  // unit vector in the space's parameters
};

// The rotation spaces of a reference: RHF rhf->rhf and rhf->uhf, UHF uhf->uhf, ROHF rohf->rohf.
std::vector<RotationSpace> rotation_spaces(Reference reference);

// Lowest orbital-Hessian eigenvalue of `solution` in each of its spaces: appends the analyses to
// `report`, sets its lowest_eigenvalue and stable, adds a warning when an eigensolver stopped
// early. Returns the unstable mode to follow: the first space's (rhf->rhf before rhf->uhf, so an
// RHF solution is first made a minimum among RHF solutions).
std::optional<Instability> analyze(const AoIntegrals& integrals, const ScfResult& solution,
                                   int threads, StabilityReport& report,
                                   std::vector<std::string>& warnings);

// AO orbitals {alpha, beta} of `solution` rotated along the unstable mode by the angle that
// lowers the energy most (a scan of the energy along the mode; see stability_analysis.cpp).
std::array<Eigen::MatrixXd, 2> step_along(const AoIntegrals& integrals, const ScfResult& solution,
                                          const Instability& instability, int threads);

}  // namespace qmol::detail
