#include "qmol/ansatz/circuit_transforms.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

#include "qmol/core/errors.h"

namespace qmol {
namespace {

// U(t)^-1 = U_inverse(sign * t): with t = c theta + o, the angle (sign c) theta + sign o.
Gate inverse_of(const Gate& g) {
  const GateInfo& info = gate_info(g.kind);
  Gate inverse = g;
  inverse.kind = info.inverse;
  inverse.angle.coefficient *= info.inverse_angle_sign;
  inverse.angle.offset *= info.inverse_angle_sign;
  return inverse;
}

// Whether b undoes a (same qubits, checked by the caller up to order).
bool cancels(const Gate& a, const Gate& b) {
  const GateInfo& info = gate_info(a.kind);
  if (info.n_parameters > 0 || info.inverse != b.kind) return false;
  if (a.kind == GateKind::CNOT) return a.qubits[0] == b.qubits[0];  // same control and target
  return true;  // one-qubit gates, and cz and swap, which are symmetric
}

// a followed by b as one rotation, when their angles combine into one Angle.
std::optional<Angle> merged_angle(const Gate& a, const Gate& b) {
  if (a.kind != b.kind || gate_info(a.kind).n_parameters == 0) return std::nullopt;
  if (a.kind == GateKind::PauliRotation && a.pauli != b.pauli) return std::nullopt;
  if (a.kind != GateKind::PauliRotation && a.qubits[0] != b.qubits[0]) return std::nullopt;
  const Angle& x = a.angle;
  const Angle& y = b.angle;
  if (x.parameter >= 0 && y.parameter >= 0 && x.parameter != y.parameter) return std::nullopt;
  Angle sum;
  sum.parameter = std::max(x.parameter, y.parameter);
  sum.coefficient =
      (x.parameter >= 0 ? x.coefficient : 0.0) + (y.parameter >= 0 ? y.coefficient : 0.0);
  sum.offset = x.offset + y.offset;
  if (sum.parameter >= 0 && sum.coefficient == 0.0) sum = Angle::fixed(sum.offset);
  if (sum.parameter < 0) sum.coefficient = 0.0;
  return sum;
}

// A fixed rotation by a multiple of 4 pi is the identity.
bool is_identity_rotation(const Angle& a) {
  if (a.parameter >= 0) return false;
  constexpr double kFourPi = 4 * std::numbers::pi;
  const double r = std::remainder(a.offset, kFourPi);
  return std::abs(r) < 1e-12;
}

}  // namespace

Circuit native_circuit(const Circuit& circuit) {
  Circuit out(circuit.n_qubits(), circuit.n_parameters());
  for (int q : circuit.initial_qubits()) out.x(q);
  const Angle half_pi = Angle::fixed(std::numbers::pi / 2);
  const Angle minus_half_pi = Angle::fixed(-std::numbers::pi / 2);
  for (const Gate& g : circuit.gates()) {
    if (g.kind == GateKind::SWAP) {
      out.cnot(g.qubits[0], g.qubits[1]);
      out.cnot(g.qubits[1], g.qubits[0]);
      out.cnot(g.qubits[0], g.qubits[1]);
      continue;
    }
    if (g.kind != GateKind::PauliRotation) {
      out.add(g);
      continue;
    }
    const std::vector<int> qubits = g.support();
    if (qubits.empty()) continue;  // exp(-i t I/2): a global phase
    // Each factor rotated to Z, the parity collected on the last qubit, rz, and undone.
    const auto basis_change = [&](bool forward) {
      for (int q : qubits) {
        if (g.pauli.at(q) == 'X') out.h(q);
        if (g.pauli.at(q) == 'Y') out.rx(q, forward ? half_pi : minus_half_pi);
      }
    };
    basis_change(true);
    for (std::size_t i = 0; i + 1 < qubits.size(); ++i) out.cnot(qubits[i], qubits[i + 1]);
    out.rz(qubits.back(), g.angle);
    for (std::size_t i = qubits.size() - 1; i > 0; --i) out.cnot(qubits[i - 1], qubits[i]);
    basis_change(false);
  }
  return out;
}

Circuit optimize_circuit(const Circuit& circuit) {
  struct Kept {
    Gate gate;
    std::vector<int> qubits;
    bool alive = true;
  };
  std::vector<Kept> kept;
  // Per qubit, the kept gates on it in order: the last one is the gate a new one meets first.
  std::vector<std::vector<std::size_t>> on_qubit(static_cast<std::size_t>(circuit.n_qubits()));
  const auto remove = [&](std::size_t j) {
    kept[j].alive = false;
    for (int q : kept[j].qubits) on_qubit[static_cast<std::size_t>(q)].pop_back();
  };
  for (const Gate& g : circuit.gates()) {
    std::vector<int> qubits = g.support();
    if (qubits.empty()) continue;  // a rotation about the identity: a global phase
    if (g.is_parametrised() && is_identity_rotation(g.angle)) continue;
    // The previous gate on every one of these qubits, if it is one gate on exactly them.
    std::optional<std::size_t> previous;
    const auto& first = on_qubit[static_cast<std::size_t>(qubits[0])];
    if (!first.empty()) {
      const std::size_t j = first.back();
      std::vector<int> a = kept[j].qubits, b = qubits;
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      if (a == b && std::all_of(qubits.begin(), qubits.end(), [&](int q) {
            const auto& s = on_qubit[static_cast<std::size_t>(q)];
            return !s.empty() && s.back() == j;
          }))
        previous = j;
    }
    if (previous) {
      Kept& p = kept[*previous];
      if (cancels(p.gate, g)) {
        remove(*previous);
        continue;
      }
      if (const auto angle = merged_angle(p.gate, g)) {
        p.gate.angle = *angle;
        if (is_identity_rotation(*angle)) remove(*previous);
        continue;
      }
    }
    for (int q : qubits) on_qubit[static_cast<std::size_t>(q)].push_back(kept.size());
    kept.push_back({g, std::move(qubits), true});
  }
  Circuit out(circuit.n_qubits(), circuit.n_parameters());
  out.set_initial_state(circuit.initial_qubits());
  for (const Kept& k : kept)
    if (k.alive) out.add(k.gate);
  return out;
}

CircuitStats circuit_stats(const Circuit& circuit) {
  CircuitStats s;
  s.n_qubits = circuit.n_qubits();
  s.n_parameters = circuit.n_parameters();
  std::vector<long> level(static_cast<std::size_t>(circuit.n_qubits()), 0);
  for (const Gate& g : circuit.gates()) {
    const std::vector<int> qubits = g.support();
    if (qubits.empty()) continue;
    ++s.n_gates;
    if (qubits.size() >= 2) ++s.n_two_qubit_gates;
    long start = 0;
    for (int q : qubits) start = std::max(start, level[static_cast<std::size_t>(q)]);
    for (int q : qubits) level[static_cast<std::size_t>(q)] = start + 1;
    s.depth = std::max(s.depth, start + 1);
  }
  return s;
}

Circuit fold_circuit(const Circuit& circuit, int factor) {
  if (factor < 1 || factor % 2 == 0)
    throw InputError(fmt::format(
        "a fold factor is odd and at least 1 (U (U^dagger U)^k gives 2k + 1), not {}", factor));
  Circuit out(circuit.n_qubits(), circuit.n_parameters());
  out.set_initial_state(circuit.initial_qubits());
  const std::vector<Gate>& gates = circuit.gates();
  for (const Gate& g : gates) out.add(g);
  for (int k = 0; k < (factor - 1) / 2; ++k) {
    for (auto it = gates.rbegin(); it != gates.rend(); ++it) out.add(inverse_of(*it));
    for (const Gate& g : gates) out.add(g);
  }
  return out;
}

}  // namespace qmol
