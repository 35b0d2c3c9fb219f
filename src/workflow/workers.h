#pragma once
// Workflow-internal: where the work items of a screening run, and the one scheduler that hands
// them out. Workers are forked children of this process (the process pool) or the worker ranks
// of an MPI job (mpi_workers.h); each item runs in a child process of its own either way, so
// that a crash, an abort or the OOM killer takes down one item, not the batch.

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace qmol {

// How a worker process ended.
struct WorkerExit {
  bool signaled = false;  // killed by a signal (a crash, the OOM killer)
  int code = 0;           // the exit code, or the signal number when signaled
  // "worker died: the worker process was killed by signal 9 (Killed)" / "... exited with code 4".
  std::string describe() const;
};

// work(item, slot) runs in the child; it exits with 0 when work returns and 4 when it throws.
using WorkFunction = std::function<void(std::size_t item, int slot)>;

// Runs work(item, slot) in a forked child of this process and waits for it. The child dies with
// its parent (prctl PDEATHSIG: kill -9 of the parent leaves no stray workers). IoError when no
// process can be started.
WorkerExit run_in_child(const WorkFunction& work, std::size_t item, int slot);

struct FinishedItem {
  std::size_t item = 0;
  int slot = 0;
  WorkerExit exit;
};

// A set of workers, slots 0 to size() - 1, each running one item at a time.
class Workers {
 public:
  virtual ~Workers() = default;
  virtual int size() const = 0;
  virtual void start(std::size_t item, int slot) = 0;
  // An item that ended since the last call, waiting at most `timeout`; nullopt if none did.
  virtual std::optional<FinishedItem> wait_any(std::chrono::milliseconds timeout) = 0;
};

// `jobs` forked children of this process at once.
class ProcessPool : public Workers {
 public:
  ProcessPool(int jobs, WorkFunction work);
  ~ProcessPool() override;
  int size() const override { return jobs_; }
  void start(std::size_t item, int slot) override;
  std::optional<FinishedItem> wait_any(std::chrono::milliseconds timeout) override;

 private:
  struct Running {
    std::size_t item;
    int slot;
  };
  int jobs_;
  WorkFunction work_;
  std::vector<std::pair<int, Running>> running_;  // pid, item
};

// The scheduler: items in the given order, each to the next free worker. done(item, slot, exit)
// runs as each ends and returns true to run the item once more (a retry, queued last); tick()
// runs about every 100 ms.
void schedule(const std::vector<std::size_t>& items, Workers& workers,
              const std::function<bool(const FinishedItem&)>& done,
              const std::function<void()>& tick);

}  // namespace qmol
