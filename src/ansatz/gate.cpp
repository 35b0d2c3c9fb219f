#include "qmol/ansatz/gate.h"

#include <array>
#include <cmath>
#include <numbers>

#include "qmol/core/errors.h"

namespace qmol {

namespace {

using C = std::complex<double>;
constexpr C kI{0, 1};

GateMatrix one(C m00, C m01, C m10, C m11) {
  GateMatrix g;
  g.dim = 2;
  g.m[0][0] = m00;
  g.m[0][1] = m01;
  g.m[1][0] = m10;
  g.m[1][1] = m11;
  return g;
}

// A 4x4 permutation-with-phases: row r has entry phase[r] in column column[r].
GateMatrix two(std::array<int, 4> column, std::array<C, 4> phase) {
  GateMatrix g;
  g.dim = 4;
  for (int r = 0; r < 4; ++r) g.m[r][column[r]] = phase[r];
  return g;
}

GateMatrix h(double) {
  const double r = std::numbers::sqrt2 / 2;
  return one(r, r, r, -r);
}
GateMatrix x(double) {
  return one(0, 1, 1, 0);
}
GateMatrix y(double) {
  return one(0, -kI, kI, 0);
}
GateMatrix z(double) {
  return one(1, 0, 0, -1);
}
GateMatrix s(double) {
  return one(1, 0, 0, kI);
}
GateMatrix sdg(double) {
  return one(1, 0, 0, -kI);
}
GateMatrix t(double) {
  return one(1, 0, 0, std::polar(1.0, std::numbers::pi / 4));
}
GateMatrix tdg(double) {
  return one(1, 0, 0, std::polar(1.0, -std::numbers::pi / 4));
}
GateMatrix rx(double a) {
  const double c = std::cos(a / 2), s = std::sin(a / 2);
  return one(c, -kI * s, -kI * s, c);
}
GateMatrix ry(double a) {
  const double c = std::cos(a / 2), s = std::sin(a / 2);
  return one(c, -s, s, c);
}
GateMatrix rz(double a) {
  return one(std::polar(1.0, -a / 2), 0, 0, std::polar(1.0, a / 2));
}
// Index bit 0 = qubits[0] (the control), bit 1 = qubits[1].
GateMatrix cnot(double) {
  return two({0, 3, 2, 1}, {1, 1, 1, 1});
}
GateMatrix cz(double) {
  return two({0, 1, 2, 3}, {1, 1, 1, -1});
}
GateMatrix swap(double) {
  return two({0, 2, 1, 3}, {1, 1, 1, 1});
}

using K = GateKind;
// clang-format off
constexpr GateInfo kTable[] = {
  // kind              name              arity params gen  inverse            sign  qasm   matrix
  {K::H,             "h",              1,    0,     0,   K::H,             1,    "h",   h},
  {K::X,             "x",              1,    0,     0,   K::X,             1,    "x",   x},
  {K::Y,             "y",              1,    0,     0,   K::Y,             1,    "y",   y},
  {K::Z,             "z",              1,    0,     0,   K::Z,             1,    "z",   z},
  {K::S,             "s",              1,    0,     0,   K::Sdg,           1,    "s",   s},
  {K::Sdg,           "sdg",            1,    0,     0,   K::S,             1,    "sdg", sdg},
  {K::T,             "t",              1,    0,     0,   K::Tdg,           1,    "t",   t},
  {K::Tdg,           "tdg",            1,    0,     0,   K::T,             1,    "tdg", tdg},
  {K::RX,            "rx",             1,    1,     'X', K::RX,            -1,   "rx",  rx},
  {K::RY,            "ry",             1,    1,     'Y', K::RY,            -1,   "ry",  ry},
  {K::RZ,            "rz",             1,    1,     'Z', K::RZ,            -1,   "rz",  rz},
  {K::CNOT,          "cnot",           2,    0,     0,   K::CNOT,          1,    "cx",  cnot},
  {K::CZ,            "cz",             2,    0,     0,   K::CZ,            1,    "cz",  cz},
  // qelib1.inc of the 2017 specification has no swap: exported as three cx.
  {K::SWAP,          "swap",           2,    0,     0,   K::SWAP,          1,    nullptr, swap},
  // Exported as basis changes, a CNOT ladder and rz (native_circuit).
  {K::PauliRotation, "pauli_rotation", 0,    1,     'P', K::PauliRotation, -1,   nullptr, nullptr},
};
// clang-format on

constexpr bool table_in_kind_order() {
  for (std::size_t k = 0; k < std::size(kTable); ++k)
    if (static_cast<std::size_t>(kTable[k].kind) != k) return false;
  return std::size(kTable) == static_cast<std::size_t>(GateKind::PauliRotation) + 1;
}
static_assert(table_in_kind_order(), "kTable lists every GateKind once, in enum order");

}  // namespace

std::span<const GateInfo> gate_table() {
  return kTable;
}

const GateInfo& gate_info(GateKind kind) {
  const auto k = static_cast<std::size_t>(kind);
  QMOL_ASSERT(k < std::size(kTable), "gate kind " + std::to_string(k) + " is not in the table");
  return kTable[k];
}

const char* gate_name(GateKind kind) {
  return gate_info(kind).name;
}

std::optional<GateKind> gate_kind_from_name(std::string_view name) {
  for (const GateInfo& g : kTable)
    if (name == g.name) return g.kind;
  return std::nullopt;
}

}  // namespace qmol
