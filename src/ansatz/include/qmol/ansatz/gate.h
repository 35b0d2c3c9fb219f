#pragma once
// The gate table: every gate kind once, with its name, arity, parameters, matrix, inverse and
// OpenQASM 2 name. The circuit, the statevector kernels' dispatch, the HDF5 files and the OpenQASM
// export all read it (one test loops over the whole table: tests/sim/gate_table.cpp).

#include <complex>
#include <optional>
#include <span>
#include <string_view>

namespace qmol {

enum class GateKind { H, X, Y, Z, S, Sdg, T, Tdg, RX, RY, RZ, CNOT, CZ, SWAP, PauliRotation };

// The unitary of a fixed-arity gate on its own qubits, row-major, dim = 2^arity (2 or 4). Bit k of
// a row or column index is the gate's k-th qubit (Gate::qubits[k]; qubits[0] is CNOT's control).
struct GateMatrix {
  int dim = 0;
  std::complex<double> m[4][4] = {};
};

struct GateInfo {
  GateKind kind;
  const char* name;  // in HDF5 files and messages: "h", ..., "cnot", "pauli_rotation"
  int arity;         // qubits; 0 for PauliRotation, which acts on its Pauli string's support
  int n_parameters;  // 1 for rotations (the angle), 0 for fixed gates
  // Rotations are exp(-i t P / 2) with P this letter ('X', 'Y', 'Z'), or the gate's Pauli
  // string for PauliRotation ('P'); 0 for fixed gates.
  char generator;
  GateKind inverse;        // U(t)^-1 = U_inverse(inverse_angle_sign * t)
  int inverse_angle_sign;  // -1 for rotations; +1 for fixed gates (whose angle is unused)
  const char* qasm_name;   // OpenQASM 2.0 (qelib1.inc); nullptr where the export decomposes
  GateMatrix (*matrix)(double angle);  // nullptr for PauliRotation (cos(t/2) - i sin(t/2) P)
};

// Every gate, in GateKind order: gate_table()[k].kind == GateKind(k).
std::span<const GateInfo> gate_table();
const GateInfo& gate_info(GateKind kind);
const char* gate_name(GateKind kind);
std::optional<GateKind> gate_kind_from_name(std::string_view name);  // the inverse of gate_name

}  // namespace qmol
