#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "qmol/ansatz/circuit.h"

namespace qmol {

// The [ansatz] keys of a hardware-efficient ansatz (job-file section "ansatz").
struct HardwareEfficientOptions {
  int layers = 2;                               // entangling layers; a final rotation layer follows
  std::vector<std::string> rotations = {"ry"};  // per qubit and layer, in order: "rx", "ry", "rz"
  std::string entangler = "cz";                 // "cz" or "cnot"
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
// Defaults (RY, CZ, linear, 2 layers): the state stays real (enough for ground states of real
// Hamiltonians), and with CZ every layer at zero angles leaves a basis state unchanged up to a
// sign, so theta = 0 is exactly the Hartree-Fock state and the optimisation starts from E_HF.
Circuit hardware_efficient(int n_qubits, const HardwareEfficientOptions& options,
                           const std::vector<int>& initial_qubits);

// Starting parameters: small deterministic pseudo-random angles, uniform in [-scale, scale].
// Exactly zero would be a stationary point (Hartree-Fock satisfies Brillouin's theorem, and the
// first-order changes of this ansatz are single excitations), so the optimiser must start off it.
// The same seed gives the same bits on every platform.
std::vector<double> hardware_efficient_initial_parameters(int n_parameters, std::uint64_t seed = 0,
                                                          double scale = 0.1);

}  // namespace qmol
