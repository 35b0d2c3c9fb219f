#include "qmol/workflow/job.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cmath>
#include <filesystem>

#include "job_table.h"
#include "qmol/chem/chemical_structure.h"
#include "qmol/chem/xyz.h"
#include "qmol/core/data_path.h"
#include "qmol/core/units.h"
#include "qmol/io/atomic_file.h"
#include "qmol/workflow/job_section.h"
#include "qmol/workflow/job_validation.h"

namespace qmol {
namespace fs = std::filesystem;
namespace {

const std::vector<std::string> kSections = {"molecule",
                                            "scf",
                                            "active_space",
                                            "hamiltonian",
                                            "exact",
                                            "ansatz",
                                            "vqe",
                                            "optimizer",
                                            "output",
                                            "scan",
                                            "fcidump",
                                            "excited",
                                            "orbital_optimization",
                                            "estimator",
                                            "noise",
                                            "mitigation"};

// Relative to the file that gave the key (a screening settings file or the molecule's job).
std::string resolve(const std::string& relative, const std::string& job_path) {
  fs::path p(relative);
  if (p.is_absolute() || job_path.empty()) return p.string();
  return (fs::path(job_path).parent_path() / p).lexically_normal().string();
}

int checked_int(JobSection& s, const std::string& key, long long v, long long lo, long long hi) {
  if (v < lo || v > hi)
    s.fail(key, fmt::format("{}.{} = {} is out of range ({} to {})", s.name(), key, v, lo, hi));
  return static_cast<int>(v);
}

// Errors of an options struct's check() (field "section.key") placed at the key.
template <typename Check>
void checked_at_keys(JobSection& s, Check check) {
  try {
    check();
  } catch (const InputError& e) {
    throw InputError(e.what(), s.where(e.where().field.substr(e.where().field.find('.') + 1)));
  }
}

// The record of a structure file that the job means: `record` (from 1), else the only one, else
// the one whose title is `name`.
StructureRecord pick_record(JobSection& s, const std::string& path) {
  std::vector<StructureRecord> records = read_structure_records(path);
  if (auto k = s.integer("record")) {
    if (*k < 1 || *k > static_cast<long long>(records.size()))
      s.fail("record", fmt::format("molecule.record = {}, but {} holds {} molecule(s) (records "
                                   "count from 1)",
                                   *k, path, records.size()));
    return std::move(records[*k - 1]);
  }
  if (records.size() == 1) return std::move(records.front());
  if (auto name = s.string("name")) {
    std::string titles;
    for (StructureRecord& r : records) {
      if (r.title == *name) return std::move(r);
      if (titles.size() < 200)
        titles += (titles.empty() ? "" : ", ") + fmt::format("\"{}\"", r.title);
    }
    s.fail("name", fmt::format("no molecule named \"{}\" in {} (its names: {}{})", *name, path,
                               titles, titles.size() >= 200 ? ", ..." : ""));
  }
  throw InputError(fmt::format("{} holds {} molecules: pick one with [molecule] record = N (from "
                               "1) or name = \"...\", or screen them all with qmol screen",
                               path, records.size()),
                   s.where("geometry"));
}

StructureOptions read_structure_options(JobSection& s) {
  StructureOptions o;
  if (auto v = s.integer("seed"))
    o.seed = static_cast<std::uint32_t>(checked_int(s, "seed", *v, 0, 2147483647));
  if (auto v = s.integer("conformers")) o.conformers = checked_int(s, "conformers", *v, 1, 1000);
  if (auto v = s.boolean("add_hydrogens")) o.add_hydrogens = *v;
  return o;
}

void read_molecule(JobSection s, Job& job, bool require_geometry, std::vector<std::string>* notes) {
  Molecule m;
  // What the inputs give, in rising precedence (the XYZ comment line, then the job's keys), and
  // where each value was set, for the error when the combination is impossible.
  std::optional<int> charge, multiplicity;
  Location charge_at, multiplicity_at;
  const auto geometry = s.string("geometry");
  const auto smiles = s.string("smiles");
  const toml::node* atoms = s.node("atoms");
  const auto units = s.string("units");
  double to_bohr = kAngstromInBohr;
  if (units) {
    if (*units == "bohr")
      to_bohr = 1.0;
    else if (*units != "angstrom")
      s.fail("units",
             fmt::format("molecule.units must be \"angstrom\" or \"bohr\", got \"{}\"", *units));
  }
  if (int(geometry.has_value()) + int(atoms != nullptr) + int(smiles.has_value()) > 1)
    s.fail(smiles ? "smiles" : "atoms",
           "give one of molecule.geometry, molecule.atoms and molecule.smiles");
  const std::string geometry_file =
      geometry ? resolve(*geometry, s.where("geometry").file) : std::string();
  // A chemical structure (SMILES, SD, MOL2, PDB) rather than coordinates as they stand.
  const bool structure = smiles || (geometry && structure_format_of(geometry_file));
  // Keys of the molecule's own job (not of a screening's settings, which serve every input).
  auto own = [&](const char* key) { return s.node(key) && s.where(key).file == job.path; };
  if (!structure)
    for (const char* key : {"record", "seed", "conformers", "add_hydrogens"})
      if (own(key))
        s.fail(key, fmt::format("molecule.{} applies to SMILES and structure files (.smi, .sdf, "
                                ".mol, .mol2, .pdb)",
                                key));
  std::optional<ChemicalStructure> read;
  if (structure) {
    if (units) s.fail("units", "molecule.units applies to inline atoms");
    const StructureOptions options = read_structure_options(s);
    read = interpret_structure(
        smiles ? smiles_record(*smiles, s.where("smiles")) : pick_record(s, geometry_file),
        options);
    if (!read->embedded && own("conformers"))
      s.fail("conformers", fmt::format("molecule.conformers applies to structures without 3D "
                                       "coordinates, and {} has them: remove conformers",
                                       geometry_file));
    m = read->molecule;
    if (m.name.empty()) m.name = fs::path(smiles ? job.path : geometry_file).stem().string();
  } else if (geometry) {
    if (units && *units == "bohr")
      s.fail("units", "molecule.units applies to inline atoms; XYZ files are in Angstrom");
    XyzFrame frame = read_xyz_frame(geometry_file);
    m = std::move(frame.molecule);
    if ((charge = frame.charge)) charge_at = {geometry_file, frame.comment_line, "charge"};
    if ((multiplicity = frame.multiplicity))
      multiplicity_at = {geometry_file, frame.comment_line, "multiplicity"};
  } else if (atoms) {
    const int line = s.where("atoms").line;
    if (auto text = atoms->value<std::string>(); text && atoms->is_string()) {
      // A multi-line string's text starts on the line after the opening quotes.
      m.atoms = parse_atom_lines(*text, to_bohr, job.path, text->find('\n') == 0 ? line : line + 1);
    } else if (const toml::array* list = atoms->as_array()) {
      for (const toml::node& e : *list) {
        if (!e.is_string())
          s.fail("atoms", "molecule.atoms must hold strings like \"O 0.0 0.0 0.0\"");
        auto more = parse_atom_lines(*e.value<std::string>(), to_bohr, job.path,
                                     static_cast<int>(e.source().begin.line));
        m.atoms.insert(m.atoms.end(), more.begin(), more.end());
      }
    } else {
      s.fail("atoms", "molecule.atoms must be a string of lines \"El x y z\" or a list of them");
    }
    m.name = fs::path(job.path).stem().string();
  } else if (require_geometry) {
    throw InputError(
        "[molecule] needs geometry = \"FILE\" (.xyz, .sdf, .mol2, .pdb, .smi), "
        "smiles = \"...\" or atoms = \"\"\"El x y z ...\"\"\"",
        s.present() ? s.where("geometry") : Location{job.path, 0, "molecule"});
  }
  if (auto v = s.integer("charge")) {
    charge = checked_int(s, "charge", *v, -1000, 1000);
    charge_at = s.where("charge");
    if (read && *charge != read->molecule.charge)
      s.fail("charge", fmt::format("molecule.charge = {} disagrees with the structure, whose "
                                   "formal charges sum to {}; remove charge or fix the structure",
                                   *charge, read->molecule.charge));
  }
  if (auto v = s.integer("multiplicity")) {
    multiplicity = checked_int(s, "multiplicity", *v, 1, 1000);
    multiplicity_at = s.where("multiplicity");
    if (read && *multiplicity != read->molecule.multiplicity)
      s.fail(
          "multiplicity",
          fmt::format("molecule.multiplicity = {} disagrees with the structure, whose {} "
                      "radical electron(s) give multiplicity {}; remove multiplicity or fix "
                      "the structure",
                      *multiplicity, read->molecule.multiplicity - 1, read->molecule.multiplicity));
  }
  if (read) {
    charge = read->molecule.charge;
    multiplicity = read->molecule.multiplicity;
    if (!charge_at.line) charge_at = s.where(smiles ? "smiles" : "geometry");
    if (!multiplicity_at.line) multiplicity_at = charge_at;
  }
  if (auto v = s.string("name")) m.name = *v;
  if (auto v = s.string("basis")) job.basis = *v;
  s.finish();
  m.charge = charge.value_or(0);
  if (geometry || atoms || smiles) {
    // No multiplicity anywhere: the lowest the electron count allows, said when it is a doublet.
    m.multiplicity = multiplicity.value_or(default_multiplicity(m.n_electrons()));
    m.validate_geometry({geometry ? geometry_file : job.path, 0, ""});
    m.validate_spin(multiplicity ? multiplicity_at
                    : charge     ? charge_at
                                 : Location{job.path, 0, ""});
    if (!multiplicity && m.multiplicity != 1 && notes)
      notes->push_back(
          fmt::format("{}: odd electron count ({}): multiplicity 2 (doublet); set "
                      "--multiplicity or [molecule] multiplicity to change",
                      s.where("multiplicity").str(), m.n_electrons()));
    job.name = m.name;
    job.molecule = std::move(m);
  } else if (charge || multiplicity) {
    // Screening settings may carry charge and multiplicity for every molecule.
    m.multiplicity = multiplicity.value_or(1);
    job.molecule = std::move(m);
  }
}

void read_scf(JobSection s, ScfOptions& o) {
  if (auto v = s.enumeration<Reference>("reference")) o.reference = *v;
  if (const toml::node* n = s.node("convergence")) {
    if (n->is_table()) {
      JobSection c = s.subsection("convergence");
      if (auto v = c.number("energy")) o.energy_tolerance = *v;
      if (auto v = c.number("density")) o.density_tolerance = *v;
      c.finish();
    } else {
      const double v = *s.number("convergence");
      o.energy_tolerance = v;
      o.density_tolerance = v;
    }
  }
  if (auto v = s.integer("max_iterations"))
    o.max_iterations = checked_int(s, "max_iterations", *v, 1, 100000);
  if (auto v = s.enumeration<ScfGuess>("guess")) o.guess = *v;
  if (auto v = s.string("guess_file")) {
    o.guess_file = resolve(*v, s.where("guess_file").file);
    if (!fs::is_regular_file(o.guess_file))
      s.fail("guess_file", fmt::format("scf.guess_file \"{}\": no such file; give the HDF5 file "
                                       "of an earlier qmol run (--hdf5)",
                                       o.guess_file));
  }
  if (auto v = s.boolean("guess_mix")) o.guess_mix = *v;
  if (auto v = s.enumeration<Stability>("stability")) o.stability = *v;
  if (auto v = s.number("level_shift")) o.level_shift = *v;
  s.finish();
  checked_at_keys(s, [&] { o.check(); });
}

void read_active_space(JobSection s, ActiveSpaceOptions& o) {
  if (const toml::node* n = s.node("frozen_core")) {
    if (n->is_boolean())
      o.frozen_core = *s.boolean("frozen_core");
    else
      o.frozen_core = checked_int(s, "frozen_core", *s.integer("frozen_core"), 0, 10000);
  }
  if (auto v = s.integer("electrons")) o.electrons = checked_int(s, "electrons", *v, 0, 10000);
  if (const toml::node* n = s.node("orbitals")) {
    if (n->is_array()) {
      const std::vector<long long> list = *s.integer_list("orbitals");
      for (long long i : list) o.orbital_list.push_back(checked_int(s, "orbitals", i, 0, 100000));
    } else {
      o.orbitals = checked_int(s, "orbitals", *s.integer("orbitals"), 1, 100000);
    }
  }
  if (auto v = s.enumeration<ActiveSpaceSelection>("select")) o.selection = *v;
  if (auto v = s.integer("max_orbitals"))
    o.max_orbitals = checked_int(s, "max_orbitals", *v, 1, 100000);
  if (auto v = s.number("min_occupation")) o.min_occupation = *v;
  if (auto v = s.string_list("avas_orbitals")) o.avas_orbitals = *v;
  if (auto v = s.number("avas_threshold")) o.avas_threshold = *v;
  s.finish();
  try {
    o.check();
  } catch (const InputError& e) {
    // The list form of active_space.orbitals is the library's orbital_list.
    std::string key = e.where().field.substr(e.where().field.find('.') + 1);
    if (key == "orbital_list") key = "orbitals";
    throw InputError(e.what(), s.where(key));
  }
}

// A present [exact] section turns the reference on unless it says enabled = false.
void read_exact(JobSection s, Job& job) {
  if (!s.present()) return;
  job.exact_enabled = s.boolean("enabled").value_or(true);
  ExactOptions& o = job.exact;
  if (auto v = s.enumeration<ExactSpin>("spin")) o.spin = *v;
  if (auto v = s.integer("roots")) o.roots = checked_int(s, "roots", *v, 1, 1000);
  if (auto v = s.number("tolerance")) {
    if (!(*v > 0.0) || *v >= 1.0)
      s.fail("tolerance", fmt::format("exact.tolerance = {}: expected the residual norm at which "
                                      "the eigensolver stops, between 0 and 1 (e.g. 1e-6)",
                                      *v));
    o.tolerance = *v;
  }
  s.finish();
}

void read_hamiltonian(JobSection s, HamiltonianOptions& o) {
  if (auto v = s.enumeration<Mapping>("mapping")) o.mapping = *v;
  if (auto v = s.boolean("two_qubit_reduction")) o.two_qubit_reduction = *v;
  if (auto v = s.boolean("taper")) o.taper = *v;
  s.finish();
}

// Sets the [ansatz] keys present in `s` on top of `o` (a template's values, or the defaults).
void read_ansatz_keys(JobSection& s, AnsatzOptions& o) {
  if (auto v = s.enumeration<AnsatzKind>("kind")) o.kind = *v;
  if (auto v = s.integer("k")) o.k = checked_int(s, "k", *v, 1, 100);
  if (auto v = s.enumeration<TermOrdering>("ordering")) o.ordering = *v;
  if (auto v = s.enumeration<AdaptPool>("pool")) o.adapt.pool = *v;
  if (auto v = s.number("gradient_threshold")) {
    if (!(*v > 0.0) || !std::isfinite(*v))
      s.fail("gradient_threshold",
             fmt::format("ansatz.gradient_threshold = {}: expected a positive number of Hartree, "
                         "e.g. 1e-3",
                         *v));
    o.adapt.gradient_threshold = *v;
  }
  if (auto v = s.integer("max_operators"))
    o.adapt.max_operators = checked_int(s, "max_operators", *v, 1, 100000);
  if (auto v = s.integer("layers"))
    o.hardware_efficient.layers = checked_int(s, "layers", *v, 1, 1000);
  if (auto v = s.string_list("rotations")) {
    o.hardware_efficient.rotations.clear();
    for (const std::string& r : *v) {
      try {
        o.hardware_efficient.rotations.push_back(from_string<Rotation>(r));
      } catch (const InputError& e) {
        s.fail("rotations", std::string("ansatz.rotations: ") + e.what());
      }
    }
  }
  if (auto v = s.enumeration<Entangler>("entangler")) o.hardware_efficient.entangler = *v;
  if (auto v = s.enumeration<EntanglerPattern>("pattern")) o.hardware_efficient.pattern = *v;
  if (auto v = s.enumeration<ParameterStart>("initial")) o.initial = *v;
  if (auto v = s.integer("seed")) o.seed = static_cast<std::uint64_t>(*v);
  if (auto v = s.string("description")) (void)v;  // templates describe themselves
}

AnsatzOptions read_ansatz(JobSection s, std::map<std::string, Location>& keys) {
  AnsatzOptions o;
  if (auto name = s.string("template")) {
    const std::string path = find_ansatz_template(*name);
    if (path.empty())
      s.fail("template",
             fmt::format("no ansatz template named '{}' (see the ansatz/ folder)", *name));
    const std::string text = read_job_text(path);
    toml::table t;
    try {
      t = toml::parse(text, path);
    } catch (const toml::parse_error& e) {
      throw InputError(std::string(e.description()),
                       {path, static_cast<int>(e.source().begin.line), ""});
    }
    JobSection ts(t["ansatz"].as_table(), "ansatz", path, &keys);
    read_ansatz_keys(ts, o);
    ts.finish();
    o.template_name = *name;
  }
  read_ansatz_keys(s, o);
  s.finish();
  if (!s.has("kind") && o.template_name.empty())
    s.fail("kind", fmt::format("[ansatz] needs kind ({}) or template", enum_choices<AnsatzKind>()));
  checked_at_keys(s, [&] { o.hardware_efficient.check(); });
  return o;
}

void read_vqe(JobSection s, VqeEngineOptions& o) {
  if (auto v = s.enumeration<VqeEngineKind>("engine")) o.engine = *v;
  if (auto v = s.enumeration<GradientMethod>("gradient")) o.gradient = *v;
  s.finish();
}

void read_optimizer(JobSection s, OptimizerOptions& o) {
  if (auto v = s.enumeration<OptimizerMethod>("method")) o.method = *v;
  if (auto v = s.integer("max_iterations"))
    o.max_iterations = checked_int(s, "max_iterations", *v, 1, 10000000);
  if (auto v = s.number("gradient_tolerance")) o.gradient_tolerance = *v;
  if (auto v = s.number("energy_tolerance")) o.energy_tolerance = *v;
  if (auto v = s.number("step_size")) o.step_size = *v;
  if (auto v = s.integer("seed")) o.seed = static_cast<std::uint64_t>(*v);
  s.finish();
  checked_at_keys(s, [&] { o.check(); });
}

// [excited]: the method and how many states, the spin they are searched in and the penalties.
ExcitedOptions read_excited(JobSection s) {
  ExcitedOptions o;
  if (auto v = s.enumeration<ExcitedMethod>("method")) o.method = *v;
  const auto states = s.integer("states");
  if (!states)
    s.fail("states",
           "[excited] needs states = N, the number of states wanted (the ground state "
           "included)");
  o.states = checked_int(s, "states", *states, -1000000, 1000000);
  if (auto v = s.enumeration<ExactSpin>("spin")) o.spin = *v;
  if (auto v = s.number("overlap_penalty")) o.overlap_penalty = *v;
  if (auto v = s.number("spin_penalty")) o.spin_penalty = *v;
  s.finish();
  checked_at_keys(s, [&] { o.check(); });
  if (o.method == ExcitedMethod::ssvqe && s.has("overlap_penalty"))
    s.fail("overlap_penalty",
           "excited.overlap_penalty applies to method = \"vqd\" (SSVQE's "
           "states are orthogonal by construction); remove it");
  if (o.spin == ExactSpin::any && s.has("spin_penalty"))
    s.fail("spin_penalty", "excited.spin_penalty applies to spin = \"target\"; remove it");
  return o;
}

// [orbital_optimization]: on unless enabled = false. The solver defaults to the VQE when the job
// has an [ansatz], to exact diagonalization (CASSCF) otherwise.
void read_orbital_optimization(JobSection s, Job& job) {
  if (!s.present()) return;
  job.keys.emplace("orbital_optimization", s.where(""));  // the section itself, for messages
  const bool enabled = s.boolean("enabled").value_or(true);
  OrbitalOptimizationOptions o;
  o.solver = job.ansatz ? OrbitalSolver::vqe : OrbitalSolver::exact;
  if (auto v = s.enumeration<OrbitalSolver>("solver")) o.solver = *v;
  if (auto v = s.integer("max_iterations"))
    o.max_iterations = checked_int(s, "max_iterations", *v, 1, 100000);
  if (auto v = s.number("gradient_tolerance")) o.gradient_tolerance = *v;
  s.finish();
  checked_at_keys(s, [&] { o.check(); });
  if (enabled) job.orbital_optimization = o;
}

void read_estimator(JobSection s, Job& job) {
  if (!s.present()) return;
  job.keys.emplace("estimator", s.where(""));
  EstimatorOptions& o = job.device.estimator;
  if (auto v = s.integer("shots")) {
    if (*v < 1)
      s.fail("shots", fmt::format("estimator.shots = {}: a measurement needs at least 1 shot "
                                  "(leave shots out for exact expectation values)",
                                  *v));
    o.shots = static_cast<long>(std::min<long long>(*v, 1000000000000LL));
  }
  if (auto v = s.enumeration<GroupingMethod>("grouping")) o.grouping = *v;
  if (auto v = s.enumeration<ShotAllocation>("allocation")) o.allocation = *v;
  if (auto v = s.integer("seed")) {
    if (*v < 0) s.fail("seed", fmt::format("estimator.seed = {} must be >= 0", *v));
    o.seed = static_cast<std::uint64_t>(*v);
  }
  if (auto v = s.enumeration<TrainOn>("train_on")) o.train_on = *v;
  s.finish();
}

void read_noise(JobSection s, Job& job) {
  if (!s.present()) return;
  job.keys.emplace("noise", s.where(""));
  NoiseModel o;
  if (auto v = s.number("depolarizing_1q")) o.depolarizing_1q = *v;
  if (auto v = s.number("depolarizing_2q")) o.depolarizing_2q = *v;
  if (auto v = s.number("amplitude_damping")) o.amplitude_damping = *v;
  if (auto v = s.number("readout_error")) o.readout_error = *v;
  if (auto v = s.integer("max_density_qubits"))
    o.max_density_qubits = checked_int(s, "max_density_qubits", *v, -1000000, 1000000);
  if (auto v = s.integer("trajectories"))
    o.trajectories = checked_int(s, "trajectories", *v, -1000000000, 1000000000);
  s.finish();
  checked_at_keys(s, [&] { o.check(); });
  job.device.noise = o;
}

void read_mitigation(JobSection s, Job& job) {
  if (!s.present()) return;
  job.keys.emplace("mitigation", s.where(""));
  MitigationOptions& o = job.device.mitigation;
  if (auto v = s.boolean("readout")) o.readout = *v;
  if (JobSection zne = s.subsection("zne"); zne.present()) {
    ZneOptions z;
    if (auto v = zne.integer_list("factors")) {
      z.factors.clear();
      for (long long f : *v) z.factors.push_back(static_cast<int>(std::clamp(f, -1000LL, 1000LL)));
    }
    if (auto v = zne.enumeration<Extrapolation>("extrapolation")) z.extrapolation = *v;
    zne.finish();
    try {
      extrapolation_weights(z.factors, z.extrapolation);
    } catch (const InputError& e) {
      zne.fail("factors", e.what());
    }
    o.zne = z;
  }
  s.finish();
}

void read_scan(JobSection s, ScanOptions& o) {
  if (auto v = s.integer_list("bond")) o.bond.assign(v->begin(), v->end());
  if (auto v = s.integer_list("angle")) o.angle.assign(v->begin(), v->end());
  if (auto v = s.number("from")) o.from = *v;
  if (auto v = s.number("to")) o.to = *v;
  if (auto v = s.integer("points")) o.points = checked_int(s, "points", *v, 1, 100000);
  if (auto v = s.string("geometries")) o.geometries = resolve(*v, s.where("geometries").file);
  s.finish();
  const int kinds = !o.bond.empty() + !o.angle.empty() + !o.geometries.empty();
  if (kinds != 1) s.fail("bond", "[scan] needs exactly one of bond, angle or geometries");
  if (!o.bond.empty() && o.bond.size() != 2) s.fail("bond", "scan.bond must list two atom indices");
  if (!o.angle.empty() && o.angle.size() != 3)
    s.fail("angle", "scan.angle must list three atom indices");
  if (o.geometries.empty() && (!s.has("from") || !s.has("to") || !s.has("points")))
    s.fail("points", "a bond or angle scan needs from, to and points");
}

}  // namespace

std::string find_ansatz_template(const std::string& name) {
  return find_data_file(DataKind::ansatz, name + ".toml");
}

toml::table parse_toml(const std::string& text, const std::string& path) {
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw InputError(fmt::format("not valid TOML: {}", e.description()),
                     {path, static_cast<int>(e.source().begin.line), ""});
  }
}

