#pragma once
// Workflow-internal: work items each in its own child process, a few at a time.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace qmol {

// How a worker process ended.
struct WorkerExit {
  bool signaled = false;  // killed by a signal (a crash, the OOM killer)
  int code = 0;           // the exit code, or the signal number when signaled
  // "the worker process was killed by signal 9 (Killed)" / "... exited with code 4".
  std::string describe() const;
};

// Runs work(item, slot) for every item, in order, each in its own forked child, at most `jobs`
// at once, so that a crash, an abort or the OOM killer takes down one item, not the batch; the
// children die with the parent (kill -9 of the parent leaves no stray workers). `slot` (0 to
// jobs - 1) is the pool position the child took, free again when it ends. A child exits with 0
// when work returns and 4 when it throws. In the parent, done(item, slot, exit) runs as each
// child ends, and tick() about every 100 ms while children run. IoError when no process can be
// started.
void run_in_processes(const std::vector<std::size_t>& items, int jobs,
                      const std::function<void(std::size_t, int)>& work,
                      const std::function<void(std::size_t, int, const WorkerExit&)>& done,
                      const std::function<void()>& tick);

}  // namespace qmol
