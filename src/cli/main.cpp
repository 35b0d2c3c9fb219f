// The qmol command line: parses arguments and calls the workflow; all work happens in the library.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "qmol/core/version.h"
#include "qmol/io/atomic_file.h"
#include "qmol/io/json_summary.h"
#include "qmol/io/output_path.h"
#include "qmol/workflow/circuit_command.h"
#include "qmol/workflow/embed_command.h"
#include "qmol/workflow/hamiltonian_command.h"
#include "qmol/workflow/job.h"
#include "qmol/workflow/job_input.h"
#include "qmol/workflow/memory_size.h"
#include "qmol/workflow/run.h"
#include "qmol/workflow/scan.h"
#include "qmol/workflow/screen.h"

namespace {

// The same in every command (README, "Errors"): 0 success; 1 a computation that failed; 2 bad
// input, bad usage, refused resources, an output that exists without --force.
enum ExitCode { kOk = 0, kFailed = 1, kBadInput = 2 };

// "-" as an output file: the command's data goes to stdout, and its report to stderr.
constexpr const char* kStdout = "-";

// --memory beyond the machine would let a job start that the machine cannot hold.
double memory_limit_option(const std::string& text) {
  if (text.empty()) return 0.0;  // each command's default
  const double bytes = qmol::parse_memory_size(text);
  const double physical = qmol::physical_memory_bytes();
  if (bytes > physical)
    throw qmol::InputError(fmt::format("{} is more than the machine's {:.1f} GiB of "
                                       "physical memory",
                                       text, physical / (1ull << 30)),
                           {"--memory", 0, ""});
  return bytes;
}

// A named option's enum value; the error names the option.
template <typename E>
E option_value(const char* option, const std::string& value) {
  try {
    return qmol::from_string<E>(value);
  } catch (const qmol::InputError& e) {
    throw qmol::InputError(e.what(), {option, 0, ""});
  }
}

// Reads INPUT of any kind; --charge/--multiplicity/--basis apply to a plain geometry (a job file
// sets them in [molecule]). The notes (a defaulted doublet) go to stderr.
qmol::Job load_input(const std::string& path, const qmol::MoleculeOverrides& overrides) {
  using namespace qmol;
  if (input_kind(path) == InputKind::job && !overrides.empty())
    throw InputError(
        "--charge, --multiplicity and --basis apply to .xyz and structure input; set them in the "
        "job's [molecule]",
        {path, 0, ""});
  JobInput input = load_job_input(path, overrides);
  for (const std::string& note : input.notes) std::cerr << "note: " << note << "\n";
  return std::move(input.job);
}

// The file the command was run on, to place errors that do not know their file.
std::string input_of(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands())
    for (const char* name : {"INPUT", "JOB"})
      if (const CLI::Option* o = sub->get_option_no_throw(name); o && o->count())
        return o->as<std::string>();
  return "";
}

