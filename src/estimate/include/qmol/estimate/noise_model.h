#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "qmol/ansatz/circuit.h"
#include "qmol/sim/density_matrix.h"
#include "qmol/sim/statevector.h"

namespace qmol {

// The [noise] section of a job: channels after every gate of a native circuit (Pauli rotations
// lowered first: native_circuit), and symmetric bit flips at measurement (the sampler's).
struct NoiseModel {
  double depolarizing_1q = 0.0;    // after each one-qubit gate, on its qubit
  double depolarizing_2q = 0.0;    // after each two-qubit gate, on its pair
  double amplitude_damping = 0.0;  // after every gate, on each qubit it acts on
  double readout_error = 0.0;      // each measured bit flips with this probability (the sampler's)
  int max_density_qubits = 12;     // the exact density matrix up to this many qubits
  long trajectories = 1000;        // Monte-Carlo trajectories above it

  bool has_gate_noise() const {
    return depolarizing_1q > 0 || depolarizing_2q > 0 || amplitude_damping > 0;
  }
  // InputError naming the field (noise.<key>) and the accepted range: probabilities outside
  // [0, 1], max_density_qubits outside 1..DensityMatrix::kMaxQubits, trajectories < 1.
  void check() const;
};

// The channels that follow a native (fixed-arity) gate: depolarizing on its qubit or pair, then
// amplitude damping on each of its qubits. NumericalError for a Pauli rotation.
void apply_gate_noise(DensityMatrix& rho, const Gate& gate, const NoiseModel& noise);
// One trajectory's draw of them: with probability p a uniformly random non-identity Pauli on the
// gate's qubit(s); amplitude damping as a quantum jump (probability gamma P(qubit = 1): K1, else
// K0, renormalized).
void apply_gate_noise(Statevector& psi, const Gate& gate, const NoiseModel& noise,
                      std::mt19937_64& rng);

// The noisy state of a native circuit: its initial basis state (Circuit::initial_mask()), then
// each gate followed by its noise.
DensityMatrix noisy_density_matrix(const Circuit& circuit, const std::vector<double>& parameters,
                                   const NoiseModel& noise);
Statevector noisy_trajectory(const Circuit& circuit, const std::vector<double>& parameters,
                             const NoiseModel& noise, std::mt19937_64& rng);

// The probability of each basis state when measuring rho after the (noiseless, parameter-free)
// basis change: DensityMatrix::diagonal_after, rho unchanged.
std::vector<double> measurement_probabilities(const DensityMatrix& rho,
                                              const Circuit& basis_change);

}  // namespace qmol
