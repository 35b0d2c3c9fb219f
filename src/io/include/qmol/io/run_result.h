#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "qmol/active_space/active_space.h"
#include "qmol/active_space/orbital_optimization.h"
#include "qmol/ansatz/circuit.h"
#include "qmol/ansatz/circuit_transforms.h"
#include "qmol/ansatz/fermionic_ansatz.h"
#include "qmol/chem/molecule.h"
#include "qmol/estimate/device_model.h"
#include "qmol/hamiltonian/molecular_hamiltonian.h"
#include "qmol/qubit/mapping.h"
#include "qmol/qubit/qubit_operator.h"
#include "qmol/scf/scf_result.h"
#include "qmol/sim/reduced_density.h"
#include "qmol/solve/exact_diagonalization.h"
#include "qmol/solve/excited_states.h"
#include "qmol/solve/vqe.h"

namespace qmol {

// Everything one job computed, stage by stage; what the JSON summary and the HDF5 file hold.
// A stage that was not run leaves its optional empty.
struct RunResult {
  std::string name;                  // molecule or job name
  std::string job_text;              // the job file as given
  std::optional<Molecule> molecule;  // absent for FCIDUMP jobs

  struct BasisSummary {
    std::string name;
    int n_functions = 0;
    bool spherical = true;
  };
  std::optional<BasisSummary> basis;
  std::optional<ScfResult> scf;

  // Active space and its integrals (absent when the job stops after SCF).
  std::optional<ActiveSpaceInfo> active_space;
  std::optional<MolecularHamiltonian> hamiltonian;

  struct QubitSummary {
    Mapping mapping = Mapping::jordan_wigner;
    bool two_qubit_reduction = false;
    int n_qubits = 0;
    std::size_t n_terms = 0;
    double one_norm = 0.0;
    std::optional<QubitOperator> qubit_operator;  // kept when small enough to store
    // Z2 tapering (hamiltonian.taper): qubits removed, the symmetries (Z strings on the untapered
    // qubits) and the reference's eigenvalue of each. n_qubits, n_terms and the operator are the
    // tapered ones.
    int tapered_qubits = 0;
    std::vector<PauliString> symmetries;
    std::vector<int> sector;
    // What measuring the energy on a device costs: the sets of terms measured together (the
    // job's estimator.grouping), for registers of up to 64 qubits.
    std::optional<int> n_measurement_groups;
  };
  std::optional<QubitSummary> qubit;

  // [orbital_optimization]: CASSCF (solver exact) or OO-VQE; the active space, the Hamiltonian
  // and the later stages are those of the optimized orbitals.
  struct OrbitalOptimizationSummary {
    OrbitalSolver solver = OrbitalSolver::exact;
    double energy = 0.0;  // at the final orbitals
    int iterations = 0;   // active-space solves
    bool converged = false;
    double gradient_tolerance = 0.0;
    std::vector<double> energies;             // per solve
    std::vector<double> max_gradients;        // per solve; NaN for a step that was halved
    std::vector<double> natural_occupations;  // of the final state, largest first
    Eigen::MatrixXd natural_orbitals;         // AO x active, in that order
    Eigen::MatrixXd orbitals;                 // AO x MO: frozen core, inactive, active, virtual
    int n_frozen = 0, n_inactive = 0, n_active = 0;
  };
  std::optional<OrbitalOptimizationSummary> orbital_optimization;

  std::optional<ExactResult> exact;

  // What a correlated state's reduced density matrices give (determinant-space states: the exact
  // ground state, the determinant engine's VQE state).
  struct StateProperties {
    ReducedDensities densities;                   // spin-summed, active MO basis
    std::vector<double> natural_occupations;      // largest first
    double n_electrons = 0.0;                     // <N> in the active space
    std::optional<Eigen::Vector3d> dipole_debye;  // total; absent for FCIDUMP jobs
  };
  std::optional<StateProperties> exact_properties, vqe_properties;

  using VqeSummary = VqeReport;  // solve/vqe.h
  std::optional<VqeSummary> vqe;
  std::optional<ExcitedResult> excited;  // [excited], after the VQE

  // The VQE state's circuit in the gates a device runs (native_circuit, optimize_circuit with
  // --optimize), at the trained parameters (or the initial ones for `qmol circuit --initial`).
  struct CircuitSummary {
    Circuit circuit;
    std::vector<double> parameters;
    std::vector<std::string> parameter_labels;
    CircuitStats stats;
    bool optimized = false;
  };
  std::optional<CircuitSummary> circuit;

  // The final state as a device measures it: with shots and no noise ([estimator]), through
  // [noise], and mitigated ([mitigation]). vqe.energy stays the noiseless exact energy.
  struct DeviceSummary {
    DeviceModel model;
    std::optional<EnergyEstimate> estimator;
    std::optional<EnergyEstimate> noise;
    NoiseSimulation noise_simulation = NoiseSimulation::statevector;
    std::optional<MitigatedEstimate> mitigation;
  };
  std::optional<DeviceSummary> device;

  std::map<std::string, double> seconds;  // wall time per stage: "scf", "hamiltonian", ...
};

}  // namespace qmol
