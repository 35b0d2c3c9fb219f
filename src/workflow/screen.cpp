#include "qmol/workflow/screen.h"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "mpi_workers.h"
#include "progress.h"
#include "qmol/chem/chemical_structure.h"
#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "qmol/io/atomic_file.h"
#include "qmol/io/csv.h"
#include "qmol/io/hdf5_writer.h"
#include "qmol/workflow/job.h"
#include "qmol/workflow/job_input.h"
#include "qmol/workflow/resume.h"
#include "qmol/workflow/run.h"
#include "workers.h"

namespace qmol {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

namespace {

const std::vector<std::string> kSummaryColumns = {
    "input",     "molecule",   "formula",      "smiles",        "n_electrons",      "n_qubits",
    "hf_energy", "vqe_energy", "exact_energy", "casscf_energy", "vqe_dipole_debye", "error_mEh",
    "status",    "message",    "seconds",      "worker"};

bool is_molecule_file(const fs::path& p) {
  return input_kind_of(p.string()).has_value();
}

bool is_csv_list(const fs::path& p) {
  return input_extension(p.string()) == ".csv";
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

// Heavy atoms of an XYZ file; 0 when it cannot be read (the run reports why).
int xyz_heavy_atoms(const std::string& path) {
  try {
    const Molecule m = read_xyz(path);
    return static_cast<int>(std::count_if(m.atoms.begin(), m.atoms.end(),
                                          [](const Atom& a) { return a.atomic_number > 1; }));
  } catch (const Error&) {
    return 0;
  }
}

ScreenInput file_input(const fs::path& path) {
  ScreenInput in;
  in.name = path.stem().string();
  in.path = path.string();
  if (input_kind_of(in.path) == InputKind::xyz) in.cost = xyz_heavy_atoms(in.path);
  return in;
}

// One molecule per input file, or per record of a structure file. A record is named by the SD
// field `name_field`, else (in a file of several) by its title, else by the file and record
// number (FILE-N); a file of one molecule keeps its name. An unreadable structure file is one
// failed entry.
void add_input(ScreenInput in, const std::string& name_field, std::vector<ScreenInput>& out) {
  if (!in.error.empty() || input_kind_of(in.path) != InputKind::structure) {
    out.push_back(std::move(in));
    return;
  }
  std::vector<StructureRecord> records;
  try {
    records = read_structure_records(in.path);
  } catch (const Error& e) {
    in.error = e.describe();
    out.push_back(std::move(in));
    return;
  }
  const std::string stem = fs::path(in.path).stem().string();
  for (std::size_t r = 0; r < records.size(); ++r) {
    ScreenInput one = in;
    one.record = static_cast<int>(r + 1);
    one.fields = records[r].fields;
    one.cost = heavy_atom_count(records[r]);
    const auto field = name_field.empty() ? one.fields.end() : one.fields.find(name_field);
    if (field != one.fields.end() && !field->second.empty())
      one.name = field->second;
    else if (records.size() == 1)
      ;  // a file of one molecule keeps the file's (or the CSV row's) name
    else if (!records[r].title.empty())
      one.name = records[r].title;
    else
      one.name = fmt::format("{}-{}", stem, r + 1);
    out.push_back(std::move(one));
  }
}

void expand_csv(const std::string& csv_path, const std::string& name_field,
                std::vector<ScreenInput>& out) {
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
    add_input(std::move(in), name_field, out);
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
                      in.basis.value_or(""), in.record ? std::to_string(*in.record) : ""});
}

json number_or_null(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

// The job of one molecule: its own input (a job keeps its settings), then the settings file for
// what it leaves unset; a note (a defaulted doublet) goes to `note`.
Job molecule_job(const ScreenInput& in, const SettingsFile& settings, std::string& note) {
  if (!in.error.empty()) throw InputError(in.error);
  JobInput input =
      load_job_input(in.path, {in.charge, in.multiplicity, in.basis, in.record}, &settings);
  if (!input.job.molecule)
    throw InputError("the job has no molecule to screen", {in.path, 0, "molecule"});
  if (!input.notes.empty()) note = "note: " + input.notes.front();
  input.job.name = in.name;
  return std::move(input.job);
}

// Runs one molecule and returns its record; never throws (a failure is a record).
json screen_one(const ScreenInput& in, const SettingsFile& settings, const std::string& out_dir,
                double memory_limit) {
  const auto t0 = Clock::now();
  json rec = {{"input", in.name},
              {"path", in.path},
              {"status", "failed"},
              {"message", ""},
              {"fields", in.fields}};
  try {
    std::string note;
    Job job = molecule_job(in, settings, note);
    const Molecule& m = *job.molecule;
    rec["molecule"] = m.name;
    rec["formula"] = m.formula();
    if (!m.smiles.empty()) rec["smiles"] = m.smiles;
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
    rec["casscf_energy"] = number_or_null(
        r.orbital_optimization && r.orbital_optimization->solver == OrbitalSolver::exact
            ? r.orbital_optimization->energy
            : nan);
    rec["vqe_dipole_debye"] = number_or_null(r.vqe_properties && r.vqe_properties->dipole_debye
                                                 ? r.vqe_properties->dipole_debye->norm()
                                                 : nan);
    rec["error_mEh"] = number_or_null(r.vqe && r.vqe->error ? 1e3 * *r.vqe->error : nan);
    write_hdf5((fs::path(out_dir) / (in.name + ".h5")).string(), r, true);
    rec["result"] = in.name + ".h5";
    rec["status"] = "ok";  // a non-converged SCF throws
    rec["message"] = r.vqe && !r.vqe->result.converged ? "VQE did not converge" : note;
  } catch (const Error& e) {
    rec["message"] = e.describe();
  } catch (const std::exception& e) {
    rec["message"] = fmt::format("internal error: {}", e.what());
  }
  rec["seconds"] = std::chrono::duration<double>(Clock::now() - t0).count();
  return rec;
}

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

// summary.csv and summary.h5: kSummaryColumns, then the kept SD fields.
void write_summaries(const std::string& out_dir, const std::vector<json>& records,
                     const std::vector<std::string>& keep_fields) {
  std::vector<std::string> header = kSummaryColumns;
  header.insert(header.end(), keep_fields.begin(), keep_fields.end());
  std::string csv = csv_line(header);
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
    std::vector<std::string> row = {s("input"),
                                    s("molecule"),
                                    s("formula"),
                                    s("smiles"),
                                    csv_int(at("n_electrons")),
                                    csv_int(at("n_qubits")),
                                    csv_number(at("hf_energy"), 10),
                                    csv_number(at("vqe_energy"), 10),
                                    csv_number(at("exact_energy"), 10),
                                    csv_number(at("casscf_energy"), 10),
                                    csv_number(at("vqe_dipole_debye"), 6),
                                    csv_number(at("error_mEh"), 6),
                                    s("status"),
                                    s("message"),
                                    csv_number(at("seconds"), 3),
                                    s("worker")};
    for (const std::string& f : keep_fields) {
      const json& fields = at("fields");
      row.push_back(fields.is_object() && fields.contains(f) && fields[f].is_string()
                        ? fields[f].get<std::string>()
                        : "");
      text[f].push_back(row.back());
    }
    csv += csv_line(row);
    for (const char* k : {"input", "molecule", "formula", "smiles", "status", "message", "worker"})
      text[k].push_back(s(k));
    for (const char* k : {"hf_energy", "vqe_energy", "exact_energy", "casscf_energy",
                          "vqe_dipole_debye", "error_mEh", "seconds"})
      numbers[k].push_back(d(k));
    for (const char* k : {"n_electrons", "n_qubits"}) ints[k].push_back(i(k));
  }
  Hdf5Writer h5((fs::path(out_dir) / "summary.h5").string(), true);
  std::vector<TableColumn> columns;
  const std::map<std::string, std::string> units = {
      {"hf_energy", "hartree"},     {"vqe_energy", "hartree"},     {"exact_energy", "hartree"},
      {"casscf_energy", "hartree"}, {"vqe_dipole_debye", "debye"}, {"error_mEh", "millihartree"},
      {"seconds", "seconds"}};
  for (const std::string& c : header) {
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

std::vector<ScreenInput> expand_screen_inputs(const std::vector<std::string>& inputs,
                                              const std::string& name_field) {
  std::vector<ScreenInput> out;
  for (const std::string& input : inputs) {
    const fs::path p(input);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(p, ec))
        if (e.is_regular_file() && is_molecule_file(e.path())) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const fs::path& f : files) add_input(file_input(f), name_field, out);
    } else if (is_csv_list(p)) {
      try {
        expand_csv(input, name_field, out);
      } catch (const Error& e) {
        ScreenInput bad = file_input(p);
        bad.error = e.describe();
        out.push_back(std::move(bad));
      }
    } else {
      add_input(file_input(p), name_field, out);
    }
  }
  // Unique names in input order, so a resumed run maps every molecule to the same files. A name
  // is a file name in DIR: titles and SD fields may hold slashes or start with a dot.
  std::set<std::string> used;
  for (ScreenInput& in : out) {
    for (char& c : in.name)
      if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';
    if (in.name.empty()) in.name = "molecule";
    if (in.name.front() == '.') in.name.insert(0, "_");
    std::string name = in.name;
    for (int k = 2; used.count(name); ++k) name = fmt::format("{}-{}", in.name, k);
    used.insert(name);
    in.name = name;
  }
  return out;
}

