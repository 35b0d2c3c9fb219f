#include "qmol/workflow/screen.h"

#include <fmt/format.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "qmol/core/errors.h"
#include "qmol/io/atomic_file.h"
#include "qmol/io/csv.h"
#include "qmol/io/hdf5_writer.h"
#include "qmol/workflow/job.h"
#include "qmol/workflow/resume.h"
#include "qmol/workflow/run.h"

namespace qmol {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

namespace {

const std::vector<std::string> kSummaryColumns = {
    "input",      "molecule",     "formula",   "n_electrons", "n_qubits", "hf_energy",
    "vqe_energy", "exact_energy", "error_mEh", "status",      "message",  "seconds"};

std::string lower_extension(const fs::path& p) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return e;
}

bool is_molecule_file(const fs::path& p) {
  const std::string e = lower_extension(p);
  return e == ".toml" || e == ".xyz";
}

std::optional<int> parse_int_field(const std::string& text, const std::string& what,
                                   std::string& error) {
  if (text.empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    const int v = std::stoi(text, &used);
    if (used == text.size()) return v;
  } catch (const std::exception&) {
  }
  error = fmt::format("{} '{}' is not an integer", what, text);
  return std::nullopt;
}

void expand_csv(const std::string& csv_path, std::vector<ScreenInput>& out) {
  const CsvTable table = read_csv(csv_path);
  int file_col = table.column("file");
  if (file_col < 0) file_col = table.column("path");
  if (file_col < 0) file_col = table.column("input");
  if (file_col < 0)
    throw InputError("the CSV list needs a column 'file' (or 'path') naming each molecule file",
                     {csv_path, 1, ""});
  const int name_col = table.column("name"), charge_col = table.column("charge"),
            mult_col = table.column("multiplicity"), basis_col = table.column("basis");
  const fs::path dir = fs::path(csv_path).parent_path();
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    ScreenInput in;
    const fs::path file = row[file_col];
    in.path = file.is_absolute() ? file.string() : (dir / file).lexically_normal().string();
    in.name = name_col >= 0 && !row[name_col].empty() ? row[name_col] : file.stem().string();
    std::string error;
    if (charge_col >= 0) in.charge = parse_int_field(row[charge_col], "charge", error);
    if (mult_col >= 0) in.multiplicity = parse_int_field(row[mult_col], "multiplicity", error);
    if (basis_col >= 0 && !row[basis_col].empty()) in.basis = row[basis_col];
    if (row[file_col].empty()) error = "no file named";
    if (!error.empty()) in.error = fmt::format("{}:{}: {}", csv_path, table.lines[r], error);
    out.push_back(std::move(in));
  }
}

std::string file_text_or_empty(const std::string& path) {
  try {
    return read_file_text(path);
  } catch (const Error&) {
    return "";
  }
}

// A record from other settings or another input (the file or its CSV options) is not reused.
std::string molecule_key(const ScreenInput& in, const std::string& settings_text) {
  return fingerprint({settings_text, in.path, file_text_or_empty(in.path),
                      in.charge ? std::to_string(*in.charge) : "",
                      in.multiplicity ? std::to_string(*in.multiplicity) : "",
                      in.basis.value_or("")});
}

