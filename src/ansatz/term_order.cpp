#include "qmol/ansatz/term_order.h"

#include <algorithm>
#include <cmath>

#include "qmol/ansatz/initial_parameters.h"

namespace qmol {

void order_terms(FermionicAnsatz& ansatz, TermOrdering ordering,
                 const MolecularHamiltonian& hamiltonian) {
  auto& terms = ansatz.terms;
  switch (ordering) {
    case TermOrdering::singles_first:
      std::stable_sort(terms.begin(), terms.end(), [](const AnsatzTerm& a, const AnsatzTerm& b) {
        return a.excitation.from.size() < b.excitation.from.size();
      });
      return;
    case TermOrdering::doubles_first:
      std::stable_sort(terms.begin(), terms.end(), [](const AnsatzTerm& a, const AnsatzTerm& b) {
        return a.excitation.from.size() > b.excitation.from.size();
      });
      return;
    case TermOrdering::mp2_amplitude: {
      const std::vector<double> t = mp2_parameters(ansatz, hamiltonian);
      std::stable_sort(terms.begin(), terms.end(), [&](const AnsatzTerm& a, const AnsatzTerm& b) {
        return std::abs(t[a.parameter]) > std::abs(t[b.parameter]);
      });
      return;
    }
  }
}

}  // namespace qmol
