#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "qmol/active_space/active_space.h"
#include "qmol/active_space/orbital_optimization.h"
#include "qmol/ansatz/ansatz_options.h"
#include "qmol/chem/molecule.h"
#include "qmol/core/errors.h"
#include "qmol/estimate/device_model.h"
#include "qmol/qubit/mapping.h"
#include "qmol/scf/scf.h"
#include "qmol/solve/exact_diagonalization.h"
#include "qmol/solve/excited_states.h"
#include "qmol/solve/optimizer.h"
#include "qmol/solve/vqe_problem.h"

namespace qmol {

// [hamiltonian]
struct HamiltonianOptions {
  Mapping mapping = Mapping::jordan_wigner;
  bool two_qubit_reduction = false;
  bool taper = false;  // Z2 tapering in the reference's sector
};

// [output]
struct OutputOptions {
  std::string hdf5;  // path, relative to the working directory
  // The trained state's circuit; OpenQASM 3 for a name ending in .qasm3, else OpenQASM 2.
  std::string qasm;
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
  std::optional<ExcitedOptions> excited;  // [excited]: states after the ground-state VQE
  // [orbital_optimization] present and not enabled = false: CASSCF / OO-VQE orbitals first.
  std::optional<OrbitalOptimizationOptions> orbital_optimization;
  // [estimator], [noise], [mitigation]: the final state measured as on a device.
  DeviceModel device;
  OutputOptions output;
  ScanOptions scan;
  bool hamiltonian_requested = false;  // [active_space] or [hamiltonian] given

  // Where each key given in the job file is ("section.key"), for the rules that involve several
  // keys (job_validation.h) and run after parsing.
  std::map<std::string, Location> keys;
  bool has(const std::string& key) const { return keys.count(key) != 0; }
  // The key's place, or the job file alone when the key was not given.
  Location where(const std::string& key) const;

  // The VQE problem this job describes (requires ansatz).
  VqeSpec vqe_spec() const {
    return {*ansatz,           vqe,   hamiltonian.mapping, hamiltonian.two_qubit_reduction,
            hamiltonian.taper, device};
  }

  // Whether the job goes past SCF to the active-space Hamiltonian.
  bool needs_hamiltonian() const {
    return hamiltonian_requested || exact_enabled || ansatz.has_value() || !fcidump.empty() ||
           orbital_optimization.has_value();
  }
};

// Reads a TOML job file. With require_molecule = false (screening settings), [molecule] may hold
// everything but the geometry. Errors are InputError with file, line and key.
Job read_job(const std::string& path, bool require_molecule = true);
Job parse_job(const std::string& text, const std::string& path, bool require_molecule = true);

// The ansatz template <name>.toml along data_search_path(DataKind::ansatz) (qmol/core/data_path.h:
// $QMOL_ANSATZ_PATH, next to the executable, <prefix>/share/qmol/ansatz, the source tree), or "".
std::string find_ansatz_template(const std::string& name);

}  // namespace qmol
