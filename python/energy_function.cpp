// qmol.EnergyFunction: E(theta) and dE/dtheta of an ansatz on an active space, for SciPy and
// machine-learning loops; batches of parameter sets are evaluated in parallel, one VQE problem
// per thread (an engine keeps its work vectors, so threads never share one).
#include <omp.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <atomic>
#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bindings.h"
#include "qmol/core/errors.h"
#include "qmol/solve/vqe_problem.h"

namespace qmol::python {
namespace {

using Array = py::array_t<double, py::array::c_style | py::array::forcecast>;

class PyEnergyFunction {
 public:
  PyEnergyFunction(const ActiveSpace& active, const std::string& ansatz, const std::string& engine,
                   const std::string& mapping, const std::string& gradient, int threads)
      : hamiltonian_(active.hamiltonian) {
    spec_.ansatz.kind = from_string<AnsatzKind>(ansatz);
    if (spec_.ansatz.kind == AnsatzKind::adapt)
      throw InputError(
          "ADAPT grows its ansatz while it trains, so it has no fixed energy "
          "function; use qmol.run with [ansatz] kind = \"adapt\"",
          {"", 0, "ansatz"});
    spec_.engine.engine = from_string<VqeEngineKind>(engine);
    spec_.engine.gradient = from_string<GradientMethod>(gradient);
    spec_.mapping = from_string<Mapping>(mapping);
    if (threads < 1) throw InputError("threads must be at least 1", {"", 0, "threads"});
    threads_ = threads;
    problems_.push_back(std::make_unique<VqeProblem>(build_vqe_problem(*hamiltonian_, spec_)));
  }

  int n_parameters() const { return problems_.front()->energy->n_parameters(); }
  std::vector<double> initial() const { return problems_.front()->initial; }
  std::vector<std::string> labels() const { return problems_.front()->parameter_labels; }
  std::string engine() const { return to_string(problems_.front()->engine); }
  int n_qubits() const { return problems_.front()->n_qubits; }

  double energy(const Array& theta) {
    const std::vector<double> t = parameters(theta);
    return interruptible([&] { return problems_.front()->energy->energy(t); });
  }

  std::pair<double, Array> energy_and_gradient(const Array& theta) {
    const std::vector<double> t = parameters(theta);
    std::vector<double> g;
    const double e =
        interruptible([&] { return problems_.front()->energy->energy_and_gradient(t, g); });
    return {e, Array(g.size(), g.data())};
  }

  // One row of `thetas` per evaluation; with_gradient also fills the (rows, n) gradients.
  void batch(const Array& thetas, std::vector<double>& energies, std::vector<double>* gradients) {
    if (thetas.ndim() != 2 || thetas.shape(1) != n_parameters())
      throw InputError("the parameter sets must be a 2-D array of shape (k, " +
                           std::to_string(n_parameters()) + ")",
                       {"", 0, "thetas"});
    const auto rows = static_cast<int>(thetas.shape(0));
    const int n = n_parameters();
    std::vector<double> flat(thetas.data(), thetas.data() + static_cast<std::ptrdiff_t>(rows) * n);
    interruptible([&] {
      const int threads = std::max(1, std::min(threads_, rows));
      while (static_cast<int>(problems_.size()) < threads)
        problems_.push_back(std::make_unique<VqeProblem>(build_vqe_problem(*hamiltonian_, spec_)));
      energies.assign(static_cast<std::size_t>(rows), 0.0);
      if (gradients) gradients->assign(static_cast<std::size_t>(rows) * n, 0.0);
      // Plain threads, not an OpenMP team: the engines' own OpenMP code may hold orphaned
      // worksharing loops, which must not bind to an outer team. Each thread owns
      // problems_[thread], runs its engine on one OpenMP thread, and writes only the rows it takes.
      std::atomic<int> next{0};
      std::vector<std::exception_ptr> failures(static_cast<std::size_t>(threads));
      auto work = [&](int t) {
        try {
          omp_set_num_threads(1);
          EnergyFunction& f = *problems_[static_cast<std::size_t>(t)]->energy;
          std::vector<double> theta(static_cast<std::size_t>(n)), g;
          for (int r = next++; r < rows; r = next++) {
            throw_if_interrupted();
            std::copy_n(flat.begin() + static_cast<std::ptrdiff_t>(r) * n, n, theta.begin());
            if (gradients) {
              energies[static_cast<std::size_t>(r)] = f.energy_and_gradient(theta, g);
              std::copy(g.begin(), g.end(),
                        gradients->begin() + static_cast<std::ptrdiff_t>(r) * n);
            } else {
              energies[static_cast<std::size_t>(r)] = f.energy(theta);
            }
          }
        } catch (...) {
          failures[static_cast<std::size_t>(t)] = std::current_exception();
        }
      };
      std::vector<std::thread> pool;
      for (int t = 0; t < threads; ++t) pool.emplace_back(work, t);
      for (std::thread& worker : pool) worker.join();
      for (const std::exception_ptr& failure : failures)
        if (failure) std::rethrow_exception(failure);
      return 0;
    });
  }

