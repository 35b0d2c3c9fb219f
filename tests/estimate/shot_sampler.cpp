// Finite-shot energies: shot allocation, sampled energies against the exact value over many seeds,
// the 1/sqrt(shots) law of the standard error, the pooled sample variance written out, bit-for-bit
// repetition, and symmetric readout errors with and without their mitigation.
#include "qmol/estimate/shot_sampler.h"

#include <bit>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <string>

#include "qmol/active_space/active_space.h"
#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/integrals/basis_set.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/scf/scf.h"
#include "qmol/sim/pauli_expectation.h"
#include "support/molecule_hamiltonian.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(shot_sampler)

namespace {

using namespace qmol;

// A grouping written by hand: one group per entry, its terms as (z_mask, coefficient).
MeasurementGrouping hand_grouping(int n_qubits, double constant,
                                  const std::vector<std::vector<MeasuredTerm>>& groups) {
  MeasurementGrouping g;
  g.n_qubits = n_qubits;
  g.constant = constant;
  for (const auto& terms : groups) {
    MeasurementGroup group;
    for (std::size_t t = 0; t < terms.size(); ++t) group.terms.push_back(t);
    group.measured = terms;
    group.basis_change = Circuit(n_qubits, 0);
    g.groups.push_back(std::move(group));
  }
  return g;
}

// The Hartree-Fock determinant (Jordan-Wigner: the lowest n_electrons qubits) after seeded
// small RY and RZ rotations inside a CNOT chain and its inverse: a state near a molecule's ground
// state, whose Z terms have large expectations (a random state's are all near zero).
Statevector rotated_reference(int n_qubits, int n_electrons, unsigned seed, double spread) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> angle(-spread, spread);
  Statevector psi(n_qubits, (std::uint64_t{1} << n_electrons) - 1);
  for (int q = 0; q < n_qubits; ++q) psi.apply_ry(q, angle(rng));
  for (int q = 0; q + 1 < n_qubits; ++q) psi.apply_cnot(q, q + 1);
  for (int q = 0; q < n_qubits; ++q) psi.apply_rz(q, angle(rng));
  for (int q = 0; q < n_qubits; ++q) psi.apply_ry(q, angle(rng));
  for (int q = n_qubits - 2; q >= 0; --q) psi.apply_cnot(q, q + 1);
  return psi;
}

// A molecule, its grouping, a state and each group's measurement probabilities.
struct Setup {
  QubitOperator h;
  MeasurementGrouping grouping;
  Statevector psi;
  std::vector<std::vector<double>> probabilities;
  double exact = 0.0;

  Setup(const std::string& molecule, int n_electrons, GroupingMethod method, unsigned state_seed,
        double spread = 0.5)
      : h(testing::sto3g_jordan_wigner_hamiltonian(molecule)),
        grouping(group_measurements(h, method)) {
    psi = rotated_reference(grouping.n_qubits, n_electrons, state_seed, spread);
    for (const MeasurementGroup& g : grouping.groups)
      probabilities.push_back(measurement_probabilities(psi, g));
    exact = expectation_value(h, psi);
  }

  // The noiseless or readout-shrunk exact value from the probabilities.
  double exact_with(const ReadoutModel& readout) const {
    double e = grouping.constant;
    for (std::size_t k = 0; k < grouping.groups.size(); ++k)
      e += group_expectation(grouping.groups[k], probabilities[k], readout);
    return e;
  }

  // sqrt(sum_g Var_g / N_g) with each group's single-shot variance from its distribution.
  double exact_standard_error(const std::vector<long>& shares) const {
    double variance = 0.0;
    for (std::size_t k = 0; k < shares.size(); ++k) {
      double m1 = 0.0, m2 = 0.0;
      for (std::size_t b = 0; b < probabilities[k].size(); ++b) {
        double v = 0.0;
        for (const MeasuredTerm& t : grouping.groups[k].measured)
          v += (std::popcount(b & t.z_mask) & 1 ? -1.0 : 1.0) * t.coefficient;
        m1 += probabilities[k][b] * v;
        m2 += probabilities[k][b] * v * v;
      }
      variance += (m2 - m1 * m1) / static_cast<double>(shares[k]);
    }
    return std::sqrt(variance);
  }