json number_or_null(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

// The job of one molecule: the settings with the molecule of the input.
Job molecule_job(const ScreenInput& in, const Job& settings) {
  if (!in.error.empty()) throw InputError(in.error);
  if (!fs::exists(in.path)) throw InputError("no such file", {in.path, 0, ""});
  const std::string ext = lower_extension(in.path);
  if (ext == ".xyz") {
    Job job = job_for_geometry(in.path, &settings, in.charge, in.multiplicity, in.basis);
    job.name = in.name;
    return job;
  }
  if (ext != ".toml")
    throw InputError(fmt::format("unsupported input type '{}' (expected .toml, .xyz, .csv or a "
                                 "directory)",
                                 ext),
                     {in.path, 0, ""});
  const Job input = read_job(in.path, true);
  if (!input.molecule) throw InputError("the job has no molecule to screen", {in.path, 0, ""});
  Job job = settings;
  job.molecule = input.molecule;
  if (in.charge) job.molecule->charge = *in.charge;
  if (in.multiplicity) job.molecule->multiplicity = *in.multiplicity;
  if (in.basis) job.basis = *in.basis;
  job.molecule->validate(in.path);
  job.name = in.name;
  job.path = in.path;
  return job;
}

// Runs one molecule and returns its record; never throws (a failure is a record).
json screen_one(const ScreenInput& in, const Job& settings, const std::string& out_dir,
                double memory_limit) {
  const auto t0 = Clock::now();
  json rec = {{"input", in.name}, {"path", in.path}, {"status", "failed"}, {"message", ""}};
  try {
    Job job = molecule_job(in, settings);
    const Molecule& m = *job.molecule;
    rec["molecule"] = m.name;
    rec["formula"] = m.formula();
    rec["n_electrons"] = m.n_electrons();
    RunOptions options;
    options.memory_limit_bytes = memory_limit;
    const RunResult r = run_job(job, options);
    if (r.qubit)
      rec["n_qubits"] = r.qubit->n_qubits;
    else if (r.vqe)
      rec["n_qubits"] = r.vqe->n_qubits;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double hf = r.scf ? r.scf->energy : nan;
    const double vqe = r.vqe ? r.vqe->result.energy : nan;
    const double exact = r.exact ? r.exact->energy : nan;
    rec["hf_energy"] = number_or_null(hf);
    rec["vqe_energy"] = number_or_null(vqe);
    rec["exact_energy"] = number_or_null(exact);
    rec["error_mEh"] = number_or_null(r.vqe && r.vqe->error ? 1e3 * *r.vqe->error : nan);
    write_hdf5((fs::path(out_dir) / (in.name + ".h5")).string(), r, true);
    rec["result"] = in.name + ".h5";
    rec["status"] = "ok";  // a non-converged SCF throws
    if (r.vqe && !r.vqe->result.converged) rec["message"] = "VQE did not converge";
  } catch (const Error& e) {
    rec["message"] = e.describe();
  } catch (const std::exception& e) {
    rec["message"] = fmt::format("internal error: {}", e.what());
  }
  rec["seconds"] = std::chrono::duration<double>(Clock::now() - t0).count();
  return rec;
}

std::string duration_text(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const long s = std::lround(seconds);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02d}s", s / 60, s % 60);
  return fmt::format("{}h{:02d}m", s / 3600, (s / 60) % 60);
}

class Progress {
 public:
  Progress(const ScreenSettings& s, int total, int skipped)
      : out_(s.progress), tty_(s.progress_is_tty), total_(total), done_(skipped) {}

