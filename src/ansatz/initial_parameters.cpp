#include "qmol/ansatz/initial_parameters.h"

#include <fmt/format.h>

#include <cmath>
#include <random>

#include "qmol/core/errors.h"

namespace qmol {

std::vector<double> zero_parameters(const FermionicAnsatz& ansatz) {
  return std::vector<double>(static_cast<std::size_t>(ansatz.n_parameters), 0.0);
}

std::vector<double> random_parameters(const FermionicAnsatz& ansatz, std::uint64_t seed,
                                      double amplitude) {
  std::mt19937_64 engine(seed);
  std::vector<double> theta(static_cast<std::size_t>(ansatz.n_parameters));
  for (double& t : theta) {
    const double unit = static_cast<double>(engine() >> 11) * 0x1.0p-53;  // [0, 1)
    t = amplitude * (2.0 * unit - 1.0);
  }
  return theta;
}

std::vector<double> reference_orbital_energies(const MolecularHamiltonian& h,
                                               unsigned long long alpha_occupation,
                                               unsigned long long beta_occupation, int spin) {
  const int n = h.n_orbitals();
  const unsigned long long same = spin == 0 ? alpha_occupation : beta_occupation;
  std::vector<double> energies(static_cast<std::size_t>(n));
  for (int p = 0; p < n; ++p) {
    double f = h.one_body(p, p);
    for (int q = 0; q < n; ++q) {
      const int n_q = static_cast<int>((alpha_occupation >> q) & 1) +
                      static_cast<int>((beta_occupation >> q) & 1);
      f += n_q * h.two_body(p, p, q, q);
      if ((same >> q) & 1) f -= h.two_body(p, q, q, p);
    }
    energies[static_cast<std::size_t>(p)] = f;
  }
  return energies;
}

namespace {

// <ij|ab> in physicists' notation over spin orbitals (interleaved) = (ia|jb) when spins match.
double physicist_integral(const MolecularHamiltonian& h, int i, int j, int a, int b) {
  if (i % 2 != a % 2 || j % 2 != b % 2) return 0.0;
  return h.two_body(i / 2, a / 2, j / 2, b / 2);
}

}  // namespace

std::vector<double> mp2_parameters(const FermionicAnsatz& ansatz, const MolecularHamiltonian& h) {
  if (ansatz.kind != "uccsd" && ansatz.kind != "singlet-uccsd")
    throw InputError(fmt::format(
        "MP2 initial parameters need a uccsd or singlet-uccsd ansatz, not '{}'; use zeros or "
        "random",
        ansatz.kind));
  if (ansatz.n_spin_orbitals != h.n_spin_orbitals())
    throw InputError(fmt::format("ansatz has {} spin orbitals, Hamiltonian {}",
                                 ansatz.n_spin_orbitals, h.n_spin_orbitals()));
  unsigned long long occupation[2] = {0, 0};
  for (int k : ansatz.reference) occupation[k % 2] |= 1ULL << (k / 2);
  const std::vector<double> energies[2] = {
      reference_orbital_energies(h, occupation[0], occupation[1], 0),
      reference_orbital_energies(h, occupation[0], occupation[1], 1)};
  auto orbital_energy = [&](int k) { return energies[k % 2][static_cast<std::size_t>(k / 2)]; };
  auto occupied = [&](int k) { return ((occupation[k % 2] >> (k / 2)) & 1) != 0; };

  std::vector<double> theta = zero_parameters(ansatz);
  // Per parameter: the term used so far, 2 = opposite-spin double (final), 1 = same-spin double.
  std::vector<int> quality(theta.size(), 0);
  for (const AnsatzTerm& term : ansatz.terms) {
    const Excitation& e = term.excitation;
    if (e.from.size() != 2 || e.to.size() != 2) continue;
    if (!occupied(e.from[0]) || !occupied(e.from[1]) || occupied(e.to[0]) || occupied(e.to[1]))
      continue;
    const int q = e.from[0] % 2 != e.from[1] % 2 ? 2 : 1;
    const auto k = static_cast<std::size_t>(term.parameter);
    if (quality[k] >= q) continue;
    quality[k] = q;
    const int i = e.from[0], j = e.from[1], a = e.to[0], b = e.to[1];
    const double numerator = physicist_integral(h, i, j, a, b) - physicist_integral(h, i, j, b, a);
    const double denominator =
        orbital_energy(i) + orbital_energy(j) - orbital_energy(a) - orbital_energy(b);
    theta[k] = std::abs(denominator) < 1e-10 ? 0.0 : numerator / denominator / term.coefficient;
  }
  return theta;
}

}  // namespace qmol
