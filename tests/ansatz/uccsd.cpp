#include "qmol/ansatz/uccsd.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <set>

#include "qmol/ansatz/ansatz_options.h"
#include "qmol/ansatz/initial_parameters.h"
#include "qmol/ansatz/kupccgsd.h"
#include "qmol/core/errors.h"

BOOST_AUTO_TEST_SUITE(uccsd)

using namespace qmol;

namespace {
int choose(int n, int k) {
  return k < 0 || k > n ? 0 : (k == 0 ? 1 : choose(n - 1, k - 1) * n / k);
}
}  // namespace

BOOST_AUTO_TEST_CASE(counts_and_layout) {
  for (auto [n, na, nb] : {std::tuple{2, 1, 1}, std::tuple{4, 2, 2}, std::tuple{6, 3, 3},
                           std::tuple{6, 4, 2}, std::tuple{7, 4, 3}}) {
    const FermionicAnsatz a = qmol::uccsd(n, na, nb);
    const int va = n - na, vb = n - nb;
    const int singles = na * va + nb * vb;
    const int doubles =
        choose(na, 2) * choose(va, 2) + choose(nb, 2) * choose(vb, 2) + na * nb * va * vb;
    BOOST_TEST(a.kind == "uccsd");
    BOOST_TEST(a.n_spin_orbitals == 2 * n);
    BOOST_TEST(a.n_parameters == singles + doubles);
    BOOST_TEST(a.terms.size() == static_cast<std::size_t>(a.n_parameters));
    BOOST_TEST(a.parameter_labels.size() == static_cast<std::size_t>(a.n_parameters));
    BOOST_TEST(static_cast<int>(a.reference.size()) == na + nb);
    for (std::size_t k = 0; k < a.terms.size(); ++k) {
      const Excitation& e = a.terms[k].excitation;
      BOOST_TEST(a.terms[k].parameter == static_cast<int>(k));
      BOOST_TEST(std::is_sorted(e.from.begin(), e.from.end()));
      BOOST_TEST(std::is_sorted(e.to.begin(), e.to.end()));
      BOOST_TEST((k < static_cast<std::size_t>(singles)) == (e.from.size() == 1));
    }
  }
  const FermionicAnsatz h2 = qmol::uccsd(2, 1, 1);
  BOOST_TEST(h2.parameter_labels == (std::vector<std::string>{"0->2", "1->3", "0,1->2,3"}));
  BOOST_TEST(h2.reference == (std::vector<int>{0, 1}));
}

// The order the factors are applied in: alpha singles, beta singles, alpha-alpha doubles, the
// mixed doubles as (alpha single) x (beta single) with the alpha one outer, beta-beta doubles.
BOOST_AUTO_TEST_CASE(term_order) {
  const int n = 5, na = 3, nb = 2;
  const FermionicAnsatz a = qmol::uccsd(n, na, nb);
  const auto alpha_count = [](const Excitation& e) {
    return static_cast<int>(
        std::count_if(e.from.begin(), e.from.end(), [](int k) { return k % 2 == 0; }));
  };
  // (rank, alpha operators) never decreases in the order singles a, b, doubles aa, ab, bb.
  const auto block = [&](const Excitation& e) {
    const int rank = static_cast<int>(e.from.size());
    return rank == 1 ? 1 - alpha_count(e) : 2 + (2 - alpha_count(e));
  };
  for (std::size_t k = 1; k < a.terms.size(); ++k)
    BOOST_TEST(block(a.terms[k - 1].excitation) <= block(a.terms[k].excitation));
  // Mixed doubles: the alpha replacement changes only after every beta one (nb * (n - nb)).
  std::vector<std::pair<int, int>> alpha_parts;
  for (const AnsatzTerm& t : a.terms) {
    const Excitation& e = t.excitation;
    if (e.from.size() != 2 || alpha_count(e) != 1) continue;
    const int i = e.from[0] % 2 == 0 ? e.from[0] : e.from[1];
    const int p = e.to[0] % 2 == 0 ? e.to[0] : e.to[1];
    alpha_parts.push_back({i, p});
  }
  BOOST_TEST(alpha_parts.size() == static_cast<std::size_t>(na * (n - na) * nb * (n - nb)));
  for (std::size_t k = 0; k < alpha_parts.size(); ++k)
    BOOST_TEST((alpha_parts[k] == alpha_parts[k - k % (nb * (n - nb))]));
  BOOST_TEST((alpha_parts.front() == std::make_pair(0, 2 * na)));
  BOOST_TEST((alpha_parts.back() == std::make_pair(2 * (na - 1), 2 * (n - 1))));
}