  void finished(const std::string& name, bool ok, double seconds, const std::string& message) {
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
  void tick() {
    if (out_ && tty_) draw();
  }
  void count_failed_skipped(int n) { failed_ += n; }
  void end() {
    if (out_ && tty_) *out_ << "\n";
  }

 private:
  double eta() const {
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    if (done_here_ == 0) return std::numeric_limits<double>::quiet_NaN();
    return elapsed / done_here_ * (total_ - done_);
  }
  void draw() {
    constexpr int kWidth = 30;
    const int filled = total_ ? kWidth * done_ / total_ : kWidth;
    *out_ << fmt::format("\r[{}{}] {}/{} done, {} failed, {} remaining, ETA {}   ",
                         std::string(filled, '#'), std::string(kWidth - filled, '.'), done_, total_,
                         failed_, total_ - done_, duration_text(eta()));
    out_->flush();
  }

  std::ostream* out_;
  bool tty_;
  int total_, done_, done_here_ = 0, failed_ = 0;
  Clock::time_point start_ = Clock::now();
};

std::string csv_number(const json& v, int decimals) {
  return v.is_number() ? fmt::format("{:.{}f}", v.get<double>(), decimals) : "";
}
std::string csv_int(const json& v) {
  return v.is_number_integer() ? std::to_string(v.get<long long>()) : "";
}

// The final table (stdout): a line per molecule in input order; a failure's reason after it.
void print_table(std::ostream& out, const std::vector<json>& records) {
  out << fmt::format("{:<20} {:<10} {:>17} {:>17} {:>17} {:>11}  {}\n", "input", "formula",
                     "HF (Eh)", "VQE (Eh)", "exact (Eh)", "error (mEh)", "status");
  for (const json& r : records) {
    auto text = [&](const char* k) {
      const json v = r.value(k, json());
      return v.is_string() ? v.get<std::string>() : std::string();
    };
    auto number = [&](const char* k, int decimals) {
      return csv_number(r.value(k, json()), decimals);
    };
    const std::string status = text("status"), message = text("message");
    out << fmt::format("{:<20} {:<10} {:>17} {:>17} {:>17} {:>11}  {}{}\n", text("input"),
                       text("formula"), number("hf_energy", 10), number("vqe_energy", 10),
                       number("exact_energy", 10), number("error_mEh", 4), status,
                       status == "ok" || message.empty() ? "" : ": " + message);
  }
}

void write_summaries(const std::string& out_dir, const std::vector<json>& records) {
  std::string csv = csv_line(kSummaryColumns);
  std::map<std::string, std::vector<std::string>> text;
  std::map<std::string, std::vector<double>> numbers;
  std::map<std::string, std::vector<long long>> ints;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const json& r : records) {
    auto s = [&](const char* k) {
      return r.contains(k) && r[k].is_string() ? r[k].get<std::string>() : "";
    };
    auto d = [&](const char* k) {
      return r.contains(k) && r[k].is_number() ? r[k].get<double>() : nan;
    };
    auto i = [&](const char* k) {
      return r.contains(k) && r[k].is_number_integer() ? r[k].get<long long>() : -1LL;
    };
    const json null;
    auto at = [&](const char* k) -> const json& { return r.contains(k) ? r[k] : null; };
    csv += csv_line({s("input"), s("molecule"), s("formula"), csv_int(at("n_electrons")),
                     csv_int(at("n_qubits")), csv_number(at("hf_energy"), 10),
                     csv_number(at("vqe_energy"), 10), csv_number(at("exact_energy"), 10),
                     csv_number(at("error_mEh"), 6), s("status"), s("message"),
                     csv_number(at("seconds"), 3)});
    for (const char* k : {"input", "molecule", "formula", "status", "message"})
      text[k].push_back(s(k));
    for (const char* k : {"hf_energy", "vqe_energy", "exact_energy", "error_mEh", "seconds"})
      numbers[k].push_back(d(k));
    for (const char* k : {"n_electrons", "n_qubits"}) ints[k].push_back(i(k));
  }
  Hdf5Writer h5((fs::path(out_dir) / "summary.h5").string(), true);
  std::vector<TableColumn> columns;
  const std::map<std::string, std::string> units = {{"hf_energy", "hartree"},
                                                    {"vqe_energy", "hartree"},
                                                    {"exact_energy", "hartree"},
                                                    {"error_mEh", "millihartree"},
                                                    {"seconds", "seconds"}};
  for (const std::string& c : kSummaryColumns) {
    if (text.count(c) || records.empty())
      columns.push_back({c, "1", text[c]});
    else if (numbers.count(c))
      columns.push_back({c, units.at(c), numbers[c]});
    else
      columns.push_back({c, "1", ints[c]});
  }
  h5.write_table("summary", columns);
  h5.commit();
  write_file_atomically((fs::path(out_dir) / "summary.csv").string(), csv);
}

}  // namespace

std::vector<ScreenInput> expand_screen_inputs(const std::vector<std::string>& inputs) {
  std::vector<ScreenInput> out;
  for (const std::string& input : inputs) {
    const fs::path p(input);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(p, ec))
        if (e.is_regular_file() && is_molecule_file(e.path())) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const fs::path& f : files)
        out.push_back({f.stem().string(), f.string(), {}, {}, {}, ""});
    } else if (lower_extension(p) == ".csv") {
      try {
        expand_csv(input, out);
      } catch (const Error& e) {
        out.push_back({p.stem().string(), input, {}, {}, {}, e.describe()});
      }
    } else {
      out.push_back({p.stem().string(), input, {}, {}, {}, ""});
    }
  }
  // Unique names in input order, so a resumed run maps every molecule to the same files.
  std::set<std::string> used;
  for (ScreenInput& in : out) {
    if (in.name.empty()) in.name = "molecule";
    std::string name = in.name;
    for (int k = 2; used.count(name); ++k) name = fmt::format("{}-{}", in.name, k);
    used.insert(name);
    in.name = name;
  }
  return out;
}

