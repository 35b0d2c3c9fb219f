#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "qmol/ansatz/circuit.h"
#include "qmol/core/enum_names.h"

namespace qmol {

enum class Rotation { rx, ry, rz };
enum class Entangler { cnot, cz };
// Which qubit pairs an entangling layer couples (see hardware_efficient()).
enum class EntanglerPattern { linear, ring, full };

template <>
struct EnumNames<Rotation> {
  static constexpr std::string_view noun = "rotation";
  static constexpr std::array<std::pair<Rotation, std::string_view>, 3> names = {
      {{Rotation::rx, "rx"}, {Rotation::ry, "ry"}, {Rotation::rz, "rz"}}};
};
template <>
struct EnumNames<Entangler> {
  static constexpr std::string_view noun = "entangler";
  static constexpr std::array<std::pair<Entangler, std::string_view>, 2> names = {
      {{Entangler::cnot, "cnot"}, {Entangler::cz, "cz"}}};
};
template <>
struct EnumNames<EntanglerPattern> {
  static constexpr std::string_view noun = "entangler pattern";
  static constexpr std::array<std::pair<EntanglerPattern, std::string_view>, 3> names = {
      {{EntanglerPattern::linear, "linear"},
       {EntanglerPattern::ring, "ring"},
       {EntanglerPattern::full, "full"}}};
};

// The [ansatz] keys of a hardware-efficient ansatz (job-file section "ansatz").
struct HardwareEfficientOptions {
  int layers = 3;  // entangling layers; a final rotation layer follows
  std::vector<Rotation> rotations = {Rotation::ry};  // per qubit and layer, in this order
  Entangler entangler = Entangler::cnot;
  EntanglerPattern pattern = EntanglerPattern::linear;

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