BOOST_AUTO_TEST_CASE(singlet_is_a_subset_of_uccsd) {
  for (int n : {2, 4, 5}) {
    const int occ = 2 > n / 2 ? 1 : 2;
    const FermionicAnsatz full = qmol::uccsd(n, occ, occ);
    const FermionicAnsatz singlet = singlet_uccsd(n, occ, occ);
    std::set<std::pair<std::vector<int>, std::vector<int>>> manifold;
    for (const auto& t : full.terms) manifold.insert({t.excitation.from, t.excitation.to});
    for (const auto& t : singlet.terms) {
      BOOST_TEST(manifold.count({t.excitation.from, t.excitation.to}) == 1u);
      BOOST_TEST(t.coefficient != 0.0);
    }
    const int pairs = occ * (n - occ);
    BOOST_TEST(singlet.n_parameters == pairs + pairs * (pairs + 1) / 2);
    BOOST_TEST(singlet.parameter_labels.size() == static_cast<std::size_t>(singlet.n_parameters));
  }
  // H2: one single (two spin terms), one double merged to coefficient 2.
  const FermionicAnsatz h2 = singlet_uccsd(2, 1, 1);
  BOOST_TEST(h2.n_parameters == 2);
  BOOST_TEST(h2.terms.size() == 3u);
  BOOST_TEST(h2.terms[2].coefficient == 2.0);
  BOOST_TEST(h2.terms[2].excitation.from == (std::vector<int>{0, 1}));
  BOOST_TEST(h2.terms[2].excitation.to == (std::vector<int>{2, 3}));
  BOOST_CHECK_THROW(singlet_uccsd(4, 2, 1), InputError);
}

BOOST_AUTO_TEST_CASE(kupccgsd_layers) {
  const FermionicAnsatz a = kupccgsd(4, 2, 2, 3);
  const int pairs = 6;
  BOOST_TEST(a.n_parameters == 3 * 2 * pairs);
  BOOST_TEST(a.terms.size() == static_cast<std::size_t>(3 * 3 * pairs));
  BOOST_TEST(a.parameter_labels[0] == "L0 S 0->1");
  BOOST_TEST(a.parameter_labels[pairs] == "L0 D 0->1");
  BOOST_TEST(a.parameter_labels[2 * pairs] == "L1 S 0->1");
  BOOST_CHECK_THROW(kupccgsd(4, 2, 2, 0), InputError);
}

BOOST_AUTO_TEST_CASE(initial_parameter_choices) {
  const FermionicAnsatz a = qmol::uccsd(4, 2, 2);
  BOOST_TEST(zero_parameters(a) == std::vector<double>(a.n_parameters, 0.0));
  const auto r1 = random_parameters(a, 42), r2 = random_parameters(a, 42),
             r3 = random_parameters(a, 43);
  BOOST_TEST(r1 == r2);
  BOOST_TEST(r1 != r3);
  for (double x : r1) BOOST_TEST((x >= -0.1 && x < 0.1));

  // Orbital energies: a 2-orbital model with known Fock diagonal.
  Eigen::MatrixXd h(2, 2);
  h << -1.0, 0.1, 0.1, -0.5;
  std::vector<double> eri(16, 0.0);
  auto set = [&](int p, int q, int r, int s, double v) { eri[((p * 2 + q) * 2 + r) * 2 + s] = v; };
  set(0, 0, 0, 0, 0.6);
  set(1, 1, 1, 1, 0.5);
  set(0, 0, 1, 1, 0.4);
  set(1, 1, 0, 0, 0.4);
  for (auto [p, q, r, s] : {std::tuple{0, 1, 0, 1}, std::tuple{1, 0, 1, 0}, std::tuple{0, 1, 1, 0},
                            std::tuple{1, 0, 0, 1}})
    set(p, q, r, s, 0.15);
  const MolecularHamiltonian mh(0.0, h, eri, 1, 1);
  const auto e = reference_orbital_energies(mh, 1, 1, 0);
  BOOST_TEST(std::abs(e[0] - (-1.0 + 2 * 0.6 - 0.6)) < 1e-15);
  BOOST_TEST(std::abs(e[1] - (-0.5 + 2 * 0.4 - 0.15)) < 1e-15);
  // MP2 for H2-like: t = (01|01) / (2 e0 - 2 e1).
  const auto t = mp2_parameters(qmol::uccsd(2, 1, 1), mh);
  BOOST_TEST(t[0] == 0.0);
  BOOST_TEST(std::abs(t[2] - 0.15 / (2 * e[0] - 2 * e[1])) < 1e-15);
  const auto ts = mp2_parameters(singlet_uccsd(2, 1, 1), mh);
  BOOST_TEST(std::abs(ts[1] - t[2] / 2) < 1e-15);  // coefficient 2
  BOOST_CHECK_THROW(mp2_parameters(kupccgsd(2, 1, 1, 1), mh), InputError);
  BOOST_CHECK_THROW(from_string<ParameterStart>("hf"), InputError);
}

BOOST_AUTO_TEST_SUITE_END()
