// Measurement groups: a partition of the non-identity terms, qubit-wise or fully commuting inside
// each group, no more groups than sorted insertion or largest-first colouring (both written out
// here) give, basis changes that make every term of a group the signed Z
// string it is read as (checked as vectors, U P psi = s Z U psi), and group expectations that add
// up to the operator's expectation value on real molecules.
#include "qmol/estimate/measurement_grouping.h"

#include <algorithm>
#include <bit>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <map>
#include <random>
#include <string>

#include "qmol/active_space/active_space.h"
#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "qmol/estimate/shot_sampler.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/integrals/basis_set.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/scf/scf.h"
#include "qmol/sim/pauli_expectation.h"
#include "qmol/sim/statevector.h"
#include "support/brute_force.h"
#include "support/molecule_hamiltonian.h"
#include "support/random.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(measurement_grouping)

namespace {

using namespace qmol;
using C = std::complex<double>;

// Random strings with random real coefficients: most pairs anticommute, and commuting groups of
// dense strings with Y letters exercise every branch of the diagonalizing Clifford.
QubitOperator random_operator(int n_qubits, int n_terms, unsigned seed) {
  std::mt19937 rng(seed);
  QubitOperator op = testing::random_qubit_operator(n_qubits, n_terms, rng);
  op.add(PauliString{}, 0.25);
  op.simplify();
  op.set_n_qubits(n_qubits);
  return op;
}

struct Case {
  std::string name;
  QubitOperator op;
};

std::vector<Case> cases() {
  return {{"h2", testing::sto3g_jordan_wigner_hamiltonian("h2")},
          {"lih", testing::sto3g_jordan_wigner_hamiltonian("lih")},
          {"random6", random_operator(6, 150, 11)},
          {"random7", random_operator(7, 60, 12)}};
}

bool compatible(const PauliString& p, const PauliString& q, GroupingMethod method) {
  return method == GroupingMethod::qwc ? qubitwise_commute(p, q) : p.commutes_with(q);
}

// The non-identity term indices of op.
std::vector<std::size_t> measured_terms(const QubitOperator& op) {
  std::vector<std::size_t> terms;
  for (std::size_t k = 0; k < op.size(); ++k)
    if (!op.terms()[k].first.is_identity()) terms.push_back(k);
  return terms;
}

// Sorted insertion written out plainly: PauliString's own commutation tests, pairwise.
std::size_t sorted_insertion_count(const QubitOperator& op, GroupingMethod method) {
  std::vector<std::size_t> order = measured_terms(op);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::abs(op.terms()[a].second) > std::abs(op.terms()[b].second);
  });
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t k : order) {
    auto fits = [&](const std::vector<std::size_t>& g) {
      return std::all_of(g.begin(), g.end(), [&](std::size_t m) {
        return compatible(op.terms()[k].first, op.terms()[m].first, method);
      });
    };
    auto home = std::find_if(groups.begin(), groups.end(), fits);
    if (home == groups.end())
      groups.push_back({k});
    else
      home->push_back(k);
  }
  return groups.size();
}

// Greedy colouring of the conflict graph, vertices by decreasing degree: what PennyLane's and
// Qiskit's grouping do.
std::size_t largest_first_count(const QubitOperator& op, GroupingMethod method) {
  const std::vector<std::size_t> terms = measured_terms(op);
  const std::size_t n = terms.size();
  std::vector<std::vector<bool>> conflict(n, std::vector<bool>(n, false));
  std::vector<std::size_t> degree(n, 0), order(n);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < a; ++b)
      if (!compatible(op.terms()[terms[a]].first, op.terms()[terms[b]].first, method)) {
        conflict[a][b] = conflict[b][a] = true;
        ++degree[a];
        ++degree[b];
      }
  for (std::size_t v = 0; v < n; ++v) order[v] = v;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return degree[a] > degree[b]; });
  std::vector<int> colour(n, -1);
  int n_colours = 0;
  for (std::size_t v : order) {
    std::vector<bool> used(n_colours, false);
    for (std::size_t u = 0; u < n; ++u)
      if (conflict[v][u] && colour[u] >= 0) used[colour[u]] = true;
    colour[v] = static_cast<int>(std::find(used.begin(), used.end(), false) - used.begin());
    n_colours = std::max(n_colours, colour[v] + 1);
  }
  return static_cast<std::size_t>(n_colours);
}

