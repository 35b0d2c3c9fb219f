#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "qmol/ansatz/circuit.h"

namespace qmol {

// The [ansatz] keys of a hardware-efficient ansatz (job-file section "ansatz").
struct HardwareEfficientOptions {
  int layers = 3;                               // entangling layers; a final rotation layer follows
  std::vector<std::string> rotations = {"ry"};  // per qubit and layer, in order: "rx", "ry", "rz"
  std::string entangler = "cnot";               // "cnot" or "cz"
  std::string pattern = "linear";               // "linear", "ring" or "full"

  // Throws InputError naming the field (ansatz.layers, ansatz.rotations, ...) and quoting the
  // value.
  void check() const;
};

// A hardware-efficient circuit on n_qubits starting from the basis state `initial_qubits` (the
// qubits set to |1>, e.g. the Hartree-Fock state of the chosen mapping):
//   for layer l = 0 .. layers-1: rotations on every qubit, then the entangler pattern;
//   then one final rotation layer.
// Parameter layout: rotation r (index into options.rotations) of layer l (0..layers, the last
// being the final layer) on qubit q is parameter (l * rotations.size() + r) * n_qubits + q.
// Gate order inside a layer: for each rotation r, for each qubit q. Entangler pairs (a, b), with a
// the CNOT control: linear (q, q+1) for q = 0..n-2; ring adds (n-1, 0) when n > 2; full is every
// pair a < b in lexicographic order.
//
// Defaults (RY, CNOT, linear, 3 layers; n_qubits parameters per layer): the state stays real,
// which is enough for ground states of real Hamiltonians. Chosen by experiment on two-orbital
// (H2-like, 4-qubit Jordan-Wigner) problems: from hardware_efficient_initial_parameters, L-BFGS
// reached the exact ground state for every seed tried with CNOT and 3 linear layers (or 2 ring
// or full layers), while CZ entanglers and fewer layers stopped in local minima 0.01-0.03 Eh
// above. Note that with CNOT, theta = 0 is not the initial basis state itself (the CNOT ladder
// permutes basis states); the initial state still sets the particle-number sector the
// optimisation starts in.
Circuit hardware_efficient(int n_qubits, const HardwareEfficientOptions& options,
                           const std::vector<int>& initial_qubits);

// Starting parameters: small deterministic pseudo-random angles, uniform in [-scale, scale].
// Exactly zero can be a stationary point (with CZ entanglers it is the Hartree-Fock state, which
// is stationary by Brillouin's theorem), so the optimiser starts slightly off it.
// The same seed gives the same bits on every platform.
std::vector<double> hardware_efficient_initial_parameters(int n_parameters, std::uint64_t seed = 0,
                                                          double scale = 0.1);

}  // namespace qmol
