#include "qmol/ansatz/kupccgsd.h"

#include <fmt/format.h>

#include "ansatz_building.h"
#include "qmol/core/errors.h"

namespace qmol {

using namespace ansatz_detail;

FermionicAnsatz kupccgsd(int n_orbitals, int n_alpha, int n_beta, int k) {
  check_counts(n_orbitals, n_alpha, n_beta);
  if (k < 1) throw InputError(fmt::format("k-UpCCGSD needs k >= 1 layers, got {}", k));
  FermionicAnsatz ansatz;
  ansatz.kind = "kupccgsd";
  ansatz.n_spin_orbitals = 2 * n_orbitals;
  ansatz.reference = reference_spin_orbitals(n_alpha, n_beta);
  for (int layer = 0; layer < k; ++layer) {
    for (int p = 0; p < n_orbitals; ++p)
      for (int q = p + 1; q < n_orbitals; ++q) {
        const int parameter = ansatz.n_parameters++;
        ansatz.terms.push_back({{{2 * p}, {2 * q}}, parameter, 1.0});
        ansatz.terms.push_back({{{2 * p + 1}, {2 * q + 1}}, parameter, 1.0});
        ansatz.parameter_labels.push_back(fmt::format("L{} S {}->{}", layer, p, q));
      }
    for (int p = 0; p < n_orbitals; ++p)
      for (int q = p + 1; q < n_orbitals; ++q) {
        const int parameter = ansatz.n_parameters++;
        ansatz.terms.push_back({{{2 * p, 2 * p + 1}, {2 * q, 2 * q + 1}}, parameter, 1.0});
        ansatz.parameter_labels.push_back(fmt::format("L{} D {}->{}", layer, p, q));
      }
  }
  return ansatz;
}

}  // namespace qmol
