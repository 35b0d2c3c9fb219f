#include "progress.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace qmol {

std::string duration_text(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const long s = std::lround(seconds);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02d}s", s / 60, s % 60);
  return fmt::format("{}h{:02d}m", s / 3600, (s / 60) % 60);
}

Progress::Progress(std::ostream* out, bool tty, int total, int done, int failed)
    : out_(out), tty_(tty), total_(total), done_(done), failed_(failed) {}

void Progress::finished(const std::string& name, bool ok, double seconds,
                        const std::string& message) {
  ++done_;
  ++done_here_;
  if (!ok) ++failed_;
  if (!out_) return;
  if (tty_) {
    draw();
  } else {
    *out_ << fmt::format("[{}/{}] {} {} ({:.1f} s){} | {} failed, {} remaining, ETA {}\n", done_,
                         total_, name, ok ? "ok" : "failed", seconds,
                         ok || message.empty() ? "" : ": " + message, failed_, total_ - done_,
                         duration_text(eta()));
    out_->flush();
  }
}

void Progress::tick() {
  if (out_ && tty_) draw();
}

void Progress::end() {
  if (out_ && tty_) *out_ << "\n";
}

double Progress::eta() const {
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  if (done_here_ == 0) return std::numeric_limits<double>::quiet_NaN();
  return elapsed / done_here_ * (total_ - done_);
}

void Progress::draw() {
  constexpr int kWidth = 30;
  const int filled = total_ ? kWidth * done_ / total_ : kWidth;
  *out_ << fmt::format("\r[{}{}] {}/{} done, {} failed, {} remaining, ETA {}   ",
                       std::string(filled, '#'), std::string(kWidth - filled, '.'), done_, total_,
                       failed_, total_ - done_, duration_text(eta()));
  out_->flush();
}

}  // namespace qmol
