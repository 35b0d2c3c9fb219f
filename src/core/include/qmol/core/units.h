#pragma once

namespace qmol {
// CODATA 2014, the value Psi4 uses, so geometries given in Angstrom agree with its references.
inline constexpr double kBohrInAngstrom = 0.52917721067;
inline constexpr double kAngstromInBohr = 1.0 / kBohrInAngstrom;
// Debye per atomic unit of dipole (e a0), CODATA 2014.
inline constexpr double kDebyePerAtomicUnit = 2.541746451895025916414946904;
// Electronvolt per Hartree, CODATA 2014 like the length above.
inline constexpr double kElectronvoltPerHartree = 27.21138602;
// Chemical accuracy, 1 kcal/mol, in Hartree.
inline constexpr double kChemicalAccuracy = 1.6e-3;
}  // namespace qmol
