#include "qmol/estimate/shot_sampler.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>

#include "qmol/core/errors.h"

namespace qmol {

namespace {

// Probabilities from a density matrix's diagonal may be a rounding error below zero.
constexpr double kNegativeTolerance = 1e-12;
constexpr double kNormTolerance = 1e-9;

double group_weight(const MeasurementGroup& group) {
  double w = 0.0;
  for (const MeasuredTerm& t : group.measured) w += std::abs(t.coefficient);
  return w;
}

// Proportional shares of `shots` with largest-remainder rounding; a group whose share is below one
// shot is fixed at one and the rest is shared again among the others, until every share is >= 1.
std::vector<long> weighted_shares(const std::vector<double>& weights, long shots) {
  const std::size_t n = weights.size();
  std::vector<bool> fixed(n, false);
  std::vector<double> quota(n, 1.0);
  for (;;) {
    long free_shots = shots;
    double free_weight = 0.0;
    for (std::size_t g = 0; g < n; ++g) {
      if (fixed[g])
        --free_shots;
      else
        free_weight += weights[g];
    }
    bool changed = false;
    for (std::size_t g = 0; g < n; ++g) {
      if (fixed[g]) continue;
      quota[g] =
          free_weight > 0.0 ? static_cast<double>(free_shots) * (weights[g] / free_weight) : 0.0;
      if (quota[g] < 1.0) {
        fixed[g] = true;
        quota[g] = 1.0;
        changed = true;
      }
    }
    if (!changed) break;
  }
  std::vector<long> shares(n);
  long given = 0;
  for (std::size_t g = 0; g < n; ++g) {
    shares[g] = static_cast<long>(std::floor(quota[g]));
    given += shares[g];
  }
  std::vector<std::size_t> by_remainder(n);
  for (std::size_t g = 0; g < n; ++g) by_remainder[g] = g;
  std::stable_sort(by_remainder.begin(), by_remainder.end(), [&](std::size_t a, std::size_t b) {
    return quota[a] - static_cast<double>(shares[a]) > quota[b] - static_cast<double>(shares[b]);
  });
  // Zero total weight fixes every group at one shot: the rest then goes round-robin.
  for (std::size_t k = 0; given < shots; k = (k + 1) % n, ++given) ++shares[by_remainder[k]];
  return shares;
}

// In place: p[z] <- sum_b p[b] (-1)^popcount(b & z).
void walsh_hadamard(std::vector<double>& p) {
  for (std::size_t h = 1; h < p.size(); h <<= 1)
    for (std::size_t i = 0; i < p.size(); i += 2 * h)
      for (std::size_t j = i; j < i + h; ++j) {
        const double a = p[j], b = p[j + h];
        p[j] = a + b;
        p[j + h] = a - b;
      }
}

}  // namespace

std::vector<long> allocate_shots(const MeasurementGrouping& g, long shots,
                                 ShotAllocation allocation) {
  const long n_groups = static_cast<long>(g.groups.size());
  if (shots < 1)
    throw InputError(
        "estimator.shots must be a positive number of shots, not " + std::to_string(shots),
        {"", 0, "estimator.shots"});
  if (shots < n_groups)
    throw InputError(std::to_string(shots) + " shots cannot measure the " +
                         std::to_string(n_groups) +
                         " measurement groups: each group needs at least one shot, so set "
                         "estimator.shots to at least " +
                         std::to_string(n_groups),
                     {"", 0, "estimator.shots"});
  if (n_groups == 0) return {};
  if (allocation == ShotAllocation::uniform) {
    std::vector<long> shares(static_cast<std::size_t>(n_groups), shots / n_groups);
    for (long k = 0; k < shots % n_groups; ++k) ++shares[static_cast<std::size_t>(k)];
    return shares;
  }
  std::vector<double> weights;
  weights.reserve(g.groups.size());
  for (const MeasurementGroup& group : g.groups) weights.push_back(group_weight(group));
  return weighted_shares(weights, shots);
}

std::vector<double> measurement_probabilities(const Statevector& psi,
                                              const MeasurementGroup& group) {
  QMOL_ASSERT(psi.n_qubits() == group.basis_change.n_qubits(),
              "a state of " + std::to_string(psi.n_qubits()) +
                  " qubits measured in the basis of a group on " +
                  std::to_string(group.basis_change.n_qubits()));
  std::vector<double> p(psi.size());
  if (group.basis_change.size() == 0) {
    for (std::size_t i = 0; i < p.size(); ++i) p[i] = std::norm(psi[i]);
    return p;
  }
  Statevector rotated = psi;
  apply_circuit(rotated, group.basis_change, {});
  for (std::size_t i = 0; i < p.size(); ++i) p[i] = std::norm(rotated[i]);
  return p;
}

double group_expectation(const MeasurementGroup& group, const std::vector<double>& probabilities,
                         const ReadoutModel& readout) {
  const int n = group.basis_change.n_qubits();
  QMOL_ASSERT(probabilities.size() == std::size_t{1} << n,
              "measurement probabilities of " + std::to_string(probabilities.size()) +
                  " basis states for a group on " + std::to_string(n) + " qubits");
  const double shrink = 1.0 - 2.0 * readout.error;
  auto factor = [&](std::uint64_t z) {
    return readout.mitigate || readout.error == 0.0 ? 1.0 : std::pow(shrink, std::popcount(z));
  };
  double sum = 0.0;
  // Many terms: all parities at once by one transform (n 2^n) instead of one pass per term.
  if (group.measured.size() > static_cast<std::size_t>(n)) {
    std::vector<double> parities = probabilities;
    walsh_hadamard(parities);
    for (const MeasuredTerm& t : group.measured)
      sum += t.coefficient * factor(t.z_mask) * parities[t.z_mask];
    return sum;
  }
  for (const MeasuredTerm& t : group.measured) {
    double parity = 0.0;
    for (std::size_t b = 0; b < probabilities.size(); ++b)
      parity += (std::popcount(b & t.z_mask) & 1) ? -probabilities[b] : probabilities[b];
    sum += t.coefficient * factor(t.z_mask) * parity;
  }
  return sum;
}

void ShotSampler::Statistics::add(double value, long multiplicity) {
  if (multiplicity <= 0) return;
  const long n = count + multiplicity;
  const double delta = value - mean;
  const double share = static_cast<double>(multiplicity) / static_cast<double>(n);
  mean += delta * share;
  m2 += delta * delta * static_cast<double>(count) * share;
  count = n;
}

ShotSampler::ShotSampler(const MeasurementGrouping& grouping, ReadoutModel readout,
                         std::uint64_t seed)
    : n_qubits_(grouping.n_qubits), constant_(grouping.constant), readout_(readout), rng_(seed) {
  if (!(readout.error >= 0.0 && readout.error <= 1.0))
    throw InputError(
        "the readout error is a bit-flip probability, so it must be between 0 and "
        "1, not " +
            std::to_string(readout.error),
        {"", 0, "noise.readout_error"});
  if (readout.mitigate && readout.error >= 0.5)
    throw InputError(
        "readout mitigation inverts the calibration matrix, which is singular for a "
        "readout error of 0.5 and above (" +
            std::to_string(readout.error) +
            "); use a smaller readout error or turn readout mitigation off",
        {"", 0, "noise.readout_error"});
  QMOL_ASSERT(n_qubits_ <= kMaxCommutingGroupingQubits, "a grouping beyond 64 qubits");
  groups_.reserve(grouping.groups.size());
  for (const MeasurementGroup& mg : grouping.groups) {
    Group g;
    std::uint64_t measured = 0;
    for (const MeasuredTerm& t : mg.measured) {
      double c = t.coefficient;
      if (readout.mitigate && readout.error > 0.0)
        c /= std::pow(1.0 - 2.0 * readout.error, std::popcount(t.z_mask));
      g.z_masks.push_back(t.z_mask);
      g.coefficients.push_back(c);
      measured |= t.z_mask;
    }
    for (; measured; measured &= measured - 1)
      g.measured_qubits.push_back(std::countr_zero(measured));
    groups_.push_back(std::move(g));
  }
}

double ShotSampler::uniform() {
  return static_cast<double>(rng_() >> 11) * 0x1.0p-53;
}

double ShotSampler::value(const Group& g, std::uint64_t bits) const {
  double v = 0.0;
  for (std::size_t t = 0; t < g.z_masks.size(); ++t)
    v += (std::popcount(bits & g.z_masks[t]) & 1) ? -g.coefficients[t] : g.coefficients[t];
  return v;
}

long ShotSampler::shots(std::size_t group) const {
  QMOL_ASSERT(group < groups_.size(), "measurement group " + std::to_string(group) + " of " +
                                          std::to_string(groups_.size()));
  return groups_[group].statistics.count;
}

void ShotSampler::sample(std::size_t group, const std::vector<double>& probabilities, long shots) {
  QMOL_ASSERT(group < groups_.size(), "measurement group " + std::to_string(group) + " of " +
                                          std::to_string(groups_.size()));
  QMOL_ASSERT(probabilities.size() == std::size_t{1} << n_qubits_,
              "measurement probabilities of " + std::to_string(probabilities.size()) +
                  " basis states for " + std::to_string(n_qubits_) + " qubits");
  if (shots < 0)
    throw InputError("a negative number of shots (" + std::to_string(shots) + ") was requested",
                     {"", 0, "estimator.shots"});
  if (shots == 0) return;
  Group& g = groups_[group];

  // Cumulative distribution; draws are sorted uniforms swept once through it (multinomial counts
  // in O(2^n + shots log shots), independent of the distribution's shape).
  cumulative_.resize(probabilities.size());
  double total = 0.0;
  std::size_t last = 0;  // the last outcome with nonzero probability: rounding never lands past it
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    double p = probabilities[i];
    if (!(p >= -kNegativeTolerance))
      throw NumericalError("measurement probability " + std::to_string(p) + " of basis state " +
                           std::to_string(i) + " is negative or not a number");
    if (p > 0.0) {
      total += p;
      last = i;
    }
    cumulative_[i] = total;
  }
  if (!(std::abs(total - 1.0) <= kNormTolerance))
    throw NumericalError("measurement probabilities sum to " + std::to_string(total) +
                         ", not 1: the state is not normalized");
  draws_.resize(static_cast<std::size_t>(shots));
  for (double& u : draws_) u = uniform() * total;
  std::sort(draws_.begin(), draws_.end());

