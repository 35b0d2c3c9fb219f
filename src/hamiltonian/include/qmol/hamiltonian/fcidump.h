#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "qmol/hamiltonian/molecular_hamiltonian.h"

namespace qmol {

// The header of an FCIDUMP file (Molpro/PySCF format) next to the Hamiltonian it holds.
struct FcidumpData {
  MolecularHamiltonian hamiltonian;  // n_alpha = (NELEC + MS2) / 2, n_beta = (NELEC - MS2) / 2
  int norb = 0;
  int nelec = 0;
  int ms2 = 0;
  std::vector<int> orbsym;  // one irrep label per orbital (all 1 when absent)
  int isym = 1;
};

struct FcidumpWriteOptions {
  double threshold = 1e-14;  // integrals smaller in magnitude are not written
  std::vector<int> orbsym;   // empty: every orbital in irrep 1
  int isym = 1;
};

// Writes the header, the symmetry-unique (ij|kl) with i>=j, k>=l, ij>=kl (1-based), then h_ij
// with i>=j, then the core energy as "E 0 0 0 0"; every value with 17 significant digits.
void write_fcidump(std::ostream& out, const MolecularHamiltonian& hamiltonian,
                   const FcidumpWriteOptions& options = {});
// Same, to a file; IoError when it cannot be written.
void write_fcidump(const std::string& path, const MolecularHamiltonian& hamiltonian,
                   const FcidumpWriteOptions& options = {});

// Reads what other programs write: &FCI or $FCI header in any case and spacing over several
// lines, ended by &END, $END or /; ORBSYM over several lines; Fortran D exponents; only the
// symmetry-unique integrals listed (the 8-fold permutations are filled in). InputError with
// file:line for a missing file, missing NORB/NELEC, UHF=1, a non-numeric value or an index out
// of range.
FcidumpData read_fcidump(const std::string& path);
// Same from a stream; `name` is used in error messages.
FcidumpData read_fcidump(std::istream& in, const std::string& name);

}  // namespace qmol