  EnergyEstimate estimate(long shots, ShotAllocation allocation, ReadoutModel readout,
                          std::uint64_t seed) const {
    const std::vector<long> shares = allocate_shots(grouping, shots, allocation);
    ShotSampler sampler(grouping, readout, seed);
    for (std::size_t k = 0; k < shares.size(); ++k) sampler.sample(k, probabilities[k], shares[k]);
    return sampler.estimate();
  }
};

// 50 seeds: the mean of the estimates within 4 of its standard errors of `want`, and each
// estimate within 5 of its own standard errors at least 48 times.
void check_unbiased(const Setup& s, long shots, ShotAllocation allocation, ReadoutModel readout,
                    double want) {
  const int n_seeds = 50;
  double sum = 0.0, variance_of_sum = 0.0;
  int inside = 0;
  for (int seed = 0; seed < n_seeds; ++seed) {
    const EnergyEstimate e = s.estimate(shots, allocation, readout, 1000 + seed);
    BOOST_TEST_REQUIRE(e.total_shots == shots);
    BOOST_TEST_REQUIRE(e.standard_error > 0.0);
    sum += e.energy;
    variance_of_sum += e.standard_error * e.standard_error;
    if (std::abs(e.energy - want) < 5.0 * e.standard_error) ++inside;
  }
  const double mean = sum / n_seeds, error_of_mean = std::sqrt(variance_of_sum) / n_seeds;
  BOOST_TEST(std::abs(mean - want) < 4.0 * error_of_mean,
             "mean " << mean << " want " << want << " error of mean " << error_of_mean);
  BOOST_TEST_MESSAGE("mean " << mean << " want " << want << " error of mean " << error_of_mean
                             << ", " << inside << " of 50 within 5 standard errors");
  BOOST_TEST(inside >= 48);
}

}  // namespace

BOOST_AUTO_TEST_CASE(names_round_trip) {
  BOOST_TEST(to_string(ShotAllocation::uniform) == "uniform");
  BOOST_TEST(to_string(ShotAllocation::weighted) == "weighted");
  BOOST_CHECK(from_string<ShotAllocation>("WEIGHTED") == ShotAllocation::weighted);
}

BOOST_AUTO_TEST_CASE(uniform_allocation_gives_the_remainder_to_the_first_groups) {
  const MeasurementGrouping g =
      hand_grouping(1, 0.0, {{{1, 5.0}}, {{1, 1.0}}, {{1, 0.1}}, {{1, 2.0}}});
  BOOST_CHECK((allocate_shots(g, 10, ShotAllocation::uniform) == std::vector<long>{3, 3, 2, 2}));
  BOOST_CHECK((allocate_shots(g, 4, ShotAllocation::uniform) == std::vector<long>{1, 1, 1, 1}));
}