// P|psi> from the brute-force reference (P|b> = i^|x&z| (-1)^|z&b| |b^x>).
Statevector apply_string(const PauliString& p, const Statevector& psi) {
  Statevector out(psi.n_qubits());
  for (std::size_t b = 0; b < psi.size(); ++b) out[b] = 0.0;
  for (std::size_t b = 0; b < psi.size(); ++b) {
    std::uint64_t to = 0;
    const C phase = testing::apply_pauli(p, b, to);
    out[to] += phase * psi[b];
  }
  return out;
}

Statevector apply_gates(const Circuit& c, Statevector psi) {
  for (const Gate& g : c.gates()) apply_gate(psi, g, {});
  return psi;
}

bool is_clifford(GateKind k) {
  switch (k) {
    case GateKind::H:
    case GateKind::S:
    case GateKind::Sdg:
    case GateKind::X:
    case GateKind::Y:
    case GateKind::Z:
    case GateKind::CNOT:
    case GateKind::CZ:
    case GateKind::SWAP:
      return true;
    default:
      return false;
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(names_round_trip) {
  BOOST_TEST(to_string(GroupingMethod::qwc) == "qwc");
  BOOST_TEST(to_string(GroupingMethod::commuting) == "commuting");
  BOOST_CHECK(from_string<GroupingMethod>("Commuting") == GroupingMethod::commuting);
  BOOST_CHECK_EXCEPTION(from_string<GroupingMethod>("greedy"), InputError, [](const InputError& e) {
    return std::string(e.what()).find("measurement grouping") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(qubitwise_commutation) {
  auto qwc = [](const char* a, const char* b) {
    return qubitwise_commute(PauliString::parse(a), PauliString::parse(b));
  };
  BOOST_TEST(qwc("X0 Y1", "X0 Z2"));
  BOOST_TEST(qwc("", "Y3"));
  BOOST_TEST(qwc("Z0 Z1", "Z1 Z5"));
  BOOST_TEST(!qwc("X0", "Y0"));
  BOOST_TEST(!qwc("X0 X1", "Y0 Y1"));  // commute, but not qubit-wise
  BOOST_TEST(PauliString::parse("X0 X1").commutes_with(PauliString::parse("Y0 Y1")));
  BOOST_TEST(qwc("X70 Z3", "X70 Z100"));
  BOOST_TEST(!qwc("X70", "Z70"));
}

BOOST_AUTO_TEST_CASE(groups_partition_the_terms_in_few_groups) {
  for (const Case& c : cases()) {
    std::size_t qwc_groups = 0;
    for (GroupingMethod method : {GroupingMethod::qwc, GroupingMethod::commuting}) {
      BOOST_TEST_CONTEXT(c.name << " " << to_string(method)) {
        const MeasurementGrouping g = group_measurements(c.op, method);
        BOOST_CHECK(g.method == method);
        BOOST_TEST(g.n_qubits == c.op.n_qubits());
        BOOST_TEST(g.constant == c.op.identity_coefficient().real());
        std::vector<int> seen(c.op.size(), 0);
        for (const MeasurementGroup& group : g.groups) {
          BOOST_TEST_REQUIRE(group.measured.size() == group.terms.size());
          BOOST_TEST(!group.terms.empty());
          for (std::size_t a = 0; a < group.terms.size(); ++a) {
            const PauliString& p = c.op.terms()[group.terms[a]].first;
            ++seen[group.terms[a]];
            for (std::size_t b = 0; b < a; ++b) {
              const PauliString& q = c.op.terms()[group.terms[b]].first;
              if (method == GroupingMethod::qwc)
                BOOST_TEST(qubitwise_commute(p, q));
              else
                BOOST_TEST(p.commutes_with(q));
            }
          }
        }
        for (std::size_t k = 0; k < c.op.size(); ++k)
          BOOST_TEST(seen[k] == (c.op.terms()[k].first.is_identity() ? 0 : 1), "term " << k);
        BOOST_TEST(g.groups.size() <= sorted_insertion_count(c.op, method));
        BOOST_TEST(g.groups.size() <= largest_first_count(c.op, method));
        const MeasurementGrouping again = group_measurements(c.op, method);
        BOOST_TEST_REQUIRE(again.groups.size() == g.groups.size());
        for (std::size_t i = 0; i < g.groups.size(); ++i)
          BOOST_TEST(again.groups[i].terms == g.groups[i].terms, "group " << i);
        if (method == GroupingMethod::qwc)
          qwc_groups = g.groups.size();
        else
          BOOST_TEST(g.groups.size() <= qwc_groups);
      }
    }
  }
  // LiH: regrouping beats largest-first colouring outright (qwc 147 vs 154, commuting 30 vs 37),
  // and full commutation merges many qubit-wise groups.
  const QubitOperator& lih = testing::sto3g_jordan_wigner_hamiltonian("lih");
  const std::size_t lih_qwc = group_measurements(lih, GroupingMethod::qwc).groups.size();
  const std::size_t lih_commuting =
      group_measurements(lih, GroupingMethod::commuting).groups.size();
  BOOST_TEST(lih_qwc < largest_first_count(lih, GroupingMethod::qwc));
  BOOST_TEST(lih_commuting < largest_first_count(lih, GroupingMethod::commuting));
  BOOST_TEST(lih_commuting < lih_qwc / 2);
}

BOOST_AUTO_TEST_CASE(qwc_y_is_read_through_sdg_and_h) {
  QubitOperator op(3);
  op.add(PauliString::parse("Y0 X1"), 0.5);
  op.add(PauliString::parse("Y0 Z2"), -0.25);
  op.simplify();
  const MeasurementGrouping g = group_measurements(op, GroupingMethod::qwc);
  BOOST_TEST_REQUIRE(g.groups.size() == 1u);
  const MeasurementGroup& group = g.groups[0];
  std::vector<GateKind> kinds;
  for (const Gate& gate : group.basis_change.gates()) kinds.push_back(gate.kind);
  BOOST_CHECK((kinds == std::vector<GateKind>{GateKind::Sdg, GateKind::H, GateKind::H}));
  for (std::size_t i = 0; i < group.terms.size(); ++i) {
    const auto& [p, c] = op.terms()[group.terms[i]];
    BOOST_TEST(group.measured[i].z_mask == (p.x[0] | p.z[0]));
    BOOST_TEST(group.measured[i].coefficient == c.real());  // qubit-wise changes keep the sign
  }
}

BOOST_AUTO_TEST_CASE(basis_change_makes_each_term_its_signed_z_string) {
  std::mt19937 rng(3);
  for (const Case& c : cases()) {
    for (GroupingMethod method : {GroupingMethod::qwc, GroupingMethod::commuting}) {
      BOOST_TEST_CONTEXT(c.name << " " << to_string(method)) {
        const MeasurementGrouping g = group_measurements(c.op, method);
        const int n = g.n_qubits;
        for (std::size_t gi = 0; gi < g.groups.size(); ++gi) {
          const MeasurementGroup& group = g.groups[gi];
          const Circuit& u = group.basis_change;
          BOOST_TEST(u.n_qubits() == n);
          BOOST_TEST(u.n_parameters() == 0);
          BOOST_TEST(u.initial_qubits().empty());
          for (const Gate& gate : u.gates()) BOOST_TEST(is_clifford(gate.kind));
          const Statevector psi = testing::random_state(n, rng);
          const Statevector u_psi = apply_gates(u, psi);
          for (std::size_t i = 0; i < group.terms.size(); ++i) {
            const auto& [p, coefficient] = c.op.terms()[group.terms[i]];
            const MeasuredTerm& m = group.measured[i];
            BOOST_TEST_REQUIRE(std::abs(m.coefficient) == std::abs(coefficient.real()));
            const double sign = m.coefficient == coefficient.real() ? 1.0 : -1.0;
            if (method == GroupingMethod::qwc) BOOST_TEST(m.z_mask == (p.x[0] | p.z[0]));
            // U P psi == sign Z(mask) U psi, amplitude by amplitude.
            const Statevector lhs = apply_gates(u, apply_string(p, psi));
            double error = 0.0;
            for (std::size_t b = 0; b < psi.size(); ++b) {
              const double z = (std::popcount(b & m.z_mask) & 1) ? -1.0 : 1.0;
              error = std::max(error, std::abs(lhs[b] - sign * z * u_psi[b]));
            }
            BOOST_TEST(error < 1e-12, "group " << gi << " term " << p.str());
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(group_expectations_add_up_to_the_energy) {
  std::mt19937 rng(5);
  for (const Case& c : cases()) {
    for (GroupingMethod method : {GroupingMethod::qwc, GroupingMethod::commuting}) {
      BOOST_TEST_CONTEXT(c.name << " " << to_string(method)) {
        const MeasurementGrouping g = group_measurements(c.op, method);
        for (int trial = 0; trial < 2; ++trial) {
          const Statevector psi = testing::random_state(g.n_qubits, rng);
          double e = g.constant;
          for (const MeasurementGroup& group : g.groups)
            e += group_expectation(group, measurement_probabilities(psi, group), {});
          BOOST_TEST(std::abs(e - expectation_value(c.op, psi)) < 1e-12);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(identity_only_operator_has_no_groups) {
  QubitOperator op(2);
  op.add(PauliString{}, -1.5);
  const MeasurementGrouping g = group_measurements(op, GroupingMethod::commuting);
  BOOST_TEST(g.groups.empty());
  BOOST_TEST(g.constant == -1.5);
  BOOST_TEST(g.n_qubits == 2);
}

BOOST_AUTO_TEST_CASE(refuses_complex_coefficients_and_wide_registers) {
  QubitOperator complex_op(2);
  complex_op.add(PauliString::parse("X0 Y1"), C(0.5, 1e-6));
  BOOST_CHECK_EXCEPTION(group_measurements(complex_op, GroupingMethod::qwc), NumericalError,
                        [](const NumericalError& e) {
                          return std::string(e.what()).find("not Hermitian") != std::string::npos;
                        });
  QubitOperator tiny_imaginary(2);
  tiny_imaginary.add(PauliString::parse("X0 Y1"), C(0.5, 1e-11));
  BOOST_TEST(group_measurements(tiny_imaginary, GroupingMethod::qwc).groups.size() == 1u);

  QubitOperator wide(65);
  wide.add(PauliString::parse("Z0 Z64"), 1.0);
  for (GroupingMethod method : {GroupingMethod::qwc, GroupingMethod::commuting})
    BOOST_CHECK_EXCEPTION(group_measurements(wide, method), InputError, [](const InputError& e) {
      return e.where().field == "estimator.grouping" &&
             std::string(e.what()).find("at most 64 qubits") != std::string::npos;
    });
  QubitOperator widest(64);
  widest.add(PauliString::parse("X0 Y63"), 1.0);
  widest.add(PauliString::parse("Y0 X63"), 1.0);
  const MeasurementGrouping g = group_measurements(widest, GroupingMethod::commuting);
  BOOST_TEST_REQUIRE(g.groups.size() == 1u);
  BOOST_TEST(g.groups[0].measured.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
