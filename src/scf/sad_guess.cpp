#include "sad_guess.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <map>

#include "qmol/integrals/jk_builder.h"
#include "qmol/scf/diis.h"

namespace qmol::detail {
namespace {

// Orbitals within this many Hartree of the frontier orbital share its shell's electrons.
constexpr double kDegeneracy = 1e-4;

// Occupations (0..2) of orbitals sorted by energy: aufbau, with the electrons left for the last
// degenerate set spread evenly over it (this keeps the atom spherical).
Eigen::VectorXd averaged_occupations(const Eigen::VectorXd& energies, double electrons) {
  const int n = static_cast<int>(energies.size());
  Eigen::VectorXd occ = Eigen::VectorXd::Zero(n);
  int i = 0;
  while (i < n && electrons > 1e-12) {
    int j = i + 1;
    while (j < n && energies(j) - energies(i) < kDegeneracy) ++j;
    const double shell = std::min(electrons, 2.0 * (j - i));
    occ.segment(i, j - i).setConstant(shell / (j - i));
    electrons -= shell;
    i = j;
  }
  return occ;
}

// Total density of a neutral atom in the functions of `ints`.
Eigen::MatrixXd atomic_density(const AoIntegrals& ints, int atomic_number) {
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> s(ints.overlap);
  // Atomic bases are never linearly dependent: symmetric orthogonalization.
  const Eigen::MatrixXd x = s.eigenvectors() *
                            s.eigenvalues().cwiseInverse().cwiseSqrt().asDiagonal() *
                            s.eigenvectors().transpose();
  auto density_of = [&](const Eigen::MatrixXd& fock) {
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> f(x.transpose() * fock * x);
    const Eigen::MatrixXd c = x * f.eigenvectors();
    const Eigen::VectorXd occ = averaged_occupations(f.eigenvalues(), atomic_number);
    return Eigen::MatrixXd(c * occ.asDiagonal() * c.transpose());
  };
  Eigen::MatrixXd density = density_of(ints.core_hamiltonian);
  Diis diis(6);
  std::vector<Eigen::MatrixXd> g;
  for (int iteration = 0; iteration < 60; ++iteration) {
    build_j_minus_half_k(ints.eris, {density}, g, 1);
    const Eigen::MatrixXd fock = ints.core_hamiltonian + g[0];
    const Eigen::MatrixXd error =
        x.transpose() * (fock * density * ints.overlap - ints.overlap * density * fock) * x;
    const Eigen::MatrixXd next = density_of(diis.extrapolate({fock}, {error})[0]);
    const double change = (next - density).cwiseAbs().maxCoeff();
    density = next;
    if (change < 1e-6) break;  // a guess: no need for tight convergence
  }
  return density;
}

}  // namespace

Eigen::MatrixXd sad_density(const Molecule& molecule, const AoIntegrals& integrals) {
  const BasisSet& basis = integrals.basis;
  const int n = integrals.n_functions();
  Eigen::MatrixXd total = Eigen::MatrixXd::Zero(n, n);
  std::map<int, Eigen::MatrixXd> by_element;  // one atomic calculation per element
  for (size_t a = 0; a < molecule.atoms.size(); ++a) {
    const int z = molecule.atoms[a].atomic_number;
    const int first = basis.first_function_of_atom[a];
    const int size = basis.first_function_of_atom[a + 1] - first;
    auto it = by_element.find(z);
    if (it == by_element.end()) {
      Molecule atom;
      atom.atoms = {molecule.atoms[a]};
      const AoIntegrals atom_ints =
          compute_ao_integrals(atom, atom_basis(basis, static_cast<int>(a)), 1);
      it = by_element.emplace(z, atomic_density(atom_ints, z)).first;
    }
    total.block(first, first, size, size) = it->second;
  }
  return total;
}

}  // namespace qmol::detail