BOOST_AUTO_TEST_CASE(weighted_allocation_follows_the_sum_of_coefficients) {
  // Weights 10, 5, 1, 0.001 (sum |c| over two terms in the first group): the last group's share
  // (0.006) is raised to one shot; 99 shots shared as 61.875, 30.9375, 6.1875 round by largest
  // remainder to 62, 31, 6.
  const MeasurementGrouping g =
      hand_grouping(2, 0.0, {{{1, 6.0}, {2, -4.0}}, {{3, 5.0}}, {{1, -1.0}}, {{2, 0.001}}});
  BOOST_CHECK(
      (allocate_shots(g, 100, ShotAllocation::weighted) == std::vector<long>{62, 31, 6, 1}));
  // Exactly proportional shares stay exact.
  BOOST_CHECK((allocate_shots(hand_grouping(1, 0.0, {{{1, 3.0}}, {{1, -1.0}}}), 400,
                              ShotAllocation::weighted) == std::vector<long>{300, 100}));
  // All weights zero: one shot each, the rest round-robin.
  BOOST_CHECK((allocate_shots(hand_grouping(1, 0.0, {{{1, 0.0}}, {{1, 0.0}}}), 5,
                              ShotAllocation::weighted) == std::vector<long>{3, 2}));

  // LiH: the sum is kept, every group is measured, and more weight never means fewer shots.
  const MeasurementGrouping lih =
      group_measurements(testing::sto3g_jordan_wigner_hamiltonian("lih"), GroupingMethod::qwc);
  std::vector<double> w;
  for (const MeasurementGroup& group : lih.groups) {
    double s = 0.0;
    for (const MeasuredTerm& t : group.measured) s += std::abs(t.coefficient);
    w.push_back(s);
  }
  for (long shots : {static_cast<long>(lih.groups.size()), 1000L, 12345L}) {
    const std::vector<long> n = allocate_shots(lih, shots, ShotAllocation::weighted);
    BOOST_TEST_REQUIRE(n.size() == lih.groups.size());
    BOOST_TEST(std::accumulate(n.begin(), n.end(), 0L) == shots);
    const double total_weight = std::accumulate(w.begin(), w.end(), 0.0);
    for (std::size_t a = 0; a < n.size(); ++a) {
      BOOST_TEST(n[a] >= 1);
      // Only the groups raised to one shot take from the others: never more than one shot each.
      BOOST_TEST(n[a] <= static_cast<double>(shots) * w[a] / total_weight + 1.0);
      for (std::size_t b = 0; b < n.size(); ++b)
        if (w[a] > w[b]) BOOST_TEST(n[a] >= n[b]);
    }
    const std::vector<long> u = allocate_shots(lih, shots, ShotAllocation::uniform);
    BOOST_TEST(std::accumulate(u.begin(), u.end(), 0L) == shots);
  }
}

BOOST_AUTO_TEST_CASE(too_few_shots_for_the_groups) {
  const MeasurementGrouping g = hand_grouping(1, 0.0, {{{1, 1.0}}, {{1, 1.0}}, {{1, 1.0}}});
  for (ShotAllocation a : {ShotAllocation::uniform, ShotAllocation::weighted}) {
    BOOST_CHECK_EXCEPTION(allocate_shots(g, 2, a), InputError, [](const InputError& e) {
      const std::string m = e.what();
      return e.where().field == "estimator.shots" && m.find("3 measurement groups") != m.npos &&
             m.find("at least one shot") != m.npos;
    });
    BOOST_CHECK_THROW(allocate_shots(g, 0, a), InputError);
  }
}

