#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qmol/ansatz/hardware_efficient.h"
#include "qmol/chem/molecule.h"
#include "qmol/active_space/active_space.h"
#include "qmol/qubit/mapping.h"
#include "qmol/scf/scf.h"
#include "qmol/solve/exact_diagonalization.h"
#include "qmol/solve/optimizer.h"

namespace qmol {

// [hamiltonian]
struct HamiltonianOptions {
  Mapping mapping = Mapping::jordan_wigner;
  bool two_qubit_reduction = false;
};

// [ansatz] (after its template, if any, was applied)
struct AnsatzOptions {
  std::string kind;  // "uccsd" | "singlet-uccsd" | "kupccgsd" | "hardware-efficient"
  std::string template_name;
  int k = 1;  // k-UpCCGSD layers
  HardwareEfficientOptions hardware_efficient;
  std::string initial = "";  // "zeros" | "random" | "mp2"; empty = the kind's default
  std::uint64_t seed = 7;
};

// [vqe]
struct VqeEngineOptions {
  std::string engine = "auto";       // "auto" | "determinant" | "statevector"
  std::string gradient = "adjoint";  // "adjoint" | "parameter-shift" (statevector only)
};

// [output]
struct OutputOptions {
  std::string hdf5;  // path, relative to the working directory
};

// [scan]
struct ScanOptions {
  std::vector<int> bond;        // two atom indices (from 0)
  std::vector<int> angle;       // three atom indices (from 0)
  double from = 0.0, to = 0.0;  // Angstrom or degrees
  int points = 0;
  std::string geometries;  // multi-frame XYZ file (absolute path after parsing)
  bool present() const { return !bond.empty() || !angle.empty() || !geometries.empty(); }
};

// A parsed job file. Paths inside are resolved relative to the job file.
struct Job {
  std::string path;  // the job file ("" when built from an XYZ file and options)
  std::string text;  // the job file's text, kept for the results file
  std::string name;  // for reports: the molecule's name or the job file's stem

  // [molecule]; absent when the job reads an FCIDUMP or is a screening settings file.
  std::optional<Molecule> molecule;
  std::string basis = "sto-3g";
  std::string fcidump;  // [fcidump] file, absolute path

  ScfOptions scf;
  ActiveSpaceOptions active_space;
  HamiltonianOptions hamiltonian;
  bool exact_enabled = false;  // [exact] present and not enabled = false
  ExactOptions exact;          // [exact] spin, roots (the memory limit comes from the run)
  std::optional<AnsatzOptions> ansatz;
  VqeEngineOptions vqe;
  OptimizerOptions optimizer;
  OutputOptions output;
  ScanOptions scan;
  bool hamiltonian_requested = false;  // [active_space] or [hamiltonian] given

  // Whether the job goes past SCF to the active-space Hamiltonian.
  bool needs_hamiltonian() const {
    return hamiltonian_requested || exact_enabled || ansatz.has_value() || !fcidump.empty();
  }
};

// Reads a TOML job file. With require_molecule = false (screening settings), [molecule] may hold
// everything but the geometry. Errors are InputError with file, line and key.
Job read_job(const std::string& path, bool require_molecule = true);
Job parse_job(const std::string& text, const std::string& path, bool require_molecule = true);

// Directories searched for ansatz templates (<name>.toml): QMOL_ANSATZ_PATH, next to the
// executable, the source tree.
std::string find_ansatz_template(const std::string& name);

}  // namespace qmol
