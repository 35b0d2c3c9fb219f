#include "qmol/qubit/operator_io.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace qmol {

void write_openfermion(std::ostream& out, const QubitOperator& op) {
  for (const auto& [pauli, c] : op.terms()) {
    if (std::abs(c.imag()) > kImaginaryPrintThreshold)
      out << fmt::format("({:.17g}{:+.17g}j) [{}]\n", c.real(), c.imag(), pauli.str());
    else
      out << fmt::format("{:.17g} [{}]\n", c.real(), pauli.str());
  }
}

nlohmann::json to_json(const QubitOperator& op) {
  nlohmann::json terms = nlohmann::json::array();
  for (const auto& [pauli, c] : op.terms())
    terms.push_back({{"pauli", pauli.str()}, {"real", c.real()}, {"imag", c.imag()}});
  return {{"n_qubits", op.n_qubits()}, {"terms", std::move(terms)}};
}

void write_json(std::ostream& out, const QubitOperator& op) {
  out << to_json(op).dump(1) << '\n';
}

}  // namespace qmol