BOOST_AUTO_TEST_CASE(pooled_samples_and_the_unbiased_variance) {
  // Outcomes fixed by the distributions: three shots of +1, then one of -1 for 2 Z0.
  const MeasurementGrouping g = hand_grouping(1, 0.5, {{{1, 2.0}}});
  ShotSampler sampler(g, {}, 1);
  BOOST_CHECK_THROW(sampler.estimate(), NumericalError);
  sampler.sample(0, {1.0, 0.0}, 1);
  EnergyEstimate e = sampler.estimate();
  BOOST_TEST(e.energy == 2.5);
  BOOST_TEST(e.standard_error == 0.0);  // one shot: no variance
  sampler.sample(0, {1.0, 0.0}, 2);
  sampler.sample(0, {0.0, 1.0}, 1);
  e = sampler.estimate();
  // values 2, 2, 2, -2: mean 1, unbiased variance (3 * 1 + 9) / 3 = 4, error sqrt(4 / 4).
  BOOST_TEST(e.energy == 1.5, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(e.standard_error == 1.0, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(e.total_shots == 4);
  BOOST_TEST(e.n_groups == 1);
  BOOST_TEST(sampler.shots(0) == 4);
}

BOOST_AUTO_TEST_CASE(checks_the_probabilities) {
  const MeasurementGrouping g = hand_grouping(1, 0.0, {{{1, 1.0}}});
  ShotSampler sampler(g, {}, 1);
  BOOST_CHECK_THROW(sampler.sample(0, {0.5, 0.49}, 10), NumericalError);
  BOOST_CHECK_THROW(sampler.sample(0, {1.1, -0.1}, 10), NumericalError);
  sampler.sample(0, {0.5, 0.5 + 5e-10}, 10);  // within 1e-9 of normalized
  BOOST_TEST(sampler.shots(0) == 10);
  BOOST_CHECK_THROW(ShotSampler(g, {-0.1, false}, 1), InputError);
  BOOST_CHECK_EXCEPTION(ShotSampler(g, {0.5, true}, 1), InputError, [](const InputError& e) {
    return e.where().field == "noise.readout_error";
  });
}

BOOST_AUTO_TEST_CASE(one_qubit_frequencies) {
  // <Z> = 0.3 - 0.7 = -0.4, single-shot variance 1 - 0.16.
  const MeasurementGrouping g = hand_grouping(1, 0.0, {{{1, 1.0}}});
  ShotSampler sampler(g, {}, 9);
  sampler.sample(0, {0.3, 0.7}, 100000);
  const EnergyEstimate e = sampler.estimate();
  BOOST_TEST(std::abs(e.energy + 0.4) < 4.0 * e.standard_error);
  BOOST_TEST(e.standard_error == std::sqrt(0.84 / 100000), boost::test_tools::tolerance(0.01));
}

BOOST_AUTO_TEST_CASE(shot_energies_scatter_around_the_exact_value) {
  for (GroupingMethod method : {GroupingMethod::qwc, GroupingMethod::commuting}) {
    BOOST_TEST_CONTEXT(to_string(method)) {
      const Setup h2("h2", 2, method, 21);
      BOOST_TEST(std::abs(h2.exact_with({}) - h2.exact) < 1e-12);
      check_unbiased(h2, 2000, ShotAllocation::uniform, {}, h2.exact);
      const Setup lih("lih", 4, method, 22);
      for (ShotAllocation a : {ShotAllocation::uniform, ShotAllocation::weighted})
        BOOST_TEST_CONTEXT(to_string(a)) check_unbiased(lih, 5000, a, {}, lih.exact);
    }
  }
}

BOOST_AUTO_TEST_CASE(standard_error_falls_as_one_over_root_shots) {
  // One seed's standard error scatters by ~10% here (near-deterministic groups, whose rare
  // outcomes carry the variance): the mean over 20 seeds, against the exact sqrt(sum Var_g / N_g).
  const Setup lih("lih", 4, GroupingMethod::qwc, 23);
  for (ShotAllocation a : {ShotAllocation::uniform, ShotAllocation::weighted}) {
    BOOST_TEST_CONTEXT(to_string(a)) {
      double mean_se[2];
      for (int k = 0; k < 2; ++k) {
        const long shots = k == 0 ? 50000 : 200000;
        double sum = 0.0;
        for (int seed = 0; seed < 20; ++seed)
          sum += lih.estimate(shots, a, {}, 100 * k + seed).standard_error;
        mean_se[k] = sum / 20;
        const double want = lih.exact_standard_error(allocate_shots(lih.grouping, shots, a));
        BOOST_TEST(std::abs(mean_se[k] / want - 1.0) < 0.1, shots << " shots: " << mean_se[k]);
      }
      BOOST_TEST_MESSAGE(to_string(a) << ": standard errors " << mean_se[0] << ", " << mean_se[1]);
      BOOST_TEST(std::abs(mean_se[0] / mean_se[1] - 2.0) < 0.2,
                 "ratio " << mean_se[0] / mean_se[1]);
    }
  }
}

BOOST_AUTO_TEST_CASE(same_seed_same_bits) {
  const Setup lih("lih", 4, GroupingMethod::commuting, 24);
  for (ReadoutModel r : {ReadoutModel{}, ReadoutModel{0.03, false}, ReadoutModel{0.03, true}}) {
    const EnergyEstimate a = lih.estimate(3000, ShotAllocation::weighted, r, 77);
    const EnergyEstimate b = lih.estimate(3000, ShotAllocation::weighted, r, 77);
    const EnergyEstimate c = lih.estimate(3000, ShotAllocation::weighted, r, 78);
    BOOST_TEST(std::bit_cast<std::uint64_t>(a.energy) == std::bit_cast<std::uint64_t>(b.energy));
    BOOST_TEST(std::bit_cast<std::uint64_t>(a.standard_error) ==
               std::bit_cast<std::uint64_t>(b.standard_error));
    BOOST_TEST(a.energy != c.energy);
  }
}

BOOST_AUTO_TEST_CASE(readout_flips_each_measured_bit) {
  // |00>, terms Z0 and Z0 Z1: flips with r = 0.2 give <Z0> = 0.6, <Z0 Z1> = 0.36.
  const MeasurementGrouping g = hand_grouping(2, 0.0, {{{1, 1.0}}, {{3, 1.0}}});
  const std::vector<double> p = {1.0, 0.0, 0.0, 0.0};
  const ReadoutModel r{0.2, false};
  BOOST_TEST(group_expectation(g.groups[0], p, r) == 0.6, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(group_expectation(g.groups[1], p, r) == 0.36, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(group_expectation(g.groups[1], p, {0.2, true}) == 1.0);
  for (int k = 0; k < 2; ++k) {
    ShotSampler sampler(hand_grouping(2, 0.0, {g.groups[k].measured}), r, 40 + k);
    sampler.sample(0, p, 200000);
    const EnergyEstimate e = sampler.estimate();
    const double want = k == 0 ? 0.6 : 0.36;
    BOOST_TEST(std::abs(e.energy - want) < 4.0 * e.standard_error,
               "term " << k << ": " << e.energy);
    BOOST_TEST(e.standard_error == std::sqrt((1 - want * want) / 200000),
               boost::test_tools::tolerance(0.02));
  }
  // Every bit flipped: |00> reads as |11>.
  ShotSampler all(hand_grouping(2, 0.0, {{{1, 1.0}, {2, 0.5}, {3, 0.25}}}), {1.0, false}, 3);
  all.sample(0, p, 10);
  BOOST_TEST(all.estimate().energy == -1.0 - 0.5 + 0.25);
}

BOOST_AUTO_TEST_CASE(readout_error_shrinks_and_mitigation_restores) {
  const Setup lih("lih", 4, GroupingMethod::qwc, 25, 0.2);
  const double r = 0.05;
  // Unmitigated exact value: each term shrinks by (1 - 2r)^weight, from the probabilities.
  double shrunk = lih.grouping.constant;
  for (std::size_t k = 0; k < lih.grouping.groups.size(); ++k)
    for (const MeasuredTerm& t : lih.grouping.groups[k].measured) {
      double parity = 0.0;
      for (std::size_t b = 0; b < lih.probabilities[k].size(); ++b)
        parity += (std::popcount(b & t.z_mask) & 1 ? -1.0 : 1.0) * lih.probabilities[k][b];
      shrunk += t.coefficient * std::pow(1 - 2 * r, std::popcount(t.z_mask)) * parity;
    }
  BOOST_TEST(std::abs(lih.exact_with({r, false}) - shrunk) < 1e-12);
  BOOST_TEST(std::abs(lih.exact_with({r, true}) - lih.exact) < 1e-12);
  BOOST_TEST_REQUIRE(std::abs(shrunk - lih.exact) > 0.2);  // a bias the checks below must see
  check_unbiased(lih, 5000, ShotAllocation::weighted, {r, false}, shrunk);
  check_unbiased(lih, 5000, ShotAllocation::weighted, {r, true}, lih.exact);
}

BOOST_AUTO_TEST_SUITE_END()
