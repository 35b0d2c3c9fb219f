#pragma once
// Finite-shot energies: shots shared among the measurement groups, bitstrings drawn from each
// group's measurement distribution (with symmetric readout errors), and the energy with its
// standard error. Deterministic: the bits depend only on the seed and the calls made.

#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string_view>
#include <utility>
#include <vector>

#include "qmol/core/enum_names.h"
#include "qmol/estimate/measurement_grouping.h"
#include "qmol/sim/statevector.h"

namespace qmol {

enum class ShotAllocation {
  uniform,   // equal shares, the remainder to the first groups
  weighted,  // proportional to each group's sum of |coefficient|
};
template <>
struct EnumNames<ShotAllocation> {
  static constexpr std::string_view noun = "shot allocation";
  static constexpr std::array<std::pair<ShotAllocation, std::string_view>, 2> names = {
      {{ShotAllocation::uniform, "uniform"}, {ShotAllocation::weighted, "weighted"}}};
};

// Symmetric readout bit flips (probability `error` on every qubit, independently) and their
// mitigation by the inverse of the tensor-product calibration matrix: for flips with probability
// r the inverse scales a measured Z-mask expectation by 1/(1-2r)^popcount(mask).
struct ReadoutModel {
  double error = 0.0;
  bool mitigate = false;
};

struct EnergyEstimate {
  double energy = 0.0;
  double standard_error = 0.0;
  long total_shots = 0;
  int n_groups = 0;
};

// Shots per group, summing to `shots`. uniform: equal shares, the remainder to the first groups.
// weighted: proportional to the group's sum of |c| with largest-remainder rounding (ties to the
// earlier group); a group whose share would be below one shot gets exactly one and the others
// share the rest. Every group gets at least one shot: InputError (field "estimator.shots") when
// shots < number of groups.
std::vector<long> allocate_shots(const MeasurementGrouping& g, long shots,
                                 ShotAllocation allocation);

// The probability of each basis state (bit k of the index = qubit k) when measuring psi after
// group's basis change. psi must have the grouping's n_qubits.
std::vector<double> measurement_probabilities(const Statevector& psi,
                                              const MeasurementGroup& group);

// Exact expectation of the group's terms from its measurement probabilities:
// sum_t c_t f_t <(-1)^{b.z_t}>, where f_t = (1-2r)^popcount(z_t) for readout error r without
// mitigation and 1 with it (exact mitigation recovers the noiseless value).
double group_expectation(const MeasurementGroup& group, const std::vector<double>& probabilities,
                         const ReadoutModel& readout);

// Samples bitstrings group by group and accumulates; several calls for one group pool their
// samples (trajectory simulations draw a few shots from each trajectory). One random stream,
// consumed in call order.
class ShotSampler {
 public:
  // InputError (field "noise.readout_error") unless 0 <= readout.error <= 1, and < 0.5 when
  // mitigating (the calibration matrix is singular at 0.5).
  ShotSampler(const MeasurementGrouping& grouping, ReadoutModel readout, std::uint64_t seed);

  // Draws `shots` bitstrings from `probabilities` (size 2^n_qubits, summing to 1 within 1e-9;
  // renormalized), flips each measured bit with probability readout.error, and adds each shot's
  // value sum_t c_t (-1)^{b.z_t} (c_t scaled by 1/(1-2r)^popcount(z_t) when mitigating) to the
  // group's running statistics.
  void sample(std::size_t group, const std::vector<double>& probabilities, long shots);

  // constant + sum_g mean_g; standard_error = sqrt(sum_g s_g^2 / N_g) with s_g^2 the unbiased
  // sample variance of the group's shot values (0 for a group with one shot). NumericalError when
  // a group has no shots yet.
  EnergyEstimate estimate() const;

  int n_groups() const { return static_cast<int>(groups_.size()); }
  long shots(std::size_t group) const;  // pooled so far

 private:
  // Running count, mean and sum of squared deviations (Chan et al.'s pairwise update), so that
  // pooling batches loses no precision to a large mean.
  struct Statistics {
    long count = 0;
    double mean = 0.0;
    double m2 = 0.0;
    void add(double value, long multiplicity);
  };
  struct Group {
    std::vector<std::uint64_t> z_masks;
    std::vector<double> coefficients;  // mitigated when the readout model says so
    std::vector<int> measured_qubits;  // where readout flips can change a value
    Statistics statistics;
  };
  double value(const Group& g, std::uint64_t bits) const;
  double uniform();  // [0, 1) from the generator's top 53 bits

  int n_qubits_ = 0;
  double constant_ = 0.0;
  ReadoutModel readout_;
  std::vector<Group> groups_;
  std::mt19937_64 rng_;
  // Scratch of sample(), kept between calls to avoid reallocating 2^n entries per group.
  std::vector<double> cumulative_;
  std::vector<double> draws_;
};

}  // namespace qmol