Job parse_job(const std::string& text, const std::string& path, bool require_molecule) {
  return parse_job_table(parse_toml(text, path), text, path, require_molecule);
}

Job parse_job_table(const toml::table& root, const std::string& text, const std::string& path,
                    bool require_molecule, std::vector<std::string>* notes) {
  for (auto&& [key, value] : root) {
    const std::string k(key.str());
    const Location at{key.source().path ? *key.source().path : path,
                      static_cast<int>(key.source().begin.line), k};
    if (std::find(kSections.begin(), kSections.end(), k) == kSections.end())
      throw InputError(fmt::format("unknown section [{}] (known: molecule, scf, active_space, "
                                   "hamiltonian, exact, ansatz, vqe, optimizer, output, scan, "
                                   "fcidump, excited, orbital_optimization, estimator, noise, "
                                   "mitigation)",
                                   k),
                       at);
    if (!value.is_table()) throw InputError(fmt::format("'{}' must be a [section]", k), at);
  }
  Job job;
  auto section = [&](const char* name) {
    return JobSection(root[name].as_table(), name, path, &job.keys);
  };
  job.path = path;
  job.text = text;
  job.name = fs::path(path).stem().string();

  JobSection fcidump = section("fcidump");
  if (fcidump.present()) {
    auto file = fcidump.string("file");
    if (!file) fcidump.fail("file", "[fcidump] needs file = \"name.fcidump\"");
    job.fcidump = resolve(*file, fcidump.where("file").file);
    fcidump.finish();
    if (root.contains("molecule"))
      throw InputError("give either [molecule] or [fcidump], not both", {path, 0, "fcidump"});
  } else {
    JobSection molecule = section("molecule");
    if (!molecule.present() && require_molecule)
      throw InputError("the job has no [molecule] section", {path, 0, "molecule"});
    read_molecule(molecule, job, require_molecule, notes);
  }
  job.hamiltonian_requested = root.contains("active_space") || root.contains("hamiltonian");
  read_scf(section("scf"), job.scf);
  read_active_space(section("active_space"), job.active_space);
  read_hamiltonian(section("hamiltonian"), job.hamiltonian);
  read_exact(section("exact"), job);
  if (JobSection a = section("ansatz"); a.present()) job.ansatz = read_ansatz(a, job.keys);
  read_vqe(section("vqe"), job.vqe);
  read_optimizer(section("optimizer"), job.optimizer);
  if (JobSection s = section("excited"); s.present()) job.excited = read_excited(s);
  read_orbital_optimization(section("orbital_optimization"), job);
  read_estimator(section("estimator"), job);
  read_noise(section("noise"), job);
  read_mitigation(section("mitigation"), job);
  JobSection output = section("output");
  if (auto v = output.string("hdf5")) job.output.hdf5 = resolve(*v, output.where("hdf5").file);
  if (auto v = output.string("qasm")) job.output.qasm = resolve(*v, output.where("qasm").file);
  output.finish();
  if (JobSection s = section("scan"); s.present()) read_scan(s, job.scan);
  validate_job(job);
  return job;
}

std::string read_job_text(const std::string& path) {
  try {
    return read_file_text(path);
  } catch (const IoError& e) {
    throw InputError(e.what(), e.where());  // an input that cannot be read is bad input
  }
}

Location Job::where(const std::string& key) const {
  const auto it = keys.find(key);
  return it != keys.end() ? it->second : Location{path, 0, key};
}

Job read_job(const std::string& path, bool require_molecule) {
  return parse_job(read_job_text(path), path, require_molecule);
}

}  // namespace qmol
