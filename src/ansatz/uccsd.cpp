#include "qmol/ansatz/uccsd.h"

#include <fmt/format.h>

#include "ansatz_building.h"
#include "qmol/core/errors.h"

namespace qmol {

using namespace ansatz_detail;

FermionicAnsatz uccsd(int n_orbitals, int n_alpha, int n_beta) {
  check_counts(n_orbitals, n_alpha, n_beta);
  FermionicAnsatz ansatz;
  ansatz.kind = "uccsd";
  ansatz.n_spin_orbitals = 2 * n_orbitals;
  ansatz.reference = reference_spin_orbitals(n_alpha, n_beta);

  const int n_spin = 2 * n_orbitals;
  std::vector<bool> occupied(n_spin, false);
  for (int k : ansatz.reference) occupied[k] = true;
  auto spin = [](int k) { return k % 2; };
  auto add = [&](Excitation e) {
    ansatz.parameter_labels.push_back(spin_orbital_label(e));
    ansatz.terms.push_back({std::move(e), ansatz.n_parameters++, 1.0});
  };

  for (int i = 0; i < n_spin; ++i) {
    if (!occupied[i]) continue;
    for (int a = 0; a < n_spin; ++a)
      if (!occupied[a] && spin(a) == spin(i)) add({{i}, {a}});
  }
  for (int i = 0; i < n_spin; ++i)
    for (int j = i + 1; j < n_spin; ++j) {
      if (!occupied[i] || !occupied[j]) continue;
      for (int a = 0; a < n_spin; ++a)
        for (int b = a + 1; b < n_spin; ++b) {
          if (occupied[a] || occupied[b]) continue;
          if (spin(a) + spin(b) != spin(i) + spin(j)) continue;
          // Equal spin sums with the same multiset of spins: {i,j} and {a,b} are both aa, bb or
          // one of each.
          add({{i, j}, {a, b}});
        }
    }
  return ansatz;
}

FermionicAnsatz singlet_uccsd(int n_orbitals, int n_alpha, int n_beta) {
  check_counts(n_orbitals, n_alpha, n_beta);
  if (n_alpha != n_beta)
    throw InputError(fmt::format(
        "singlet UCCSD needs a closed shell, got {} alpha and {} beta electrons; use uccsd",
        n_alpha, n_beta));
  const int n_occ = n_alpha;
  FermionicAnsatz ansatz;
  ansatz.kind = "singlet-uccsd";
  ansatz.n_spin_orbitals = 2 * n_orbitals;
  ansatz.reference = reference_spin_orbitals(n_alpha, n_beta);

  struct Pair {
    int i, a;
  };
  std::vector<Pair> pairs;
  for (int i = 0; i < n_occ; ++i)
    for (int a = n_occ; a < n_orbitals; ++a) pairs.push_back({i, a});

  for (const Pair& p : pairs) {
    const int k = ansatz.n_parameters++;
    add_term(ansatz.terms, {{2 * p.i}, {2 * p.a}}, k, 1.0);
    add_term(ansatz.terms, {{2 * p.i + 1}, {2 * p.a + 1}}, k, 1.0);
    ansatz.parameter_labels.push_back(fmt::format("S {}->{}", p.i, p.a));
  }
  for (std::size_t x = 0; x < pairs.size(); ++x)
    for (std::size_t y = x; y < pairs.size(); ++y) {
      const Pair& p = pairs[x];
      const Pair& q = pairs[y];
      const int k = ansatz.n_parameters++;
      const std::size_t first_term = ansatz.terms.size();
      for (int s = 0; s < 2; ++s)
        for (int t = 0; t < 2; ++t) {
          const int A = 2 * p.a + s, I = 2 * p.i + s, B = 2 * q.a + t, J = 2 * q.i + t;
          if (A == B || I == J) continue;
          // a+_A a_I a+_B a_J = a+_A a+_B a_J a_I (I != B), i.e. G with from {I, J}, to {A, B}.
          add_term(ansatz.terms, {{I, J}, {A, B}}, k, 1.0);
        }
      // Drop terms that cancelled in merging (none do for these generators; kept for safety).
      std::erase_if(ansatz.terms, [&](const AnsatzTerm& term) {
        return term.parameter == k && term.coefficient == 0.0;
      });
      if (ansatz.terms.size() == first_term)
        throw NumericalError("singlet UCCSD: empty double excitation group");
      ansatz.parameter_labels.push_back(fmt::format("D {}->{},{}->{}", p.i, p.a, q.i, q.a));
    }
  return ansatz;
}

}  // namespace qmol
