#include "process_pool.h"

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
#include <iostream>
#include <map>
#include <thread>

#include "qmol/core/errors.h"

namespace qmol {

std::string WorkerExit::describe() const {
  return signaled
             ? fmt::format("the worker process was killed by signal {} ({})", code, strsignal(code))
             : fmt::format("the worker process exited with code {}", code);
}

void run_in_processes(const std::vector<std::size_t>& items, int jobs,
                      const std::function<void(std::size_t, int)>& work,
                      const std::function<void(std::size_t, int, const WorkerExit&)>& done,
                      const std::function<void()>& tick) {
  const pid_t parent = ::getpid();
  struct Running {
    std::size_t item;
    int slot;
  };
  std::map<pid_t, Running> running;
  std::vector<bool> slot_busy(static_cast<std::size_t>(std::max(jobs, 1)), false);
  std::size_t next = 0;
  auto last_tick = std::chrono::steady_clock::now();
  while (next < items.size() || !running.empty()) {
    while (next < items.size() && static_cast<int>(running.size()) < jobs) {
      const std::size_t item = items[next++];
      const int slot = static_cast<int>(std::find(slot_busy.begin(), slot_busy.end(), false) -
                                        slot_busy.begin());
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
      running[pid] = {item, slot};
      slot_busy[static_cast<std::size_t>(slot)] = true;
    }
    int status = 0;
    const pid_t ended = ::waitpid(-1, &status, WNOHANG);
    if (ended == 0 || (ended < 0 && errno == EINTR)) {
      // Polled often, so that a free slot takes the next item at once (a small molecule takes
      // well under a second); the progress line is redrawn every 100 ms.
      if (std::chrono::steady_clock::now() - last_tick > std::chrono::milliseconds(100)) {
        tick();
        last_tick = std::chrono::steady_clock::now();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    if (ended < 0) break;  // no children left (not while `running` holds any)
    const auto it = running.find(ended);
    if (it == running.end()) continue;
    const auto [item, slot] = it->second;
    running.erase(it);
    slot_busy[static_cast<std::size_t>(slot)] = false;
    WorkerExit exit;
    exit.signaled = WIFSIGNALED(status);
    exit.code = exit.signaled ? WTERMSIG(status) : WEXITSTATUS(status);
    done(item, slot, exit);
  }
}

}  // namespace qmol