int screen_rank() {
  return MpiWorld::get().rank();
}

int run_screen(const std::vector<std::string>& inputs, const std::string& settings_path,
               const std::string& out_dir, const ScreenSettings& settings) {
  const Job job_settings = read_job(settings_path, false);
  if (job_settings.molecule && !job_settings.molecule->atoms.empty())
    throw InputError("the settings job must not have a geometry: it applies to every molecule",
                     {settings_path, 0, "molecule"});
  const SettingsFile settings_file{settings_path, job_settings.text};
  const Location inputs_at{inputs.size() == 1 ? inputs.front() : "INPUTS", 0, ""};
  if (inputs.empty()) throw InputError("no inputs to screen", inputs_at);
  const std::vector<ScreenInput> tasks = expand_screen_inputs(inputs, settings.name_field);
  if (tasks.empty())
    throw InputError(fmt::format("no molecules to screen: no {} files (directories are not "
                                 "searched recursively) and no CSV rows",
                                 input_extensions()),
                     inputs_at);
  if (settings.jobs < 0)
    throw InputError(fmt::format("must be at least 1, got {}", settings.jobs), {"--jobs", 0, ""});
  if (settings.threads < 0)
    throw InputError(fmt::format("must be at least 1, got {}", settings.threads),
                     {"--threads", 0, ""});
  if (settings.retries < 0)
    throw InputError(fmt::format("must be at least 0, got {}", settings.retries),
                     {"--retries", 0, ""});
  // Under mpirun rank 0 coordinates and every other rank is one worker; otherwise a process pool.
  const MpiWorld& world = MpiWorld::get();
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const int workers_count = world.distributed() ? world.size() - 1
                            : settings.jobs > 0 ? settings.jobs
                                                : cores;
  const double memory_limit = settings.memory_limit_bytes > 0
                                  ? settings.memory_limit_bytes
                                  : default_memory_limit() / workers_count;

  // DIR is checked and prepared by rank 0 alone; the worker ranks use it once that succeeded
  // (else rank 0 reports the error and they stop quietly).
  std::optional<ResumableDirectory> opened;
  if (world.rank() == 0) {
    try {
      opened =
          ResumableDirectory::open(out_dir, "screen", fingerprint({job_settings.text}),
                                   "settings file", {"summary.csv", "summary.h5"}, settings.force);
    } catch (...) {
      world.broadcast(0);
      throw;
    }
    world.broadcast(1);
  } else if (world.broadcast(0) == 0) {
    return 2;
  }
  const ResumableDirectory dir = opened ? *opened : ResumableDirectory::attach(out_dir);

  std::vector<std::string> keys;
  for (const ScreenInput& in : tasks) keys.push_back(molecule_key(in, job_settings.text));
  const auto worker_name = [&](int slot) {
    return world.distributed() ? mpi_worker_name(world, slot) : fmt::format("pool:{}", slot);
  };
  // OpenMP threads per molecule: --threads, else the cores shared among the workers on this
  // machine (the process pool's slots, or the worker ranks on this host), so that they do not
  // oversubscribe the cores.
  int workers_here = workers_count;
  if (world.distributed()) {
    workers_here = 0;
    for (int r = 1; r < world.size(); ++r)
      workers_here += world.host(r) == world.host(world.rank());
  }
  const int threads =
      settings.threads > 0 ? settings.threads : std::max(1, cores / std::max(1, workers_here));
  // One molecule, in a child process of its worker; it writes its own record.
  const WorkFunction work = [&](std::size_t t, int slot) {
    omp_set_num_threads(threads);
    json rec = screen_one(tasks[t], settings_file, out_dir, memory_limit);
    rec["key"] = keys[t];
    rec["worker"] = worker_name(slot);
    dir.write_record(tasks[t].name, rec);
  };
  if (world.rank() > 0) {
    serve_mpi_items(world, work);
    return 0;
  }

  std::vector<std::size_t> pending;
  int skipped = 0, skipped_failed = 0;
  for (std::size_t t = 0; t < tasks.size(); ++t) {
    const auto rec = dir.record(tasks[t].name);
    if (dir.finished(rec, keys[t])) {
      ++skipped;
      if (rec->value("status", "") != "ok") ++skipped_failed;
    } else {
      pending.push_back(t);
    }
  }
  // Largest first, so that one big molecule does not finish last while the other workers idle.
  std::stable_sort(pending.begin(), pending.end(),
                   [&](std::size_t a, std::size_t b) { return tasks[a].cost > tasks[b].cost; });
  Progress progress(settings.progress, settings.progress_is_tty, static_cast<int>(tasks.size()),
                    skipped, skipped_failed);
  if (settings.progress && world.distributed())
    *settings.progress << fmt::format("coordinating {} MPI worker ranks\n", workers_count);
  if (settings.progress && skipped)
    *settings.progress << fmt::format("resuming: {} of {} molecules already done\n", skipped,
                                      tasks.size());

  // A worker that dies before writing its record: run again while --retries allow, else
  // recorded as failed here (and retried on the next run).
  std::vector<int> retries_left(tasks.size(), settings.retries);
  const auto done = [&](const FinishedItem& f) {
    const std::size_t t = f.item;
    auto rec = dir.record(tasks[t].name);
    if (!rec || rec->value("key", "") != keys[t]) {
      if (retries_left[t]-- > 0) return true;
      rec = json{{"input", tasks[t].name},
                 {"path", tasks[t].path},
                 {"status", "failed"},
                 {"message", f.exit.describe() + (f.exit.signaled ? "" : " without a result")},
                 {"key", keys[t]},
                 {"worker", worker_name(f.slot)},
                 {"retry", true}};
      dir.write_record(tasks[t].name, *rec);
    }
    progress.finished(tasks[t].name, rec->value("status", "") == "ok", rec->value("seconds", 0.0),
                      rec->value("message", ""));
    return false;
  };
  {
    std::unique_ptr<Workers> workers;
    if (world.distributed())
      workers = std::make_unique<MpiWorkers>(world);
    else
      workers = std::make_unique<ProcessPool>(workers_count, work);
    schedule(pending, *workers, done, [&] { progress.tick(); });
  }  // the MPI worker ranks are told to stop here
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
    if (settings.keep_fields.empty()) rec->erase("fields");
    records.push_back(std::move(*rec));
  }
  write_summaries(out_dir, records, settings.keep_fields);
  if (settings.summary) print_table(*settings.summary, records);
  if (settings.progress)
    *settings.progress << fmt::format("screened {} molecules: {} ok, {} failed; summary in {}\n",
                                      tasks.size(), tasks.size() - failed, failed,
                                      (fs::path(out_dir) / "summary.csv").string());
  return failed == 0 ? 0 : 1;
}

}  // namespace qmol
