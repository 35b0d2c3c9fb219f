#pragma once
// What the two halves of the Python module share: the GIL-free, interruptible call and the
// active space that the building blocks hand to each other.

#include <pybind11/pybind11.h>

#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <utility>

#include "qmol/active_space/active_space.h"
#include "qmol/core/interrupt.h"
#include "qmol/hamiltonian/molecular_hamiltonian.h"

namespace qmol::python {

namespace py = pybind11;

// An active-space Hamiltonian and how it was chosen (qmol.active_space).
struct ActiveSpace {
  std::shared_ptr<const MolecularHamiltonian> hamiltonian;
  ActiveSpaceInfo info;
};

// Runs f() on a worker thread without the GIL, so other Python threads go on; the calling
// thread polls Python's signal handlers, and on Ctrl-C asks the computation to stop at its next
// iteration (qmol/core/interrupt.h), waits for it, and raises KeyboardInterrupt. f must not touch
// Python objects.
template <class F>
auto interruptible(F&& f) -> decltype(f()) {
  using Result = decltype(f());
  clear_interrupt();
  std::packaged_task<Result()> task(std::forward<F>(f));
  std::future<Result> done = task.get_future();
  bool interrupted = false;
  {
    py::gil_scoped_release release;
    std::thread worker(std::move(task));
    while (done.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
      py::gil_scoped_acquire acquire;
      if (PyErr_CheckSignals() != 0) {  // the KeyboardInterrupt is now pending
        interrupted = true;
        request_interrupt();
        break;
      }
    }
    worker.join();
  }
  if (interrupted) {
    try {
      done.get();  // Interrupted, or whatever else ended it meanwhile: the user asked to stop
    } catch (...) {
    }
    throw py::error_already_set();
  }
  return done.get();
}

void bind_energy_function(py::module_& m);

}  // namespace qmol::python