int run_screen(const std::vector<std::string>& inputs, const std::string& settings_path,
               const std::string& out_dir, const ScreenSettings& settings) {
  const Job job_settings = read_job(settings_path, false);
  if (job_settings.molecule && !job_settings.molecule->atoms.empty())
    throw InputError("the settings job must not have a geometry: it applies to every molecule",
                     {settings_path, 0, "molecule"});
  if (inputs.empty()) throw InputError("no inputs to screen", {"INPUTS", 0, ""});
  const std::vector<ScreenInput> tasks = expand_screen_inputs(inputs);
  const int jobs = settings.jobs > 0
                       ? settings.jobs
                       : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const double memory_limit =
      settings.memory_limit_bytes > 0 ? settings.memory_limit_bytes : default_memory_limit() / jobs;

  const ResumableDirectory dir =
      ResumableDirectory::open(out_dir, "screen", fingerprint({job_settings.text}), "settings file",
                               {"summary.csv", "summary.h5"}, settings.force);

  std::vector<std::string> keys;
  std::vector<std::size_t> pending;
  int skipped = 0, skipped_failed = 0;
  for (std::size_t t = 0; t < tasks.size(); ++t) {
    keys.push_back(molecule_key(tasks[t], job_settings.text));
    const auto rec = dir.record(tasks[t].name);
    if (dir.finished(rec, keys[t])) {
      ++skipped;
      if (rec->value("status", "") != "ok") ++skipped_failed;
    } else {
      pending.push_back(t);
    }
  }
  Progress progress(settings, static_cast<int>(tasks.size()), skipped);
  progress.count_failed_skipped(skipped_failed);
  if (settings.progress && skipped)
    *settings.progress << fmt::format("resuming: {} of {} molecules already done\n", skipped,
                                      tasks.size());

  // Each molecule in its own process: a crash, an abort or the OOM killer takes down one molecule,
  // not the screening, and kill -9 of the parent leaves nothing half-written.
  const pid_t parent = ::getpid();
  std::map<pid_t, std::size_t> running;
  std::size_t next = 0;
  auto finish = [&](std::size_t t, const json& rec) {
    const bool ok = rec.value("status", "") == "ok";
    progress.finished(tasks[t].name, ok, rec.value("seconds", 0.0), rec.value("message", ""));
  };
  while (next < pending.size() || !running.empty()) {
    while (next < pending.size() && static_cast<int>(running.size()) < jobs) {
      const std::size_t t = pending[next++];
      std::cout.flush();
      if (settings.progress) settings.progress->flush();
      const pid_t pid = ::fork();
      if (pid < 0) throw IoError("cannot start a worker process (fork failed)");
      if (pid == 0) {
        // The child dies with the parent, so an interrupted screening leaves no stray workers.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(3);
        int code = 0;
        try {
          json rec = screen_one(tasks[t], job_settings, out_dir, memory_limit);
          rec["key"] = keys[t];
          dir.write_record(tasks[t].name, rec);
        } catch (...) {
          code = 4;  // could not even write the record: the parent records the failure
        }
        ::_exit(code);
      }
      running[pid] = t;
    }
    int status = 0;
    const pid_t done = ::waitpid(-1, &status, WNOHANG);
    if (done == 0 || (done < 0 && errno == EINTR)) {
      progress.tick();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    if (done < 0) break;  // no children left (should not happen while `running` is non-empty)
    const auto it = running.find(done);
    if (it == running.end()) continue;
    const std::size_t t = it->second;
    running.erase(it);
    auto rec = dir.record(tasks[t].name);
    if (!rec || rec->value("key", "") != keys[t]) {
      // The worker died before writing its record: record why, and retry on the next run.
      const std::string why =
          WIFSIGNALED(status)
              ? fmt::format("the worker process was killed by signal {} ({})", WTERMSIG(status),
                            strsignal(WTERMSIG(status)))
              : fmt::format("the worker process exited with code {} without a result",
                            WEXITSTATUS(status));
      rec = json{{"input", tasks[t].name}, {"path", tasks[t].path}, {"status", "failed"},
                 {"message", why},         {"key", keys[t]},        {"retry", true}};
      dir.write_record(tasks[t].name, *rec);
    }
    finish(t, *rec);
  }
  progress.end();

  std::vector<json> records;
  int failed = 0;
  for (const ScreenInput& in : tasks) {
    auto rec = dir.record(in.name);
    if (!rec) rec = json{{"input", in.name}, {"status", "failed"}, {"message", "no result"}};
    if (rec->value("status", "") != "ok") ++failed;
    rec->erase("key");
    rec->erase("retry");
    rec->erase("path");
    rec->erase("result");
    records.push_back(std::move(*rec));
  }
  write_summaries(out_dir, records);
  if (settings.summary) print_table(*settings.summary, records);
  if (settings.progress)
    *settings.progress << fmt::format("screened {} molecules: {} ok, {} failed; summary in {}\n",
                                      tasks.size(), tasks.size() - failed, failed,
                                      (fs::path(out_dir) / "summary.csv").string());
  return failed == 0 ? 0 : 1;
}

}  // namespace qmol
