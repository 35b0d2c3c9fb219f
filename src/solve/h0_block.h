#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <optional>
#include <vector>

#include "qmol/hamiltonian/molecular_hamiltonian.h"
#include "qmol/sim/determinant_space.h"
#include "qmol/sim/spin_operator.h"

namespace qmol {

// Start vectors for the iterative exact solvers (Psi4's detci calls this the H0 block): H in the
// configurations of the lowest diagonal energies, each configuration (doubly and singly occupied
// orbitals) with all its spin couplings, so that S^2 is exact inside the block and the block's
// eigenvectors of one spin are exact spin eigenfunctions of the full space.
struct H0Block {
  std::vector<std::size_t> determinants;  // indices in the space, block order
  Eigen::VectorXd energies;               // lowest first
  Eigen::MatrixXd vectors;                // one column per energy, over `determinants`
};

// At most max_size determinants. spin: keep only eigenvectors of that total spin.
H0Block h0_block(const MolecularHamiltonian& h, const DeterminantSpace& space,
                 const std::vector<double>& diagonal, const DeterminantSpinSquared& s_squared,
                 std::optional<double> spin, std::size_t max_size);

}  // namespace qmol
