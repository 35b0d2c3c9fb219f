#include "qmol/ansatz/adapt_pool.h"

#include <algorithm>
#include <set>

#include "ansatz_building.h"
#include "qmol/ansatz/lower_to_circuit.h"
#include "qmol/ansatz/uccsd.h"

namespace qmol {

using namespace ansatz_detail;

namespace {

int flip_spin(int spin_orbital) {
  return spin_orbital ^ 1;
}

// Pairs each excitation of `excitations` (canonical, distinct) with its spin-flipped image.
std::vector<FermionicPoolOperator> spin_complemented(const std::vector<Excitation>& excitations) {
  std::vector<FermionicPoolOperator> pool;
  std::set<std::pair<std::vector<int>, std::vector<int>>> used;
  for (const Excitation& e : excitations) {
    if (!used.insert({e.from, e.to}).second) continue;
    Excitation image = e;
    for (int& k : image.from) k = flip_spin(k);
    for (int& k : image.to) k = flip_spin(k);
    const double sign = canonicalize(image);
    FermionicPoolOperator op;
    op.label = spin_orbital_label(e);
    op.terms.push_back({e, 0, 1.0});
    if (used.insert({image.from, image.to}).second) {
      // G(image) in canonical order is sign * (the spin-flipped G): the pair is the spin-flip
      // symmetric combination.
      op.label += " + " + spin_orbital_label(image);
      op.terms.push_back({image, 0, sign});
    }
    pool.push_back(std::move(op));
  }
  return pool;
}

}  // namespace

std::vector<FermionicPoolOperator> fermionic_sd_pool(int n_orbitals, int n_alpha, int n_beta) {
  if (n_alpha == n_beta) {
    // Closed shell: the singlet generators of singlet_uccsd(), each with all its terms.
    const FermionicAnsatz singlet = singlet_uccsd(n_orbitals, n_alpha, n_beta);
    std::vector<FermionicPoolOperator> pool(static_cast<std::size_t>(singlet.n_parameters));
    for (int k = 0; k < singlet.n_parameters; ++k) pool[k].label = singlet.parameter_labels[k];
    for (AnsatzTerm term : singlet.terms) {
      const int k = term.parameter;
      term.parameter = 0;
      pool[k].terms.push_back(std::move(term));
    }
    return pool;
  }
  std::vector<Excitation> excitations;
  for (AnsatzTerm& term : uccsd(n_orbitals, n_alpha, n_beta).terms)
    excitations.push_back(std::move(term.excitation));
  return spin_complemented(excitations);
}

std::vector<FermionicPoolOperator> generalized_sd_pool(int n_orbitals) {
  const int n = 2 * n_orbitals;
  auto spin = [](int k) { return k % 2; };
  std::vector<Excitation> excitations;
  for (int q = 0; q < n; ++q)
    for (int p = q + 1; p < n; ++p)
      if (spin(p) == spin(q)) excitations.push_back({{q}, {p}});
  // Unordered pairs {r,s} < {p,q} (lexicographically): G and G^dagger give the same generator.
  std::vector<std::pair<int, int>> pairs;
  for (int r = 0; r < n; ++r)
    for (int s = r + 1; s < n; ++s) pairs.push_back({r, s});
  for (std::size_t x = 0; x < pairs.size(); ++x)
    for (std::size_t y = x + 1; y < pairs.size(); ++y) {
      const auto [r, s] = pairs[x];
      const auto [p, q] = pairs[y];
      if (r == p || r == q || s == p || s == q) continue;
      if (spin(r) + spin(s) != spin(p) + spin(q)) continue;
      excitations.push_back({{r, s}, {p, q}});
    }
  return spin_complemented(excitations);
}

std::vector<PauliString> qubit_pool(int n_orbitals, int n_alpha, int n_beta, Mapping mapping,
                                    bool two_qubit_reduction) {
  FermionicAnsatz all = uccsd(n_orbitals, n_alpha, n_beta);
  const Circuit circuit = lower_to_circuit(all, mapping, two_qubit_reduction);
  std::vector<PauliString> pool;
  std::set<PauliString> seen;
  for (const Gate& g : circuit.gates()) {
    if (g.kind != GateKind::PauliRotation) continue;
    PauliString p = g.pauli;
    // Drop the Z factors: keep X (x set, z clear) and Y (both set) as they are.
    for (std::size_t w = 0; w < p.z.size(); ++w) p.z[w] &= p.x[w];
    if (seen.insert(p).second) pool.push_back(p);
  }
  return pool;
}

}  // namespace qmol
