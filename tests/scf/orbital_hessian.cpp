#include "qmol/scf/orbital_hessian.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "qmol/scf/davidson.h"
#include "qmol/scf/scf.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(orbital_hessian)

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;
using qmol::RotationSpace;

struct System {
  qmol::Molecule molecule;
  qmol::AoIntegrals ints;
  qmol::ScfResult scf;
};

System converged(const std::string& stem, int multiplicity, const std::string& basis,
                 qmol::Reference reference) {
  qmol::Molecule m = qmol::read_xyz(qmol::testing::molecules_dir() + "/" + stem + ".xyz");
  m.multiplicity = multiplicity;
  qmol::AoIntegrals ints = qmol::compute_ao_integrals(m, qmol::load_basis(basis, m), 2);
  qmol::ScfOptions options;
  options.reference = reference;
  options.stability = qmol::Stability::none;
  qmol::ScfResult scf = qmol::run_scf(m, ints, options);
  return {std::move(m), std::move(ints), std::move(scf)};
}

// A fixed direction with every component nonzero, of unit norm.
VectorXd direction(int n, double phase) {
  VectorXd v(n);
  for (int i = 0; i < n; ++i) v(i) = std::sin(1.3 * i + phase) + 0.3;
  return v.normalized();
}

// `scf` with its orbitals rotated off the stationary point (alike for both spins unless the space
// is uhf->uhf, so that the orbitals stay valid for the space).
qmol::ScfResult displaced(const System& s, RotationSpace space) {
  if (space == RotationSpace::rhf_uhf) space = RotationSpace::rhf_rhf;
  const qmol::OrbitalHessian h(s.ints, s.scf, space, 2);
  const auto c = h.rotated_orbitals(0.2 * direction(h.dimension(), 0.4));
  qmol::ScfResult r = s.scf;
  r.coefficients_alpha = c[0];
  r.coefficients_beta = c[1];
  return r;
}

// Energy derivatives along d and e by central differences against g.d, d.H d and e.H d, where
// E(z) = E0 + g.z + z.H z: the factors of two are where such code goes wrong.
void check_against_finite_differences(const qmol::OrbitalHessian& h) {
  const int n = h.dimension();
  const VectorXd d = direction(n, 0.0), e = direction(n, 2.0);
  const double e0 = h.energy(VectorXd::Zero(n));
  BOOST_CHECK_SMALL(e0 - h.energy(), 1e-12);
  const double step = 1e-3;
  auto curvature = [&](const VectorXd& v) {  // v.H v
    return (h.energy(step * v) + h.energy(-step * v) - 2.0 * e0) / (2.0 * step * step);
  };
  const double slope = (h.energy(step * d) - h.energy(-step * d)) / (2.0 * step);
  const VectorXd hd = h.apply(d);
  const VectorXd he = h.apply(e);
  BOOST_TEST_MESSAGE(qmol::to_string(h.space())
                     << ": g.d " << h.gradient().dot(d) << " vs " << slope << ", d.H d "
                     << d.dot(hd) << " vs " << curvature(d));
  BOOST_CHECK_SMALL(h.gradient().dot(d) - slope, 1e-6);
  BOOST_CHECK_SMALL(d.dot(hd) - curvature(d), 1e-5);
  BOOST_CHECK_SMALL(e.dot(hd) - 0.25 * (curvature(d + e) - curvature(d - e)), 1e-5);
  BOOST_CHECK_SMALL(e.dot(hd) - d.dot(he), 1e-12);  // symmetric
  // Block products equal one-at-a-time products.
  MatrixXd block(n, 2);
  block << d, e;
  BOOST_CHECK_SMALL((h.apply(block).col(1) - he).norm(), 1e-12);
}

