#pragma once
// Workflow-internal: the progress display of a batch of items (screening's molecules).

#include <chrono>
#include <ostream>
#include <string>

namespace qmol {

// Done / failed / remaining and an ETA: redrawn in place on a terminal, else one line per
// finished item (a log keeps every line). A null stream shows nothing but still counts.
class Progress {
 public:
  // `done` and `failed` items were finished before this run (a resumed batch).
  Progress(std::ostream* out, bool tty, int total, int done, int failed);

  void finished(const std::string& name, bool ok, double seconds, const std::string& message);
  void tick();  // redraws the bar (the ETA moves) on a terminal
  void end();   // ends the bar's line

 private:
  using Clock = std::chrono::steady_clock;
  double eta() const;
  void draw();

  std::ostream* out_;
  bool tty_;
  int total_, done_, done_here_ = 0, failed_;
  Clock::time_point start_ = Clock::now();
};

// "42s", "3m05s", "2h10m"; "?" when unknown.
std::string duration_text(double seconds);

}  // namespace qmol
