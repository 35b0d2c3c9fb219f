#pragma once
// Workflow-internal: the ranks of an MPI job as screening workers. Rank 0 coordinates (hands
// out items, writes the summaries); every other rank is one worker that runs each item it gets in
// a forked child (run_in_child), so a crash takes down one molecule, not the rank.

#include <string>
#include <vector>

#include "workers.h"

namespace qmol {

// The MPI job this process belongs to. MPI is initialized only when the process was started by
// mpirun (OpenMPI's or PMIx's environment variables say so) and qmol was built with MPI;
// otherwise it is a world of one and nothing here talks to MPI.
class MpiWorld {
 public:
  static MpiWorld& get();
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool distributed() const { return size_ > 1; }
  const std::string& host(int rank) const { return hosts_[static_cast<std::size_t>(rank)]; }
  // Rank 0's value, on every rank.
  int broadcast(int value) const;
  ~MpiWorld();

 private:
  MpiWorld();
  int rank_ = 0, size_ = 1;
  bool initialized_ = false;
  std::vector<std::string> hosts_;
};

// On rank 0: the other ranks, slot k = rank k + 1.
class MpiWorkers : public Workers {
 public:
  explicit MpiWorkers(const MpiWorld& world) : world_(world) {}
  ~MpiWorkers() override;  // tells every worker rank to stop
  int size() const override { return world_.size() - 1; }
  void start(std::size_t item, int slot) override;
  std::optional<FinishedItem> wait_any(std::chrono::milliseconds timeout) override;

 private:
  const MpiWorld& world_;
};

// "mpi:RANK@HOST" of worker slot `slot`.
std::string mpi_worker_name(const MpiWorld& world, int slot);

// On a worker rank: runs the items rank 0 sends, each with run_in_child(work, item, slot), and
// reports how each ended, until rank 0 says stop.
void serve_mpi_items(const MpiWorld& world, const WorkFunction& work);

}  // namespace qmol
