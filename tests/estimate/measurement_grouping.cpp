// Measurement groups: a partition of the non-identity terms by sorted insertion, qubit-wise or
// fully commuting inside each group, basis changes that make every term of a group the signed Z
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

// Sorted insertion written out plainly: PauliString's own commutation tests, pairwise.
std::vector<std::vector<std::size_t>> reference_groups(const QubitOperator& op,
                                                       GroupingMethod method) {
  std::vector<std::size_t> order;
  for (std::size_t k = 0; k < op.size(); ++k)
    if (!op.terms()[k].first.is_identity()) order.push_back(k);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::abs(op.terms()[a].second) > std::abs(op.terms()[b].second);
  });
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t k : order) {
    const PauliString& p = op.terms()[k].first;
    auto fits = [&](const std::vector<std::size_t>& g) {
      return std::all_of(g.begin(), g.end(), [&](std::size_t m) {
        const PauliString& q = op.terms()[m].first;
        return method == GroupingMethod::qwc ? qubitwise_commute(p, q) : p.commutes_with(q);
      });
    };
    auto home = std::find_if(groups.begin(), groups.end(), fits);
    if (home == groups.end())
      groups.push_back({k});
    else
      home->push_back(k);
  }
  return groups;
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

BOOST_AUTO_TEST_CASE(groups_partition_the_terms_by_sorted_insertion) {
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
        const auto want = reference_groups(c.op, method);
        BOOST_TEST_REQUIRE(g.groups.size() == want.size());
        for (std::size_t i = 0; i < want.size(); ++i)
          BOOST_TEST(g.groups[i].terms == want[i], "group " << i);
        if (method == GroupingMethod::qwc)
          qwc_groups = g.groups.size();
        else
          BOOST_TEST(g.groups.size() <= qwc_groups);
      }
    }
  }
  // LiH: full commutation merges many qubit-wise groups.
  const QubitOperator& lih = testing::sto3g_jordan_wigner_hamiltonian("lih");
  BOOST_TEST(group_measurements(lih, GroupingMethod::commuting).groups.size() <
             group_measurements(lih, GroupingMethod::qwc).groups.size() / 2);
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
