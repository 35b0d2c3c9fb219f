#include "qmol/workflow/scan.h"

#include <fmt/format.h>

#include <Eigen/Geometry>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "qmol/core/units.h"
#include "qmol/io/atomic_file.h"
#include "qmol/io/csv.h"
#include "qmol/io/hdf5_reader.h"
#include "qmol/io/hdf5_writer.h"
#include "qmol/workflow/resume.h"
#include "qmol/workflow/run.h"

namespace qmol {
namespace {

const std::vector<std::string> kScanColumns = {
    "point",         "coordinate",       "hf_energy",      "vqe_energy", "exact_energy",
    "casscf_energy", "vqe_dipole_debye", "vqe_iterations", "status",     "message"};

// Single-bond covalent radii in Angstrom, H to Kr (Cordero et al., Dalton Trans. 2008, 2832).
constexpr std::array<double, 37> kCovalentRadius = {
    0.00, 0.31, 0.28, 1.28, 0.96, 0.84, 0.76, 0.71, 0.66, 0.57, 0.58, 1.66, 1.41,
    1.21, 1.11, 1.07, 1.05, 1.02, 1.06, 2.03, 1.76, 1.70, 1.60, 1.53, 1.39, 1.39,
    1.32, 1.26, 1.24, 1.32, 1.22, 1.22, 1.20, 1.19, 1.20, 1.20, 1.16};
// Two atoms are bonded when closer than this factor times the sum of their radii.
constexpr double kBondTolerance = 1.2;

bool bonded(const Atom& a, const Atom& b) {
  const double r = kCovalentRadius[static_cast<std::size_t>(a.atomic_number)] +
                   kCovalentRadius[static_cast<std::size_t>(b.atomic_number)];
  return (a.position - b.position).norm() < kBondTolerance * r * kAngstromInBohr;
}

void check_index(const Job& job, const char* key, int index, const Molecule& m) {
  if (index < 0 || index >= static_cast<int>(m.atoms.size()))
    throw InputError(fmt::format("atom index {} is out of range: the molecule has {} atoms "
                                 "(indices from 0 to {})",
                                 index, m.atoms.size(), m.atoms.size() - 1),
                     {job.path, 0, fmt::format("scan.{}", key)});
}

std::vector<double> grid(const ScanOptions& s) {
  std::vector<double> values;
  for (int p = 0; p < s.points; ++p)
    values.push_back(s.points == 1 ? s.from : s.from + (s.to - s.from) * p / (s.points - 1));
  return values;
}

// Rodrigues' rotation of v about the unit axis k by angle t.
Eigen::Vector3d rotate(const Eigen::Vector3d& v, const Eigen::Vector3d& k, double t) {
  return v * std::cos(t) + k.cross(v) * std::sin(t) + k * k.dot(v) * (1.0 - std::cos(t));
}

std::vector<ScanGeometry> bond_scan(const Job& job, const Molecule& m) {
  const int i = job.scan.bond[0], j = job.scan.bond[1];
  check_index(job, "bond", i, m);
  check_index(job, "bond", j, m);
  if (i == j) throw InputError("scan.bond needs two different atoms", {job.path, 0, "scan.bond"});
  if (job.scan.from <= 0 || job.scan.to <= 0)
    throw InputError("bond lengths must be positive (Angstrom)", {job.path, 0, "scan.from"});
  const std::vector<int> moving = atoms_beyond(m, i, j);
  const Eigen::Vector3d axis = m.atoms[j].position - m.atoms[i].position;
  const Eigen::Vector3d unit = axis.normalized();
  std::vector<ScanGeometry> points;
  for (double length : grid(job.scan)) {
    ScanGeometry g{length, m};
    const Eigen::Vector3d shift = (length * kAngstromInBohr - axis.norm()) * unit;
    for (int a : moving) g.molecule.atoms[a].position += shift;
    points.push_back(std::move(g));
  }
  return points;
}

std::vector<ScanGeometry> angle_scan(const Job& job, const Molecule& m) {
  const int i = job.scan.angle[0], j = job.scan.angle[1], k = job.scan.angle[2];
  for (int a : {i, j, k}) check_index(job, "angle", a, m);
  if (i == j || j == k || i == k)
    throw InputError("scan.angle needs three different atoms", {job.path, 0, "scan.angle"});
  const std::vector<int> moving = atoms_beyond(m, j, k);
  const Eigen::Vector3d vertex = m.atoms[j].position;
  const Eigen::Vector3d a = m.atoms[i].position - vertex, b = m.atoms[k].position - vertex;
  Eigen::Vector3d normal = a.cross(b);
  if (normal.norm() < 1e-8 * a.norm() * b.norm()) {
    // Linear: any axis perpendicular to the bond will do.
    normal = b.cross(Eigen::Vector3d::UnitX());
    if (normal.norm() < 1e-8 * b.norm()) normal = b.cross(Eigen::Vector3d::UnitY());
  }
  normal.normalize();
  const double current = std::atan2(a.cross(b).norm(), a.dot(b));
  std::vector<ScanGeometry> points;
  for (double degrees : grid(job.scan)) {
    // Rotating about a x b by a positive angle opens the angle.
    const double turn = degrees * std::numbers::pi / 180.0 - current;
    ScanGeometry g{degrees, m};
    for (int n : moving)
      g.molecule.atoms[n].position = vertex + rotate(m.atoms[n].position - vertex, normal, turn);
    points.push_back(std::move(g));
  }
  return points;
}

std::string number(double v, int decimals) {
  return std::isfinite(v) ? fmt::format("{:.{}f}", v, decimals) : "";
}

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

std::string scan_kind(const ScanOptions& s) {
  return !s.bond.empty() ? "bond" : !s.angle.empty() ? "angle" : "geometries";
}

std::string coordinate_units(const ScanOptions& s) {
  const std::string kind = scan_kind(s);
  return kind == "bond" ? "angstrom" : kind == "angle" ? "degree" : "1";
}

// A point's numbers for the tables: NaN (and -1 iterations) where a stage did not run.
struct PointValues {
  double hf = kMissing, vqe = kMissing, exact = kMissing;
  double casscf = kMissing;      // [orbital_optimization] solver = "exact"
  double vqe_dipole = kMissing;  // |mu| of the VQE state, Debye
  long long iterations = -1;
};

PointValues values(const ScanPoint& p) {
  PointValues v;
  if (!p.result) return v;
  const RunResult& r = *p.result;
  if (r.scf) v.hf = r.scf->energy;
  if (r.vqe) v.vqe = r.vqe->result.energy, v.iterations = r.vqe->result.iterations;
  if (r.exact) v.exact = r.exact->energy;
  if (r.orbital_optimization && r.orbital_optimization->solver == OrbitalSolver::exact)
    v.casscf = r.orbital_optimization->energy;
  if (r.vqe_properties && r.vqe_properties->dipole_debye)
    v.vqe_dipole = r.vqe_properties->dipole_debye->norm();
  return v;
}

// The warm start of the next point: the last point that has a result.
const RunResult* last_result(const std::vector<ScanPoint>& points, bool warm_start) {
  if (!warm_start) return nullptr;
  for (auto p = points.rbegin(); p != points.rend(); ++p)
    if (p->result) return &*p->result;
  return nullptr;
}

// One point: warm from `previous` when given, falling back to a cold start when that throws or
// does not converge.
ScanPoint compute_point(const Job& job, const ScanGeometry& geometry, int index, int total,
                        const RunResult* previous, const ScanSettings& settings) {
  std::ostream* log = settings.log;
  ScanPoint point;
  point.index = index;
  point.coordinate = geometry.coordinate;
  Job point_job = job;
  point_job.molecule = geometry.molecule;
  point_job.name = fmt::format("{}-point{:03d}", job.name, index);
  if (log)
    *log << fmt::format("== scan point {} of {}: coordinate {:.6f} ==\n", index + 1, total,
                        point.coordinate);
  RunOptions options;
  options.memory_limit_bytes = settings.memory_limit_bytes;
  options.log = log;
  options.warm_start = previous;
  auto attempt = [&](const RunOptions& o) -> std::optional<RunResult> {
    try {
      RunResult r = run_job(point_job, o);  // a non-converged SCF throws
      if (r.vqe && !r.vqe->result.converged) point.message = "VQE did not converge";
      return r;
    } catch (const Error& e) {
      point.message = e.describe();
      return std::nullopt;
    }
  };
  point.result = attempt(options);
  const bool warm = options.warm_start != nullptr;
  const bool bad = !point.result || (point.result->vqe && !point.result->vqe->result.converged);
  point.warm_started = warm && point.result.has_value();
  point.status = point.result ? "ok" : "failed";
  if (warm && bad) {
    const std::string why = point.message;
    if (log) *log << fmt::format("warm start failed ({}); starting cold\n", why);
    options.warm_start = nullptr;
    point.message.clear();
    if (auto cold = attempt(options)) {
      point.result = std::move(cold);
      point.warm_started = false;
      point.status = "ok-cold-restart";
      point.message =
          "warm start failed: " + why + (point.message.empty() ? "" : "; " + point.message);
    } else if (point.result) {
      point.message = why;  // keep the warm result: the cold start did no better
    } else {
      point.message = "warm start failed: " + why + "; cold start failed: " + point.message;
    }
  }
  return point;
}

// Files of point p: records/NNN.json, points/NNN.h5, and the group points/NNN of scan.h5.
std::string point_name(int p) {
  return fmt::format("{:03d}", p);
}

// What makes a point's record reusable: the job, the point and its geometry (a frames file or a
// geometry file may change under the same job text), and the warm-start mode.
std::string point_key(const Job& job, const ScanGeometry& g, int p, bool warm_start) {
  std::string geometry = fmt::format("{} {}\n", g.molecule.charge, g.molecule.multiplicity);
  for (const Atom& a : g.molecule.atoms)
    geometry += fmt::format("{} {:.17g} {:.17g} {:.17g}\n", a.atomic_number, a.position.x(),
                            a.position.y(), a.position.z());
  return fingerprint({job.text, std::to_string(p), geometry, warm_start ? "warm" : "cold"});
}

// The point as an earlier call finished it, or nullopt when it must be (re)computed.
std::optional<ScanPoint> finished_point(const ResumableDirectory& dir, const std::string& key,
                                        int p, const ScanGeometry& g) {
  const auto rec = dir.record(point_name(p));
  if (!dir.finished(rec, key)) return std::nullopt;
  ScanPoint point;
  point.index = p;
  point.coordinate = g.coordinate;
  point.status = rec->value("status", "");
  point.message = rec->value("message", "");
  point.warm_started = rec->value("warm_started", false);
  if (rec->contains("result")) {
    try {
      point.result = read_hdf5(dir.path((*rec)["result"].get<std::string>()));
    } catch (const Error&) {
      return std::nullopt;  // unreadable: redo the point
    }
  }
  return point;
}

// Result file first, then the record that marks the point done: a kill in between redoes it.
void save_point(const ResumableDirectory& dir, const ScanPoint& p, const std::string& key) {
  nlohmann::json rec = {
      {"point", p.index},     {"coordinate", p.coordinate},     {"status", p.status},
      {"message", p.message}, {"warm_started", p.warm_started}, {"key", key}};
  if (p.result) {
    const std::string file = "points/" + point_name(p.index) + ".h5";
    write_hdf5(dir.path(file), *p.result, true);
    rec["result"] = file;
  }
  dir.write_record(point_name(p.index), rec);
}

// DIR/scan.h5 (a group per point and the summary table) and DIR/scan.csv, rebuilt from the
// points so far and each replaced atomically.
void write_scan_files(const ResumableDirectory& dir, const Job& job,
                      const std::vector<ScanPoint>& points) {
  const ScanOptions& s = job.scan;
  const std::string kind = scan_kind(s), units = coordinate_units(s);
  std::vector<long long> index, iterations;
  std::vector<double> coordinate, hf, vqe, exact, casscf, vqe_dipole;
  std::vector<std::string> status, message;
  std::string csv = csv_line(kScanColumns);
  Hdf5Writer writer(dir.path("scan.h5"), true);
  for (const ScanPoint& p : points) {
    const PointValues v = values(p);
    index.push_back(p.index);
    coordinate.push_back(p.coordinate);
    hf.push_back(v.hf);
    vqe.push_back(v.vqe);
    exact.push_back(v.exact);
    casscf.push_back(v.casscf);
    vqe_dipole.push_back(v.vqe_dipole);
    iterations.push_back(v.iterations);
    status.push_back(p.status);
    message.push_back(p.message);
    csv += csv_line({std::to_string(p.index), number(p.coordinate, 6), number(v.hf, 10),
                     number(v.vqe, 10), number(v.exact, 10), number(v.casscf, 10),
                     number(v.vqe_dipole, 6), v.iterations >= 0 ? std::to_string(v.iterations) : "",
                     p.status, p.message});
    const std::string group = "points/" + point_name(p.index);
    if (p.result) writer.write_run(group, *p.result);
    writer.write_attribute(group, "coordinate", fmt::format("{:.17g}", p.coordinate));
    writer.write_attribute(group, "status", p.status);
    writer.write_attribute(group, "message", p.message);
    writer.write_attribute(group, "warm_started", p.warm_started ? "true" : "false");
  }
  writer.write_table("summary", {{"point", "1", index},
                                 {"coordinate", units, coordinate},
                                 {"hf_energy", "hartree", hf},
                                 {"vqe_energy", "hartree", vqe},
                                 {"exact_energy", "hartree", exact},
                                 {"casscf_energy", "hartree", casscf},
                                 {"vqe_dipole_debye", "debye", vqe_dipole},
                                 {"vqe_iterations", "1", iterations},
                                 {"status", "1", status},
                                 {"message", "1", message}});
  writer.write_attribute("/", "scan_kind", kind);
  writer.write_attribute("/", "coordinate_units", units);
  std::string atoms;
  for (int a : kind == "bond" ? s.bond : s.angle)
    atoms += (atoms.empty() ? "" : ",") + std::to_string(a);
  writer.write_attribute("/", "scan_atoms", atoms);
  writer.write_attribute("/", "job_text", job.text);
  writer.commit();
  write_file_atomically(dir.path("scan.csv"), csv);
}

// The final table (stdout): a line per point; the reason after a failure or a cold restart.
void print_table(std::ostream& out, const ScanOptions& s, const std::vector<ScanPoint>& points) {
  out << fmt::format("{:>5} {:>12} {:>17} {:>17} {:>17} {:>10}  {}\n", "point",
                     s.geometries.empty() ? coordinate_units(s) : "frame", "HF (Eh)", "VQE (Eh)",
                     "exact (Eh)", "iterations", "status");
  for (const ScanPoint& p : points) {
    const PointValues v = values(p);
    out << fmt::format("{:>5} {:>12.6f} {:>17} {:>17} {:>17} {:>10}  {}{}\n", p.index, p.coordinate,
                       number(v.hf, 10), number(v.vqe, 10), number(v.exact, 10),
                       v.iterations >= 0 ? std::to_string(v.iterations) : "", p.status,
                       p.message.empty() ? "" : ": " + p.message);
  }
}

}  // namespace

std::vector<int> atoms_beyond(const Molecule& m, int fixed, int moving) {
  const int n = static_cast<int>(m.atoms.size());
  std::vector<bool> seen(n, false);
  std::vector<int> stack = {moving}, found;
  seen[moving] = true;
  while (!stack.empty()) {
    const int a = stack.back();
    stack.pop_back();
    found.push_back(a);
    for (int b = 0; b < n; ++b) {
      if (seen[b] || !bonded(m.atoms[a], m.atoms[b])) continue;
      if (b == fixed) {
        if (a == moving) continue;  // the scanned bond itself
        return {moving};            // a ring: moving the whole side would break it
      }
      seen[b] = true;
      stack.push_back(b);
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::vector<ScanGeometry> scan_geometries(const Job& job) {
  const ScanOptions& s = job.scan;
  if (!s.present()) throw InputError("the job has no [scan] section", {job.path, 0, "scan"});
  if (!s.geometries.empty()) {
    std::vector<ScanGeometry> points;
    const std::vector<Molecule> frames = read_xyz_frames(s.geometries);
    if (frames.empty()) throw InputError("no XYZ frames in the file", {s.geometries, 0, ""});
    for (std::size_t f = 0; f < frames.size(); ++f) {
      Molecule m = frames[f];
      if (job.molecule) {
        m.charge = job.molecule->charge;
        m.multiplicity = job.molecule->multiplicity;
        if (!job.molecule->name.empty()) m.name = job.molecule->name;
      }
      m.validate(s.geometries);
      points.push_back({static_cast<double>(f), std::move(m)});
    }
    return points;
  }
  if (!job.molecule || job.molecule->atoms.empty())
    throw InputError("a bond or angle scan needs the molecule's geometry in [molecule]",
                     {job.path, 0, "molecule"});
  auto points = !s.bond.empty() ? bond_scan(job, *job.molecule) : angle_scan(job, *job.molecule);
  for (ScanGeometry& g : points) g.molecule.validate(job.path);
  return points;
}

std::vector<ScanPoint> compute_scan(const Job& job, const ScanSettings& settings) {
  const std::vector<ScanGeometry> geometries = scan_geometries(job);
  const int n = static_cast<int>(geometries.size());
  std::vector<ScanPoint> points;
  points.reserve(n);  // last_result() points into it
  for (int p = 0; p < n; ++p)
    points.push_back(compute_point(job, geometries[p], p, n,
                                   last_result(points, settings.warm_start), settings));
  return points;
}

int run_scan(const Job& job, const std::string& out_dir, const ScanSettings& settings) {
  const std::vector<ScanGeometry> geometries = scan_geometries(job);
  const ResumableDirectory dir = ResumableDirectory::open(
      out_dir, "scan", fingerprint({job.text}), "job", {"scan.csv", "scan.h5"}, settings.force);
  const int n = static_cast<int>(geometries.size());
  std::vector<std::string> keys;
  std::vector<std::optional<ScanPoint>> done;
  int resumed = 0;
  for (int p = 0; p < n; ++p) {
    keys.push_back(point_key(job, geometries[p], p, settings.warm_start));
    done.push_back(finished_point(dir, keys[p], p, geometries[p]));
    resumed += done.back().has_value();
  }
  std::ostream* log = settings.log;
  if (log && resumed)
    *log << fmt::format("resuming: {} of {} points already done in {}\n", resumed, n, out_dir);

  std::vector<ScanPoint> points;
  points.reserve(n);        // last_result() points into it
  std::size_t written = 0;  // points in the files on disk
  for (int p = 0; p < n; ++p) {
    if (done[p]) {
      points.push_back(std::move(*done[p]));
      continue;
    }
    points.push_back(compute_point(job, geometries[p], p, n,
                                   last_result(points, settings.warm_start), settings));
    save_point(dir, points.back(), keys[p]);
    write_scan_files(dir, job, points);
    written = points.size();
  }
  if (written != points.size()) write_scan_files(dir, job, points);
  if (log)
    *log << fmt::format("scan: {} points in {} and {}\n", n, dir.path("scan.csv"),
                        dir.path("scan.h5"));
  if (std::ostream* out = settings.summary ? settings.summary : log) {
    if (log) *out << "\n";
    print_table(*out, job.scan, points);
  }
  const bool all_ok = std::none_of(points.begin(), points.end(),
                                   [](const ScanPoint& p) { return p.status == "failed"; });
  return all_ok ? 0 : 1;
}

}  // namespace qmol
