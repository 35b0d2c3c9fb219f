#include "qmol/estimate/noise_model.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <string>

#include "qmol/core/bits.h"
#include "qmol/core/errors.h"

namespace qmol {
namespace {

using Index = std::int64_t;  // OpenMP loops want a signed index

// [0, 1) from the generator's top 53 bits: the same numbers with every standard library (the
// distributions of <random> are implementation-defined).
double uniform(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

void apply_pauli_letter(Statevector& psi, int q, int letter) {  // 0 I, 1 X, 2 Y, 3 Z
  if (letter == 1) psi.apply_x(q);
  if (letter == 2) psi.apply_y(q);
  if (letter == 3) psi.apply_z(q);
}

// P(qubit q = 1), summed over a fixed number of blocks and the blocks then in order: the same
// bits whatever the number of threads, since the quantum jump compares it with a random number.
double excited_probability(const Statevector& psi, int q) {
  constexpr Index kBlocks = 64;
  const Index pairs = static_cast<Index>(psi.size() / 2);
  const std::uint64_t low = low_bits(q), one = bit(q);
  const Statevector::Amplitude* a = psi.data();
  std::array<double, kBlocks> partial{};
#pragma omp parallel for schedule(static) if (psi.n_qubits() >= Statevector::kParallelQubits)
  for (Index b = 0; b < kBlocks; ++b) {
    double sum = 0.0;
    for (Index k = pairs * b / kBlocks; k < pairs * (b + 1) / kBlocks; ++k) {
      const std::uint64_t u = static_cast<std::uint64_t>(k);
      sum += std::norm(a[((u & ~low) << 1) | (u & low) | one]);
    }
    partial[static_cast<std::size_t>(b)] = sum;
  }
  double p1 = 0.0;
  for (const double s : partial) p1 += s;
  return p1;
}

// Amplitude damping as a quantum jump: K1 (|1> decays to |0>) with probability gamma P(1), else
// K0; either renormalized.
void damp(Statevector& psi, int q, double gamma, std::mt19937_64& rng) {
  const double p1 = excited_probability(psi, q);
  const double jump = gamma * p1;
  if (uniform(rng) < jump) {  // K1 / sqrt(gamma p1) = |0><1| / sqrt(p1)
    psi.apply_matrix(q, 0.0, 1.0 / std::sqrt(p1), 0.0, 0.0);
    return;
  }
  const double scale = 1.0 / std::sqrt(1.0 - jump);  // K0 / sqrt(1 - gamma p1)
  psi.apply_diagonal(q, scale, std::sqrt(1.0 - gamma) * scale);
}

int arity_of(const Gate& gate) {
  const int arity = gate_info(gate.kind).arity;
  if (arity == 0)
    throw NumericalError(
        "gate noise follows native gates, not a Pauli rotation: lower the circuit first "
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
    throw InputError(
        fmt::format("noise.max_density_qubits = {} is out of range: give 1 to {} (the density "
                    "matrix of {} qubits takes {:g} GiB; larger registers run trajectories)",
                    max_density_qubits, DensityMatrix::kMaxQubits, DensityMatrix::kMaxQubits,
                    DensityMatrix::memory_bytes(DensityMatrix::kMaxQubits) / (1 << 30)),
        {"", 0, "noise.max_density_qubits"});
  if (trajectories < 1)
    throw InputError(
        fmt::format("noise.trajectories = {} is out of range: give 1 or more", trajectories),
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
  // The draws, in this order, are the trajectory's only random numbers (serial: same seed, same
  // bits); a channel with probability 0 draws nothing.
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
  QMOL_ASSERT(basis_change.n_parameters() == 0, "a basis change with parameters");
  return rho.diagonal_after(basis_change, {});
}

}  // namespace qmol