std::string describe(const qmol::Error& e, const std::string& input) {
  if (!e.where().file.empty() || input.empty()) return e.describe();
  return input + ": " + e.what();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace qmol;
  // Line by line even into a file or a pipe, so a log shows progress during a long SCF and keeps
  // every finished line after Ctrl-C. std::cout writes through stdio (sync_with_stdio), so this
  // one setting covers it and fmt::print alike.
  std::setvbuf(stdout, nullptr, _IOLBF, BUFSIZ);
  CLI::App app{"qmol: ground-state energies of molecules with the variational quantum eigensolver"};
  app.set_version_flag("--version", fmt::format("qmol {} ({})", kVersion, kGitCommit));
  app.require_subcommand(1);
  std::string memory;

  // qmol run
  CLI::App* run =
      app.add_subcommand("run", "run a job file (or an .xyz file) through the pipeline");
  std::string input, json_path, hdf5_path, xyz_path, basis;
  std::optional<int> charge, multiplicity;
  bool force = false, quiet = false;
  run->add_option("INPUT", input,
                  "job file (.toml), geometry (.xyz) or structure (.smi, .sdf, ...)")
      ->required();
  run->add_option("--json", json_path, "write a JSON summary to FILE, - for stdout");
  run->add_option("--hdf5", hdf5_path, "write every result to an HDF5 file");
  run->add_option("--xyz", xyz_path, "write the geometry used (embedded or read) as an XYZ file");
  run->add_flag("--force", force, "overwrite existing output files");
  run->add_option("--charge", charge, "total charge (for .xyz input)");
  run->add_option("--multiplicity", multiplicity, "spin multiplicity 2S+1 (for .xyz input)");
  run->add_option("--basis", basis, "basis set (for .xyz input; default sto-3g)");
  run->add_option("--memory", memory,
                  "memory limit for simulator states, e.g. 8G (default: half the RAM)");
  run->add_flag("--quiet", quiet, "print only the final result table");
  bool optimize = false;
  run->add_flag("--optimize", optimize,
                "peephole-optimize the circuit ([output] qasm and the JSON circuit counts)");

  // qmol circuit
  CLI::App* circ = app.add_subcommand(
      "circuit", "write the OpenQASM circuit of a job's VQE state (trained, or --initial)");
  std::string circuit_job, circuit_format = "qasm2", circuit_output = kStdout, circuit_ham;
  bool initial = false;
  circ->add_option("JOB", circuit_job, "job file (.toml) with an [ansatz]")->required();
  circ->add_option("--format", circuit_format, "qasm2 | qasm3 (default qasm2)");
  circ->add_option("--output", circuit_output, "write the circuit to FILE, - for stdout (default)");
  circ->add_option("--hamiltonian", circuit_ham,
                   "write the register's qubit Hamiltonian (OpenFermion text) to FILE");
  circ->add_option("--json", json_path, "write a JSON summary to FILE, - for stdout");
  circ->add_flag("--initial", initial, "the circuit at the initial parameters (no training)");
  circ->add_flag("--optimize", optimize, "merge adjacent rotations and cancel inverse pairs");
  circ->add_flag("--force", force, "overwrite existing output files");
  circ->add_option("--memory", memory, "memory limit, e.g. 8G");
  circ->add_flag("--quiet", quiet, "no report");

  // qmol hamiltonian
  CLI::App* ham =
      app.add_subcommand("hamiltonian", "build and write the qubit Hamiltonian of a job");
  std::string ham_job, mapping, format = "openfermion", output, fcidump;
  bool two_qubit_reduction = false, taper = false;
  ham->add_option("INPUT", ham_job, "job file (.toml) or geometry (.xyz)")->required();
  ham->add_option("--mapping", mapping,
                  "jordan-wigner | bravyi-kitaev | parity (default: the job's)");
  ham->add_flag("--two-qubit-reduction", two_qubit_reduction,
                "parity mapping with two qubits removed");
  ham->add_flag("--taper", taper,
                "Z2 symmetry tapering in the reference's sector (hamiltonian.taper)");
  ham->add_option("--format", format, "openfermion | json");
  ham->add_option("--output", output,
                  "write the qubit Hamiltonian to FILE, - for stdout (default: no file)");
  ham->add_option("--charge", charge, "total charge (for .xyz input)");
  ham->add_option("--multiplicity", multiplicity, "spin multiplicity 2S+1 (for .xyz input)");
  ham->add_option("--basis", basis, "basis set (for .xyz input; default sto-3g)");
  ham->add_option("--fcidump", fcidump, "write the active-space integrals as an FCIDUMP file");
  ham->add_flag("--force", force, "overwrite existing output files");
  ham->add_option("--memory", memory, "memory limit, e.g. 8G");
  ham->add_flag("--quiet", quiet, "print only the final counts");

  // qmol scan
  CLI::App* scan = app.add_subcommand("scan", "potential-energy scan along [scan] of a job");
  std::string scan_job, out_dir;
  scan->add_option("JOB", scan_job, "job file with a [scan] section")->required();
  scan->add_option("--out", out_dir, "output directory (scan.h5, scan.csv)")->required();
  scan->add_flag("--force", force,
                 "recompute every point, replacing what DIR holds (default: resume)");
  scan->add_option("--memory", memory, "memory limit, e.g. 8G");
  scan->add_flag("--quiet", quiet, "print only the final table of points");

  // qmol screen
  CLI::App* screen = app.add_subcommand("screen", "run one settings job over many molecules");
  std::vector<std::string> inputs;
  std::string settings;
  std::optional<int> jobs;
  std::optional<int> screen_threads;
  int screen_retries = 0;
  screen->add_option("INPUTS", inputs, "job files, .xyz files, directories, or a CSV list")
      ->required();
  screen->add_option("--settings", settings, "job file without geometry applied to every molecule")
      ->required();
  screen->add_option("--out", out_dir, "output directory")->required();
  screen->add_option("--jobs", jobs, "molecules run in parallel (default: the core count)");
  screen->add_option("--memory", memory, "memory limit per molecule, e.g. 4G");
  screen->add_option("--threads", screen_threads, "OpenMP threads per molecule");
  screen->add_option("--retries", screen_retries,
                     "runs again of a molecule whose worker died (default 0)");
  screen->add_flag("--force", force,
                   "recompute every molecule, replacing what DIR holds (default: resume)");
  screen->add_flag("--quiet", quiet, "no progress display; print only the final table");
  std::string name_field, keep_fields;
  screen->add_option("--name-field", name_field,
                     "name each SD record by this data field (default: its title line)");
  screen->add_option("--keep-fields", keep_fields,
                     "SD data fields copied into summary.csv, comma-separated (e.g. ID,IC50)");

  // qmol embed
  CLI::App* embed = app.add_subcommand(
      "embed", "write structure files as qmol uses them (hydrogens, 3D) into one SD file");
  std::vector<std::string> embed_inputs;
  std::string embed_output;
  std::uint32_t seed = StructureOptions{}.seed;
  std::optional<int> conformers;
  embed->add_option("INPUTS", embed_inputs, "structure files (.smi, .sdf, .mol2, .pdb)")
      ->required();
  embed->add_option("--output", embed_output, "the SD file to write")->required();
  embed->add_option("--seed", seed, "ETKDGv3 random seed (default: qmol's fixed seed)");
  embed->add_option("--conformers", conformers, "conformers embedded; the lowest is kept");
  embed->add_flag("--force", force, "overwrite an existing output file");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "error: " << e.what() << " (see qmol --help)\n";
    return kBadInput;
  }

  try {
    const double memory_limit = memory_limit_option(memory);
    const MoleculeOverrides overrides{
        charge, multiplicity, basis.empty() ? std::nullopt : std::optional(basis), std::nullopt};
    if (*run) {
      Job job = load_input(input, overrides);
      if (!hdf5_path.empty()) job.output.hdf5 = hdf5_path;
      if (job.output.hdf5 == kStdout)
        throw InputError("HDF5 results cannot go to stdout; give a file name", {"--hdf5", 0, ""});
      const bool json_to_stdout = json_path == kStdout;
      if (xyz_path == kStdout)
        throw InputError("the XYZ file cannot go to stdout; give a file name", {"--xyz", 0, ""});
      if (!xyz_path.empty() && !job.molecule)
        throw InputError("an FCIDUMP job has no geometry to write", {"--xyz", 0, ""});
      // With the JSON on stdout, the report goes to stderr.
      std::ostream& report = json_to_stdout ? std::cerr : std::cout;
      RunOptions options;
      options.memory_limit_bytes = memory_limit;
      options.log = quiet ? nullptr : &report;
      options.summary = quiet ? &report : nullptr;
      options.optimize_circuit = optimize;
      const RunResult result =
          run_job_with_outputs(job, options, force, {json_to_stdout ? "" : json_path, xyz_path});
      if (!xyz_path.empty()) write_file_atomically(xyz_path, xyz_text(*job.molecule));
      if (json_to_stdout)
        std::cout << json_summary(result).dump(2) << std::endl;
      else if (!json_path.empty())
        write_json_summary(json_path, result);
      return kOk;
    }
    if (*ham) {
      HamiltonianCommand command;
      command.format = option_value<HamiltonianFormat>("--format", format);
      command.job = load_input(ham_job, overrides);
      command.mapping = mapping;
      command.two_qubit_reduction = two_qubit_reduction;
      command.taper = taper;
      command.output = output;
      command.fcidump = fcidump;
      command.force = force;
      command.memory_limit_bytes = memory_limit;
      // With the Hamiltonian on stdout, the report and the counts go to stderr.
      std::ostream& report = output == kStdout ? std::cerr : std::cout;
      command.log = quiet ? nullptr : &report;
      return run_hamiltonian_command(command, report, std::cout);
    }
    if (*circ) {
      CircuitCommand command;
      command.job = load_input(circuit_job, {});
      command.format = option_value<QasmFormat>("--format", circuit_format);
      command.output = circuit_output;
      command.hamiltonian = circuit_ham;
      command.json = json_path;
      command.initial = initial;
      command.optimize = optimize;
      command.force = force;
      command.memory_limit_bytes = memory_limit;
      // With the circuit or the JSON on stdout, the report goes to stderr.
      std::ostream& report =
          circuit_output == kStdout || json_path == kStdout ? std::cerr : std::cout;
      command.log = quiet ? nullptr : &report;
      return run_circuit_command(command, std::cout);
    }
    if (*scan) {
      ScanSettings s;
      s.memory_limit_bytes = memory_limit;
      s.force = force;
      s.log = quiet ? nullptr : &std::cout;
      s.summary = &std::cout;
      return run_scan(load_input(scan_job, {}), out_dir, s);
    }
    if (*screen) {
      if (jobs && *jobs < 1)
        throw InputError(
            fmt::format("must be at least 1, got {} (leave it out for one per core)", *jobs),
            {"--jobs", 0, ""});
      ScreenSettings s;
      s.jobs = jobs.value_or(0);
      s.memory_limit_bytes = memory_limit;
      s.force = force;
      s.progress = quiet ? nullptr : &std::cerr;
      s.progress_is_tty = ::isatty(STDERR_FILENO) != 0;
      s.summary = &std::cout;
      s.name_field = name_field;
      s.threads = screen_threads.value_or(0);
      if (screen_threads && *screen_threads < 1)
        throw InputError(fmt::format("must be at least 1, got {}", *screen_threads),
                         {"--threads", 0, ""});
      s.retries = screen_retries;
      for (std::size_t b = 0; b <= keep_fields.size();) {
        const std::size_t e = std::min(keep_fields.find(',', b), keep_fields.size());
        if (e > b) s.keep_fields.push_back(keep_fields.substr(b, e - b));
        b = e + 1;
      }
      return run_screen(inputs, settings, out_dir, s);
    }
    if (*embed) {
      if (conformers && (*conformers < 1 || *conformers > 1000))
        throw InputError(fmt::format("must be 1 to 1000, got {}", *conformers),
                         {"--conformers", 0, ""});
      StructureOptions o;
      o.seed = seed;
      o.conformers = conformers;
      const int n = run_embed(embed_inputs, embed_output, o, force);
      if (!quiet) std::cerr << fmt::format("wrote {} molecules to {}\n", n, embed_output);
      return kOk;
    }
  } catch (const InputError& e) {
    // The ranks of an MPI screening all meet a bad input; rank 0 reports it.
    if (!*screen || screen_rank() == 0)
      std::cerr << "error: " << describe(e, input_of(app)) << "\n";
    return kBadInput;
  } catch (const Error& e) {
    if (!*screen || screen_rank() == 0)
      std::cerr << "error: " << describe(e, input_of(app)) << "\n";
    return kFailed;
  } catch (const std::bad_alloc&) {
    std::cerr << "error: out of memory; lower the job's size or raise --memory only if the "
                 "machine has it\n";
    return kFailed;
  } catch (const std::exception& e) {
    std::cerr << "error: internal error: " << e.what() << "\n";
    return kFailed;
  }
  return kOk;
}
