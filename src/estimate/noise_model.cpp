#include "qmol/estimate/noise_model.h"

#include <fmt/format.h>

#include <cmath>

#include "qmol/core/errors.h"

namespace qmol {
namespace {

// [0, 1) from the generator's top 53 bits: the same numbers with every standard library.
double uniform(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

void apply_pauli_letter(Statevector& psi, int q, int letter) {  // 1 X, 2 Y, 3 Z
  if (letter == 1) psi.apply_x(q);
  if (letter == 2) psi.apply_y(q);
  if (letter == 3) psi.apply_z(q);
}

void damp(Statevector& psi, int q, double gamma, std::mt19937_64& rng) {
  const std::uint64_t bit = std::uint64_t{1} << q;
  double p1 = 0.0;
  for (std::size_t i = 0; i < psi.size(); ++i)
    if (i & bit) p1 += std::norm(psi[i]);
  const double jump = gamma * p1;
  if (uniform(rng) < jump) {  // K1: |1> decays to |0>
    const double scale = 1.0 / std::sqrt(p1);
    for (std::size_t i = 0; i < psi.size(); ++i)
      if (!(i & bit)) {
        psi[i] = psi[i | bit] * scale;
        psi[i | bit] = 0.0;
      }
  } else {  // K0, renormalized
    const double keep = std::sqrt(1.0 - gamma), scale = 1.0 / std::sqrt(1.0 - jump);
    for (std::size_t i = 0; i < psi.size(); ++i) psi[i] *= (i & bit) ? keep * scale : scale;
  }
}

int arity_of(const Gate& gate) {
  const int arity = gate_info(gate.kind).arity;
  if (arity == 0)
    throw NumericalError(
        "gate noise acts on native gates: lower Pauli rotations first "
        "(native_circuit)");
  return arity;
}

}  // namespace

void NoiseModel::check() const {
  const auto probability = [](const char* key, double p) {
    if (!(p >= 0.0 && p <= 1.0))
      throw InputError(
          fmt::format("noise.{} = {} is a probability: give a value in [0, 1]", key, p),
          {"", 0, std::string("noise.") + key});
  };
  probability("depolarizing_1q", depolarizing_1q);
  probability("depolarizing_2q", depolarizing_2q);
  probability("amplitude_damping", amplitude_damping);
  probability("readout_error", readout_error);
  if (max_density_qubits < 1 || max_density_qubits > DensityMatrix::kMaxQubits)
    throw InputError(fmt::format("noise.max_density_qubits = {} is out of range (1 to {}; above "
                                 "it trajectories run)",
                                 max_density_qubits, DensityMatrix::kMaxQubits),
                     {"", 0, "noise.max_density_qubits"});
  if (trajectories < 1)
    throw InputError(fmt::format("noise.trajectories = {} must be at least 1", trajectories),
                     {"", 0, "noise.trajectories"});
}

void apply_gate_noise(DensityMatrix& rho, const Gate& gate, const NoiseModel& noise) {
  const int arity = arity_of(gate);
  if (arity == 1 && noise.depolarizing_1q > 0)
    rho.depolarize(gate.qubits[0], noise.depolarizing_1q);
  if (arity == 2 && noise.depolarizing_2q > 0)
    rho.depolarize(gate.qubits[0], gate.qubits[1], noise.depolarizing_2q);
  if (noise.amplitude_damping > 0)
    for (int k = 0; k < arity; ++k) rho.amplitude_damp(gate.qubits[k], noise.amplitude_damping);
}

void apply_gate_noise(Statevector& psi, const Gate& gate, const NoiseModel& noise,
                      std::mt19937_64& rng) {
  const int arity = arity_of(gate);
  if (arity == 1 && noise.depolarizing_1q > 0 && uniform(rng) < noise.depolarizing_1q)
    apply_pauli_letter(psi, gate.qubits[0], 1 + static_cast<int>(uniform(rng) * 3));
  if (arity == 2 && noise.depolarizing_2q > 0 && uniform(rng) < noise.depolarizing_2q) {
    const int pair = 1 + static_cast<int>(uniform(rng) * 15);  // 1..15: not I (x) I
    apply_pauli_letter(psi, gate.qubits[0], pair % 4);
    apply_pauli_letter(psi, gate.qubits[1], pair / 4);
  }
  if (noise.amplitude_damping > 0)
    for (int k = 0; k < arity; ++k) damp(psi, gate.qubits[k], noise.amplitude_damping, rng);
}

DensityMatrix noisy_density_matrix(const Circuit& circuit, const std::vector<double>& parameters,
                                   const NoiseModel& noise) {
  DensityMatrix rho(circuit.n_qubits(), circuit.initial_mask());
  for (const Gate& g : circuit.gates()) {
    rho.apply_gate(g, parameters);
    apply_gate_noise(rho, g, noise);
  }
  return rho;
}

Statevector noisy_trajectory(const Circuit& circuit, const std::vector<double>& parameters,
                             const NoiseModel& noise, std::mt19937_64& rng) {
  Statevector psi(circuit.n_qubits(), circuit.initial_mask());
  for (const Gate& g : circuit.gates()) {
    apply_gate(psi, g, parameters);
    apply_gate_noise(psi, g, noise, rng);
  }
  return psi;
}

std::vector<double> measurement_probabilities(const DensityMatrix& rho,
                                              const Circuit& basis_change) {
  DensityMatrix rotated = rho;
  rotated.apply_circuit(basis_change, {});
  return rotated.diagonal();
}

}  // namespace qmol
