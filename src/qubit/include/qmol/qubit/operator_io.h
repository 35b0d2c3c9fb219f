#pragma once

#include <nlohmann/json_fwd.hpp>
#include <ostream>

#include "qmol/qubit/qubit_operator.h"

namespace qmol {

// Imaginary parts at or below this are written as real numbers (the assembly threshold).
inline constexpr double kImaginaryPrintThreshold = 1e-12;

// OpenFermion-style text, one term per line in the operator's term order:
//   -0.0970662681676282 []
//   0.17141282644776884 [Z0]
//   (0.5+0.25j) [X0 Y1 Z3]
// Coefficients are printed with 17 significant digits (round-trip exact); a coefficient with an
// imaginary part above kImaginaryPrintThreshold is printed as (re+imj). Qubits ascend.
void write_openfermion(std::ostream& out, const QubitOperator& op);

// {"n_qubits": n, "terms": [{"pauli": "X0 Y1", "real": ..., "imag": ...}, ...]}
nlohmann::json to_json(const QubitOperator& op);
void write_json(std::ostream& out, const QubitOperator& op);

}  // namespace qmol
