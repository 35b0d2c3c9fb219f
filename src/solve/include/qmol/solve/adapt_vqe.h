#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "qmol/ansatz/adapt_pool.h"
#include "qmol/ansatz/ansatz_options.h"
#include "qmol/ansatz/circuit.h"
#include "qmol/ansatz/fermionic_ansatz.h"
#include "qmol/sim/determinant_engine.h"
#include "qmol/sim/energy_function.h"
#include "qmol/sim/statevector_engine.h"
#include "qmol/solve/optimizer.h"
#include "qmol/solve/vqe.h"

namespace qmol {

// What ADAPT-VQE grows: an ansatz on an engine, and the pool it takes operators from.
class AdaptAnsatz {
 public:
  virtual ~AdaptAnsatz() = default;
  virtual std::size_t pool_size() const = 0;
  virtual std::string label(std::size_t k) const = 0;
  // dE/dtheta at theta = 0 for appending each pool operator to the ansatz at `parameters`.
  virtual std::vector<double> pool_gradients(const std::vector<double>& parameters) = 0;
  // Appends pool operator k, driven by a new last parameter.
  virtual void append(std::size_t k) = 0;
  virtual EnergyFunction& energy() = 0;
  // Puts the grown ansatz into the report (fermionic_ansatz or circuit, parameter_labels).
  virtual void describe(VqeReport& report) const = 0;
};

// A fermionic pool on the determinant engine; the grown ansatz starts as `start` (its terms kept).
class FermionicAdaptAnsatz : public AdaptAnsatz {
 public:
  FermionicAdaptAnsatz(DeterminantEngine& engine, FermionicAnsatz start,
                       std::vector<FermionicPoolOperator> pool);
  std::size_t pool_size() const override { return pool_.size(); }
  std::string label(std::size_t k) const override { return pool_[k].label; }
  std::vector<double> pool_gradients(const std::vector<double>& parameters) override;
  void append(std::size_t k) override;
  EnergyFunction& energy() override { return engine_; }
  void describe(VqeReport& report) const override;
  const FermionicAnsatz& ansatz() const { return ansatz_; }

 private:
  DeterminantEngine& engine_;
  FermionicAnsatz ansatz_;
  std::vector<FermionicPoolOperator> pool_;
  std::vector<Excitation> excitations_;  // every term of the pool, in pool order
};

// Pauli strings on the statevector: each appended as the rotation exp(-i theta P / 2).
class QubitAdaptAnsatz : public AdaptAnsatz {
 public:
  QubitAdaptAnsatz(StatevectorEngine& engine, std::vector<PauliString> pool);
  std::size_t pool_size() const override { return pool_.size(); }
  std::string label(std::size_t k) const override { return pool_[k].str(); }
  std::vector<double> pool_gradients(const std::vector<double>& parameters) override;
  void append(std::size_t k) override;
  EnergyFunction& energy() override { return engine_; }
  void describe(VqeReport& report) const override;
  const Circuit& circuit() const { return engine_.circuit(); }

 private:
  StatevectorEngine& engine_;
  std::vector<PauliString> pool_;
};

struct AdaptResult {
  // The final energy and parameters; iterations, history and seconds of all re-optimisations.
  VqeResult vqe;
  AdaptSteps steps;
  double seconds = 0.0;
};

// Called after each step: number of operators, energy, largest pool gradient before the step.
using AdaptCallback = std::function<void(int n_operators, double energy, double max_gradient)>;

// Grows the ansatz by the pool operator with the largest |dE/dtheta| at theta = 0, then
// re-optimises all parameters from the previous ones (the new one from 0), until the largest pool
// gradient is below options.gradient_threshold or options.max_operators were added.
AdaptResult run_adapt_vqe(AdaptAnsatz& ansatz, const AdaptOptions& options,
                          const OptimizerOptions& optimizer, const AdaptCallback& callback = {});

}  // namespace qmol