  // Readout flips at independent positions of the shots x measured-qubits bit stream, found by
  // geometric gaps: work in proportion to the flips, not to the bits.
  struct Flip {
    long shot;
    std::uint64_t mask;
  };
  std::vector<Flip> flips;
  const long width = static_cast<long>(g.measured_qubits.size());
  if (readout_.error > 0.0 && width > 0) {
    const double log_keep = std::log1p(-readout_.error);
    const double n_bits = static_cast<double>(shots) * static_cast<double>(width);
    double position = -1.0;
    for (;;) {
      const double gap =
          readout_.error >= 1.0 ? 0.0 : std::floor(std::log(1.0 - uniform()) / log_keep);
      position += gap + 1.0;
      if (!(position < n_bits)) break;
      const long pos = static_cast<long>(position);
      const long shot = pos / width;
      const std::uint64_t mask = std::uint64_t{1}
                                 << g.measured_qubits[static_cast<std::size_t>(pos % width)];
      if (!flips.empty() && flips.back().shot == shot)
        flips.back().mask |= mask;
      else
        flips.push_back({shot, mask});
    }
  }

  std::size_t next_flip = 0, i = 0;
  long shot = 0;
  for (std::size_t d = 0; d < draws_.size();) {
    while (i < last && cumulative_[i] <= draws_[d]) ++i;
    std::size_t end = d + 1;
    while (end < draws_.size() && (i >= last || cumulative_[i] > draws_[end])) ++end;
    const long count = static_cast<long>(end - d);
    long flipped = 0;
    for (; next_flip < flips.size() && flips[next_flip].shot < shot + count; ++next_flip, ++flipped)
      g.statistics.add(value(g, i ^ flips[next_flip].mask), 1);
    g.statistics.add(value(g, i), count - flipped);
    shot += count;
    d = end;
  }
}

EnergyEstimate ShotSampler::estimate() const {
  EnergyEstimate e;
  e.energy = constant_;
  e.n_groups = n_groups();
  double variance = 0.0;
  for (std::size_t k = 0; k < groups_.size(); ++k) {
    const Statistics& s = groups_[k].statistics;
    if (s.count == 0)
      throw NumericalError("measurement group " + std::to_string(k) + " of " +
                           std::to_string(groups_.size()) +
                           " has no shots yet: sample every group (allocate_shots gives each at "
                           "least one shot) before estimating the energy");
    e.energy += s.mean;
    e.total_shots += s.count;
    if (s.count > 1)
      variance += s.m2 / static_cast<double>(s.count - 1) / static_cast<double>(s.count);
  }
  e.standard_error = std::sqrt(variance);
  return e;
}

}  // namespace qmol
