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

  auto add = [&](Excitation e) {
    ansatz.parameter_labels.push_back(spin_orbital_label(e));
    ansatz.terms.push_back({std::move(e), ansatz.n_parameters++, 1.0});
  };
  // Spin orbital 2p + s; occupied orbitals of spin s are p < n_s.
  const int n_occupied[2] = {n_alpha, n_beta};
  struct Single {
    int from, to;  // spin orbitals
  };
  std::vector<Single> singles[2];
  for (int s = 0; s < 2; ++s)
    for (int i = 0; i < n_occupied[s]; ++i)
      for (int a = n_occupied[s]; a < n_orbitals; ++a) singles[s].push_back({2 * i + s, 2 * a + s});
  // Alpha before beta, and the mixed doubles as (alpha single) x (beta single), alpha outer (the
  // order of Qiskit's UCCSD): consecutive terms then share their alpha replacement, which the
  // determinant engine applies in one pass over the rows it couples.
  const auto sorted = [](int x, int y) {
    return x < y ? std::vector<int>{x, y} : std::vector<int>{y, x};
  };
  for (int s = 0; s < 2; ++s)
    for (const Single& e : singles[s]) add({{e.from}, {e.to}});
  const auto same_spin_doubles = [&](int s) {
    for (const Single& e : singles[s])
      for (const Single& f : singles[s])
        if (e.from < f.from && e.to < f.to) add({{e.from, f.from}, {e.to, f.to}});
  };
  same_spin_doubles(0);
  for (const Single& e : singles[0])
    for (const Single& f : singles[1]) add({sorted(e.from, f.from), sorted(e.to, f.to)});
  same_spin_doubles(1);
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
