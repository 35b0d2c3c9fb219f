#include "qmol/ansatz/hardware_efficient.h"

#include <algorithm>
#include <stdexcept>

#include "qmol/core/errors.h"

namespace qmol {

namespace {

InputError bad_field(const std::string& key, const std::string& message) {
  Location where;
  where.field = "ansatz." + key;
  return InputError("ansatz." + key + ": " + message, where);
}

std::string quoted(const std::string& s) {
  return "\"" + s + "\"";
}

// splitmix64: a tiny portable generator (std:: distributions differ between standard libraries).
std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

void HardwareEfficientOptions::check() const {
  if (layers < 0 || layers > 1000) {
    throw bad_field("layers", "got " + std::to_string(layers) + ", expected 0..1000");
  }
  if (rotations.empty()) {
    throw bad_field("rotations", "empty, expected a list of \"rx\", \"ry\", \"rz\"");
  }
  for (std::size_t i = 0; i < rotations.size(); ++i) {
    if (std::find(rotations.begin(), rotations.begin() + static_cast<long>(i), rotations[i]) !=
        rotations.begin() + static_cast<long>(i)) {
      throw bad_field("rotations", quoted(to_string(rotations[i])) + " listed twice");
    }
  }
}

Circuit hardware_efficient(int n_qubits, const HardwareEfficientOptions& options,
                           const std::vector<int>& initial_qubits) {
  options.check();
  if (n_qubits < 1) throw std::invalid_argument("hardware_efficient: n_qubits < 1");
  const int n_rotations = static_cast<int>(options.rotations.size());
  Circuit circuit(n_qubits, (options.layers + 1) * n_rotations * n_qubits);
  circuit.set_initial_state(initial_qubits);

  std::vector<std::pair<int, int>> pairs;
  if (options.pattern == EntanglerPattern::full) {
    for (int a = 0; a < n_qubits; ++a)
      for (int b = a + 1; b < n_qubits; ++b) pairs.emplace_back(a, b);
  } else {
    for (int q = 0; q + 1 < n_qubits; ++q) pairs.emplace_back(q, q + 1);
    if (options.pattern == EntanglerPattern::ring && n_qubits > 2)
      pairs.emplace_back(n_qubits - 1, 0);
  }

  for (int layer = 0; layer <= options.layers; ++layer) {
    for (int r = 0; r < n_rotations; ++r) {
      const Rotation kind = options.rotations[r];
      for (int q = 0; q < n_qubits; ++q) {
        const Angle angle = Angle::of((layer * n_rotations + r) * n_qubits + q);
        if (kind == Rotation::rx) circuit.rx(q, angle);
        if (kind == Rotation::ry) circuit.ry(q, angle);
        if (kind == Rotation::rz) circuit.rz(q, angle);
      }
    }
    if (layer == options.layers) break;  // the final layer has rotations only
    for (const auto& [a, b] : pairs) {
      if (options.entangler == Entangler::cnot) {
        circuit.cnot(a, b);
      } else {
        circuit.cz(a, b);
      }
    }
  }
  return circuit;
}

std::vector<double> hardware_efficient_initial_parameters(int n_parameters, std::uint64_t seed,
                                                          double scale) {
  std::uint64_t state = seed;
  std::vector<double> theta(static_cast<std::size_t>(std::max(n_parameters, 0)));
  for (double& t : theta) {
    const double unit = static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-53;  // [0, 1)
    t = scale * (2.0 * unit - 1.0);
  }
  return theta;
}

}  // namespace qmol
