#include "workers.h"

#include <fmt/format.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <iostream>
#include <thread>

#include "qmol/core/errors.h"

namespace qmol {

namespace {

WorkerExit exit_of(int status) {
  WorkerExit exit;
  exit.signaled = WIFSIGNALED(status);
  exit.code = exit.signaled ? WTERMSIG(status) : WEXITSTATUS(status);
  return exit;
}

pid_t fork_child(const WorkFunction& work, std::size_t item, int slot) {
  const pid_t parent = ::getpid();
  // What the parent buffered would otherwise be written again by the child.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw IoError("cannot start a worker process (fork failed)");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(3);  // the parent died before prctl
    int code = 0;
    try {
      work(item, slot);
    } catch (...) {
      code = 4;
    }
    ::_exit(code);
  }
  return pid;
}

}  // namespace

std::string WorkerExit::describe() const {
  return signaled ? fmt::format("worker died: the worker process was killed by signal {} ({})",
                                code, strsignal(code))
                  : fmt::format("worker died: the worker process exited with code {}", code);
}

WorkerExit run_in_child(const WorkFunction& work, std::size_t item, int slot) {
  const pid_t pid = fork_child(work, item, slot);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw IoError("lost the worker process (waitpid failed)");
  return exit_of(status);
}

ProcessPool::ProcessPool(int jobs, WorkFunction work) : jobs_(jobs), work_(std::move(work)) {}

ProcessPool::~ProcessPool() {
  // Only on an exception in the parent: the children would outlive the batch otherwise.
  for (const auto& [pid, r] : running_) ::kill(pid, SIGKILL);
  for (const auto& [pid, r] : running_) ::waitpid(pid, nullptr, 0);
}

void ProcessPool::start(std::size_t item, int slot) {
  running_.emplace_back(fork_child(work_, item, slot), Running{item, slot});
}

std::optional<FinishedItem> ProcessPool::wait_any(std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t ended = ::waitpid(-1, &status, WNOHANG);
    const auto it = std::find_if(running_.begin(), running_.end(),
                                 [&](const auto& r) { return r.first == ended; });
    if (ended > 0 && it != running_.end()) {
      const FinishedItem f{it->second.item, it->second.slot, exit_of(status)};
      running_.erase(it);
      return f;
    }
    if (ended < 0 && errno == ECHILD && !running_.empty()) {  // reaped elsewhere: lost
      const FinishedItem f{running_.front().second.item, running_.front().second.slot, {false, 3}};
      running_.erase(running_.begin());
      return f;
    }
    if (std::chrono::steady_clock::now() >= until) return std::nullopt;
    // Polled often, so that a free slot takes the next item at once (a small molecule takes
    // well under a second).
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

void schedule(const std::vector<std::size_t>& items, Workers& workers,
              const std::function<bool(const FinishedItem&)>& done,
              const std::function<void()>& tick) {
  std::deque<std::size_t> queue(items.begin(), items.end());
  std::vector<bool> busy(static_cast<std::size_t>(workers.size()), false);
  int running = 0;
  while (!queue.empty() || running > 0) {
    for (int slot = 0; slot < workers.size() && !queue.empty(); ++slot) {
      if (busy[static_cast<std::size_t>(slot)]) continue;
      workers.start(queue.front(), slot);
      queue.pop_front();
      busy[static_cast<std::size_t>(slot)] = true;
      ++running;
    }
    const std::optional<FinishedItem> f = workers.wait_any(std::chrono::milliseconds(100));
    if (!f) {
      tick();
      continue;
    }
    busy[static_cast<std::size_t>(f->slot)] = false;
    --running;
    if (done(*f)) queue.push_back(f->item);
  }
}

}  // namespace qmol