 private:
  std::vector<double> parameters(const Array& theta) const {
    if (theta.ndim() != 1 || theta.shape(0) != n_parameters())
      throw InputError(
          "theta must be a 1-D array of " + std::to_string(n_parameters()) + " parameters",
          {"", 0, "theta"});
    return {theta.data(), theta.data() + theta.shape(0)};
  }

  std::shared_ptr<const MolecularHamiltonian> hamiltonian_;
  VqeSpec spec_;
  int threads_ = 1;
  std::vector<std::unique_ptr<VqeProblem>> problems_;
};

}  // namespace

void bind_energy_function(py::module_& m) {
  py::class_<PyEnergyFunction>(
      m, "EnergyFunction",
      "E(theta) of an ansatz state on an active space, with its exact (adjoint) gradient.")
      .def(py::init<const ActiveSpace&, const std::string&, const std::string&, const std::string&,
                    const std::string&, int>(),
           py::arg("active"), py::arg("ansatz") = "uccsd", py::arg("engine") = "auto",
           py::arg("mapping") = "jordan-wigner", py::arg("gradient") = "adjoint",
           py::arg("threads") = 2)
      .def_property_readonly("n_parameters", &PyEnergyFunction::n_parameters)
      .def_property_readonly("n_qubits", &PyEnergyFunction::n_qubits)
      .def_property_readonly("engine", &PyEnergyFunction::engine)
      .def_property_readonly(
          "initial",
          [](const PyEnergyFunction& f) {
            const std::vector<double> x = f.initial();
            return Array(x.size(), x.data());
          },
          "The starting parameters qmol's own VQE uses (zeros for the UCC family).")
      .def_property_readonly("parameter_labels", &PyEnergyFunction::labels)
      .def("energy", &PyEnergyFunction::energy, py::arg("theta"), "E(theta), Hartree.")
      .def(
          "gradient",
          [](PyEnergyFunction& f, const Array& theta) {
            return f.energy_and_gradient(theta).second;
          },
          py::arg("theta"), "dE/dtheta, Hartree per radian.")
      .def("energy_and_gradient", &PyEnergyFunction::energy_and_gradient, py::arg("theta"),
           "(E, dE/dtheta) from one evaluation.")
      .def(
          "energies",
          [](PyEnergyFunction& f, const Array& thetas) {
            std::vector<double> e;
            f.batch(thetas, e, nullptr);
            return Array(e.size(), e.data());
          },
          py::arg("thetas"), "E of each row of a (k, n_parameters) array, in parallel.")
      .def(
          "gradients",
          [](PyEnergyFunction& f, const Array& thetas) {
            std::vector<double> e, g;
            f.batch(thetas, e, &g);
            const auto k = static_cast<py::ssize_t>(e.size());
            return Array({k, static_cast<py::ssize_t>(f.n_parameters())}, g.data());
          },
          py::arg("thetas"), "dE/dtheta of each row of a (k, n_parameters) array, in parallel.")
      .def("__repr__", [](const PyEnergyFunction& f) {
        return "<qmol.EnergyFunction " + std::to_string(f.n_parameters()) + " parameters, " +
               f.engine() + " engine, " + std::to_string(f.n_qubits()) + " qubits>";
      });
}

}  // namespace qmol::python
