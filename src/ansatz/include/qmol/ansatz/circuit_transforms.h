#pragma once
// Circuits as a device runs them: lowered to the gates of qelib1.inc / stdgates.inc, peephole-
// optimized, counted, and folded for zero-noise extrapolation.

#include "qmol/ansatz/circuit.h"

namespace qmol {

// The circuit in native gates: x on the initial qubits first (the result starts from |0...0>),
// each PauliRotation as basis changes (h for X, rx(pi/2) for Y), a CNOT ladder onto its highest
// qubit, rz, and the mirror image; swap as three cnot; every other gate unchanged. Angles keep
// their parameter link, so the result takes the same parameters. A rotation about the identity is
// a global phase and is dropped.
Circuit native_circuit(const Circuit& circuit);

// Peephole optimization, exact for any circuit: gates adjacent on their qubits (no gate on any of
// them in between) cancel when they are inverse pairs (h h, x x, cnot cnot, cz cz, s sdg, ...),
// rotations of one kind on one qubit merge when their angles combine into one Angle (both fixed,
// or driven by the same parameter, or one fixed), and a rotation fixed at 0 (mod 4 pi)
// disappears; cancellations cascade. Rotations about the identity (global phases) are dropped.
// The initial state, qubits and parameters stay.
Circuit optimize_circuit(const Circuit& circuit);

struct CircuitStats {
  int n_qubits = 0;
  long n_gates = 0;            // rotations about the identity act on no qubit: not counted
  long n_two_qubit_gates = 0;  // gates on two or more qubits
  // Layers: each gate starts after the last gate on any of its qubits (a Pauli rotation is one
  // gate on its support).
  long depth = 0;
  int n_parameters = 0;
};
// The counts of the circuit as given (of native_circuit(c) for what a device runs).
CircuitStats circuit_stats(const Circuit& circuit);

// Global unitary folding U (U^dagger U)^k for factor = 2k + 1 (odd, >= 1; InputError otherwise):
// the noise of a device grows with the gates while the ideal state stays the same. U^dagger is
// the gates reversed, each the table's inverse with its angle negated (coefficient and offset).
Circuit fold_circuit(const Circuit& circuit, int factor);

}  // namespace qmol
