#pragma once
// Building a VQE problem from typed settings: the ansatz, the engine that evaluates it, its
// gradient method, the starting parameters, and what it will cost in memory (known before SCF).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "qmol/ansatz/ansatz_options.h"
#include "qmol/ansatz/circuit.h"
#include "qmol/ansatz/fermionic_ansatz.h"
#include "qmol/core/enum_names.h"
#include "qmol/estimate/device_model.h"
#include "qmol/hamiltonian/molecular_hamiltonian.h"
#include "qmol/qubit/mapping.h"
#include "qmol/qubit/qubit_operator.h"
#include "qmol/qubit/tapering.h"
#include "qmol/sim/energy_function.h"

namespace qmol {

class AdaptAnsatz;
class DeterminantEngine;

enum class VqeEngineKind {
  automatic,    // determinant for the UCC family with adjoint gradients, statevector otherwise
  determinant,  // sparse determinant space: UCC-family ansätze only
  statevector,  // 2^n amplitudes: any circuit
};
template <>
struct EnumNames<VqeEngineKind> {
  static constexpr std::string_view noun = "VQE engine";
  static constexpr std::array<std::pair<VqeEngineKind, std::string_view>, 3> names = {
      {{VqeEngineKind::automatic, "auto"},
       {VqeEngineKind::determinant, "determinant"},
       {VqeEngineKind::statevector, "statevector"}}};
};

enum class GradientMethod {
  adjoint,          // one backward sweep (both engines)
  parameter_shift,  // two shifted energies per rotation, as on a device (statevector only)
};
template <>
struct EnumNames<GradientMethod> {
  static constexpr std::string_view noun = "gradient method";
  static constexpr std::array<std::pair<GradientMethod, std::string_view>, 2> names = {
      {{GradientMethod::adjoint, "adjoint"}, {GradientMethod::parameter_shift, "parameter-shift"}}};
};

// The [vqe] section of a job.
struct VqeEngineOptions {
  VqeEngineKind engine = VqeEngineKind::automatic;
  GradientMethod gradient = GradientMethod::adjoint;
};

// Everything a VQE problem is built from, besides the Hamiltonian.
struct VqeSpec {
  AnsatzOptions ansatz;
  VqeEngineOptions engine;
  Mapping mapping = Mapping::jordan_wigner;  // of the statevector's qubits
  bool two_qubit_reduction = false;
  // Z2 tapering (tapering.h): the statevector's circuits run on the tapered register.
  bool taper = false;
  // Shots, noise and mitigation ([estimator], [noise], [mitigation]): with train_on = "shots"
  // the optimizer sees sampled (and noisy) energies; otherwise they price the final state only.
  DeviceModel device;
};

// The engine that will run: `automatic` resolved (the statevector when the device model has
// noise or trains on shots). InputError (field vqe.engine, vqe.gradient, noise or
// estimator.train_on) for a determinant engine asked to run a circuit, to take parameter-shift
// gradients, to be noisy or sampled.
VqeEngineKind resolve_engine(const VqeSpec& spec);

// Qubits of the statevector for n_orbitals spatial orbitals, before any tapering.
int vqe_qubits(const VqeSpec& spec, int n_orbitals);

// Bytes the resolved engine will hold for an active space of this shape (determinant vectors and
// tables, or statevectors), without building anything.
double vqe_memory_bytes(const VqeSpec& spec, int n_orbitals, int n_alpha, int n_beta);

// A VQE problem ready to optimize.
struct VqeProblem {
  VqeSpec spec;                                       // what it was built from
  VqeEngineKind engine = VqeEngineKind::determinant;  // resolved
  int n_qubits = 0;
  std::unique_ptr<EnergyFunction> energy;
  // estimator.train_on = "shots": `energy` is sampled and this exact one gives the reported energy
  // of the trained parameters.
  std::unique_ptr<EnergyFunction> noiseless_energy;
  std::vector<double> initial;
  // Further starts, tried in turn while the optimizer ends at the reference stationary point.
  std::vector<std::vector<double>> restarts;
  std::optional<FermionicAnsatz> fermionic_ansatz;  // UCC family
  std::optional<Circuit> circuit;                   // statevector engine
  std::vector<std::string> parameter_labels;
  // ADAPT-VQE: the ansatz that grows on `energy` (adapt_vqe.h); the ansatz above is its start.
  std::shared_ptr<AdaptAnsatz> adapt;

  // <S^2> of the state at theta, in the layout of the engine.
  double s_squared(const std::vector<double>& theta) const;

  // The state at theta as determinant amplitudes (DeterminantSpace order and phases, which are
  // the Jordan-Wigner ones) when it is one: the determinant engine's, or a UCC-family circuit on
  // the whole Jordan-Wigner register (real amplitudes, all inside the N, Sz sector). Empty
  // otherwise.
  std::vector<double> determinant_state(const std::vector<double>& theta) const;

  std::optional<TaperedOperator> tapering;  // spec.taper: the register's symmetries and sector

  // The circuit of a state in the job's qubit register (mapping, reduction, tapering), for export
  // and for the device model: `circuit` when the state is one (the statevector's), else the
  // UCC-family `ansatz` lowered to Pauli rotations. Pass the problem's own (the starting state) or
  // a VqeReport's (the trained, possibly grown, one). `tapering`: the register's tapering when
  // spec.taper and the problem has none of its own (the determinant engine's).
  Circuit register_circuit(const std::optional<Circuit>& circuit,
                           const std::optional<FermionicAnsatz>& ansatz,
                           const TaperedOperator* tapering = nullptr) const;

  const MolecularHamiltonian* hamiltonian = nullptr;  // the one it was built for
  DeterminantEngine* determinant = nullptr;  // owned by `energy` when engine is determinant
};

// Builds the ansatz for `h` and the engine. `qubit_hamiltonian`: h in the spec's mapping, needed
// by the statevector engine (built here when null); `tapering`: its tapering when spec.taper
// (made here when null). h must outlive the problem.
//
// With spec.taper the statevector runs on the tapered register: hardware-efficient circuits are
// built on it from the tapered reference, qubit-ADAPT's strings and lowered UCC rotations are
// tapered one by one (those that leave the reference's sector, which the symmetry keeps at zero
// amplitude, are dropped). The determinant engine is unaffected: its space already has fixed N
// and Sz.
VqeProblem build_vqe_problem(const MolecularHamiltonian& h, const VqeSpec& spec,
                             const QubitOperator* qubit_hamiltonian = nullptr,
                             const TaperedOperator* tapering = nullptr);

}  // namespace qmol