std::vector<double> sorted(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

BOOST_AUTO_TEST_CASE(closed_shell_products_match_finite_differences) {
  const System water = converged("h2o", 1, "sto-3g", qmol::Reference::rhf);
  for (RotationSpace space :
       {RotationSpace::rhf_rhf, RotationSpace::rhf_uhf, RotationSpace::uhf_uhf}) {
    // At the solution (gradient zero) and away from it (all terms of H matter).
    const qmol::OrbitalHessian at(water.ints, water.scf, space, 2);
    BOOST_CHECK_SMALL(at.gradient().cwiseAbs().maxCoeff(), 1e-7);
    check_against_finite_differences(at);
    const qmol::ScfResult off = displaced(water, space);
    const qmol::OrbitalHessian away(water.ints, off, space, 2);
    // Triplet rotations of spin-restricted orbitals do not change the energy to first order.
    if (space == RotationSpace::rhf_uhf)
      BOOST_CHECK_SMALL(away.gradient().norm(), 1e-12);
    else
      BOOST_CHECK_GT(away.gradient().norm(), 1e-2);
    check_against_finite_differences(away);
  }
}

BOOST_AUTO_TEST_CASE(open_shell_products_match_finite_differences) {
  for (qmol::Reference reference : {qmol::Reference::uhf, qmol::Reference::rohf}) {
    const System oh = converged("oh", 2, "sto-3g", reference);
    const RotationSpace space =
        reference == qmol::Reference::uhf ? RotationSpace::uhf_uhf : RotationSpace::rohf_rohf;
    const qmol::OrbitalHessian at(oh.ints, oh.scf, space, 2);
    BOOST_CHECK_SMALL(at.gradient().cwiseAbs().maxCoeff(), 1e-7);
    check_against_finite_differences(at);
    const qmol::OrbitalHessian away(oh.ints, displaced(oh, space), space, 2);
    BOOST_CHECK_GT(away.gradient().norm(), 1e-2);
    check_against_finite_differences(away);
  }
}

BOOST_AUTO_TEST_CASE(dimensions_count_the_independent_rotations) {
  const System ch2 = converged("ch2", 3, "sto-3g", qmol::Reference::rohf);  // 7 MOs, 5a 3b
  BOOST_CHECK_EQUAL(
      qmol::OrbitalHessian(ch2.ints, ch2.scf, RotationSpace::rohf_rohf, 2).dimension(),
      3 * 2 + 3 * 2 + 2 * 2);  // docc-socc, docc-virt, socc-virt
  BOOST_CHECK_EQUAL(qmol::OrbitalHessian(ch2.ints, ch2.scf, RotationSpace::uhf_uhf, 2).dimension(),
                    5 * 2 + 3 * 4);
  BOOST_CHECK_THROW(qmol::OrbitalHessian(ch2.ints, ch2.scf, RotationSpace::rhf_rhf, 2),
                    qmol::NumericalError);
}

BOOST_AUTO_TEST_CASE(rhf_spectrum_splits_into_singlets_and_triplets) {
  // The convention that makes Psi4's RHF and UHF numbers comparable: the UHF Hessian of an RHF
  // solution has exactly the singlet and the triplet eigenvalues.
  const System water = converged("h2o", 1, "sto-3g", qmol::Reference::rhf);
  auto spectrum = [&](RotationSpace space) {
    const Eigen::SelfAdjointEigenSolver<MatrixXd> s(
        qmol::OrbitalHessian(water.ints, water.scf, space, 2).dense());
    return std::vector<double>(s.eigenvalues().data(),
                               s.eigenvalues().data() + s.eigenvalues().size());
  };
  std::vector<double> both = spectrum(RotationSpace::rhf_rhf);
  const std::vector<double> triplet = spectrum(RotationSpace::rhf_uhf);
  both.insert(both.end(), triplet.begin(), triplet.end());
  both = sorted(both);
  const std::vector<double> uhf = spectrum(RotationSpace::uhf_uhf);
  BOOST_REQUIRE_EQUAL(both.size(), uhf.size());
  for (size_t i = 0; i < uhf.size(); ++i) BOOST_CHECK_SMALL(both[i] - uhf[i], 1e-10);
}

BOOST_AUTO_TEST_CASE(davidson_matches_dense_on_hessians) {
  // Water has C2v symmetry: its Hessians are block diagonal by irrep, and the lowest triplet in
  // sto-3g lies in a block that the smallest diagonal entries do not belong to.
  for (const char* basis : {"sto-3g", "cc-pvdz"}) {
    const System water = converged("h2o", 1, basis, qmol::Reference::rhf);
    for (RotationSpace space : {RotationSpace::rhf_uhf, RotationSpace::uhf_uhf}) {
      const qmol::OrbitalHessian h(water.ints, water.scf, space, 2);
      const Eigen::SelfAdjointEigenSolver<MatrixXd> dense(h.dense());
      qmol::DavidsonOptions options;
      options.roots = 3;
      options.residual_tolerance = 1e-7;
      const qmol::DavidsonResult r = qmol::davidson([&](const MatrixXd& v) { return h.apply(v); },
                                                    h.diagonal_estimate(), options);
      BOOST_TEST_MESSAGE(basis << " " << qmol::to_string(space) << ": dimension " << h.dimension()
                               << ", " << r.iterations << " iterations");
      BOOST_CHECK(r.converged);
      BOOST_CHECK_LT(r.iterations, 40);
      for (int i = 0; i < 3; ++i) BOOST_CHECK_SMALL(r.values(i) - dense.eigenvalues()(i), 1e-10);
      const qmol::HessianEigenpairs pairs = qmol::lowest_eigenpairs(h, 2);
      BOOST_CHECK(pairs.converged);
      for (int i = 0; i < 2; ++i)
        BOOST_CHECK_SMALL(pairs.values(i) - dense.eigenvalues()(i), 1e-10);
      const VectorXd x = pairs.vectors.col(0);
      BOOST_CHECK_SMALL((h.apply(x) - pairs.values(0) * x).norm(), 1e-5);
    }
  }
}

BOOST_AUTO_TEST_CASE(davidson_finds_a_root_the_diagonal_does_not_point_to) {
  // Two decoupled blocks, as molecular symmetry makes them: the even indices have the smallest
  // diagonal entries and are eigenvectors themselves, so unit-vector guesses would be converged
  // Ritz vectors at once; the odd block's coupling gives the lowest eigenvalues.
  const int n = 60;
  MatrixXd a = MatrixXd::Zero(n, n);
  for (int i = 0; i < n; ++i) a(i, i) = i % 2 == 0 ? 1.0 + 0.01 * i : 3.0 + 0.01 * i;
  for (int i = 1; i + 2 < n; i += 2) a(i, i + 2) = a(i + 2, i) = -1.5;
  const Eigen::SelfAdjointEigenSolver<MatrixXd> dense(a);
  qmol::DavidsonOptions options;
  options.roots = 2;
  options.residual_tolerance = 1e-9;
  const qmol::DavidsonResult r =
      qmol::davidson([&](const MatrixXd& v) { return MatrixXd(a * v); }, a.diagonal(), options);
  BOOST_CHECK(r.converged);
  BOOST_CHECK_LT(dense.eigenvalues()(0), 0.5);  // the odd block's
  for (int i = 0; i < 2; ++i) BOOST_CHECK_SMALL(r.values(i) - dense.eigenvalues()(i), 1e-10);
  // Deterministic: the same bits again.
  const qmol::DavidsonResult again =
      qmol::davidson([&](const MatrixXd& v) { return MatrixXd(a * v); }, a.diagonal(), options);
  BOOST_CHECK(r.values == again.values);
}

BOOST_AUTO_TEST_SUITE_END()
