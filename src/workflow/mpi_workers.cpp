#include "mpi_workers.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>

#include "qmol/core/errors.h"

#ifdef QMOL_WITH_MPI
#include <mpi.h>
#endif

namespace qmol {

#ifdef QMOL_WITH_MPI
namespace {

// Message tags: rank 0 -> worker: {item} or {kStop}; worker -> rank 0: {item, signaled, code}.
constexpr int kItemTag = 1, kDoneTag = 2;
constexpr long long kStop = -1;

bool launched_by_mpirun() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE"})
    if (std::getenv(v)) return true;
  return false;
}

}  // namespace
#endif

MpiWorld& MpiWorld::get() {
  static MpiWorld world;
  return world;
}

MpiWorld::MpiWorld() {
  char name[256] = {};
  ::gethostname(name, sizeof name - 1);
  hosts_ = {name};
#ifdef QMOL_WITH_MPI
  if (!launched_by_mpirun()) return;
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  initialized_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  std::vector<char> all(static_cast<std::size_t>(size_) * sizeof name);
  MPI_Allgather(name, sizeof name, MPI_CHAR, all.data(), sizeof name, MPI_CHAR, MPI_COMM_WORLD);
  hosts_.clear();
  for (int r = 0; r < size_; ++r)
    hosts_.emplace_back(&all[static_cast<std::size_t>(r) * sizeof name]);
#endif
}

MpiWorld::~MpiWorld() {
#ifdef QMOL_WITH_MPI
  if (initialized_) MPI_Finalize();
#endif
}

int MpiWorld::broadcast(int value) const {
#ifdef QMOL_WITH_MPI
  if (initialized_) MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
#endif
  return value;
}

std::string mpi_worker_name(const MpiWorld& world, int slot) {
  return fmt::format("mpi:{}@{}", slot + 1, world.host(slot + 1));
}

#ifdef QMOL_WITH_MPI

MpiWorkers::~MpiWorkers() {
  const long long stop = kStop;
  for (int r = 1; r < world_.size(); ++r)
    MPI_Send(&stop, 1, MPI_LONG_LONG, r, kItemTag, MPI_COMM_WORLD);
}

void MpiWorkers::start(std::size_t item, int slot) {
  const auto message = static_cast<long long>(item);
  MPI_Send(&message, 1, MPI_LONG_LONG, slot + 1, kItemTag, MPI_COMM_WORLD);
}

std::optional<FinishedItem> MpiWorkers::wait_any(std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int ready = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, kDoneTag, MPI_COMM_WORLD, &ready, &status);
    if (ready) {
      long long message[3];
      MPI_Recv(message, 3, MPI_LONG_LONG, status.MPI_SOURCE, kDoneTag, MPI_COMM_WORLD,
               MPI_STATUS_IGNORE);
      FinishedItem f;
      f.item = static_cast<std::size_t>(message[0]);
      f.slot = status.MPI_SOURCE - 1;
      f.exit.signaled = message[1] != 0;
      f.exit.code = static_cast<int>(message[2]);
      return f;
    }
    if (std::chrono::steady_clock::now() >= until) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

void serve_mpi_items(const MpiWorld& world, const WorkFunction& work) {
  for (;;) {
    long long item = kStop;
    MPI_Recv(&item, 1, MPI_LONG_LONG, 0, kItemTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (item == kStop) return;
    const WorkerExit exit = run_in_child(work, static_cast<std::size_t>(item), world.rank() - 1);
    const long long message[3] = {item, exit.signaled ? 1 : 0, exit.code};
    MPI_Send(message, 3, MPI_LONG_LONG, 0, kDoneTag, MPI_COMM_WORLD);
  }
}

#else  // built without MPI: MpiWorld::get() is a world of one, so none of this is reached

MpiWorkers::~MpiWorkers() = default;

void MpiWorkers::start(std::size_t, int) {
  QMOL_ASSERT(false, "MPI workers in a build without MPI");
}

std::optional<FinishedItem> MpiWorkers::wait_any(std::chrono::milliseconds) {
  QMOL_ASSERT(false, "MPI workers in a build without MPI");
  return std::nullopt;
}

void serve_mpi_items(const MpiWorld&, const WorkFunction&) {
  QMOL_ASSERT(false, "MPI workers in a build without MPI");
}

#endif

}  // namespace qmol
