#include "qmol/workflow/scan.h"

#include <fmt/format.h>

#include <Eigen/Geometry>
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <limits>
#include <numbers>

#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "qmol/core/units.h"
#include "qmol/io/atomic_file.h"
#include "qmol/io/csv.h"
#include "qmol/io/hdf5_writer.h"
#include "qmol/workflow/run.h"

namespace qmol {
namespace fs = std::filesystem;

namespace {

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
  std::ostream* log = settings.log;
  std::vector<ScanPoint> points;
  points.reserve(geometries.size());    // `previous` points into this vector
  const RunResult* previous = nullptr;  // the last successful point
  for (std::size_t p = 0; p < geometries.size(); ++p) {
    ScanPoint point;
    point.index = static_cast<int>(p);
    point.coordinate = geometries[p].coordinate;
    Job point_job = job;
    point_job.molecule = geometries[p].molecule;
    point_job.name = fmt::format("{}-point{:03d}", job.name, p);
    if (log)
      *log << fmt::format("== scan point {} of {}: coordinate {:.6f} ==\n", p + 1,
                          geometries.size(), point.coordinate);
    RunOptions options;
    options.memory_limit_bytes = settings.memory_limit_bytes;
    options.log = log;
    options.warm_start = settings.warm_start ? previous : nullptr;
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
    points.push_back(std::move(point));
    if (points.back().result) previous = &*points.back().result;
  }
  return points;
}

int run_scan(const Job& job, const std::string& out_dir, const ScanSettings& settings) {
  const std::string h5_path = (fs::path(out_dir) / "scan.h5").string();
  const std::string csv_path = (fs::path(out_dir) / "scan.csv").string();
  // Refuse before hours of work, not after.
  check_overwrite(h5_path, settings.force);
  check_overwrite(csv_path, settings.force);
  const std::vector<ScanPoint> points = compute_scan(job, settings);

  const ScanOptions& s = job.scan;
  const std::string kind = !s.bond.empty() ? "bond" : !s.angle.empty() ? "angle" : "geometries";
  const std::string coordinate_units = kind == "bond"    ? "angstrom"
                                       : kind == "angle" ? "degree"
                                                         : "1";

  std::vector<long long> index, iterations;
  std::vector<double> coordinate, hf, vqe, exact;
  std::vector<std::string> status, message;
  std::string csv = csv_line({"point", "coordinate", "hf_energy", "vqe_energy", "exact_energy",
                              "vqe_iterations", "status"});
  Hdf5Writer writer(h5_path, settings.force);
  bool all_ok = true;
  for (const ScanPoint& p : points) {
    const RunResult* r = p.result ? &*p.result : nullptr;
    const double e_hf = r && r->scf ? r->scf->energy : kMissing;
    const double e_vqe = r && r->vqe ? r->vqe->result.energy : kMissing;
    const double e_exact = r && r->exact ? r->exact->energy : kMissing;
    const long long iters = r && r->vqe ? r->vqe->result.iterations : -1;
    index.push_back(p.index);
    coordinate.push_back(p.coordinate);
    hf.push_back(e_hf);
    vqe.push_back(e_vqe);
    exact.push_back(e_exact);
    iterations.push_back(iters);
    status.push_back(p.status);
    message.push_back(p.message);
    all_ok = all_ok && p.status != "failed";
    csv += csv_line({std::to_string(p.index), number(p.coordinate, 6), number(e_hf, 10),
                     number(e_vqe, 10), number(e_exact, 10),
                     iters >= 0 ? std::to_string(iters) : "", p.status});
    const std::string group = fmt::format("points/{:03d}", p.index);
    if (r) writer.write_run(group, *r);
    writer.write_attribute(group, "coordinate", fmt::format("{:.17g}", p.coordinate));
    writer.write_attribute(group, "status", p.status);
    writer.write_attribute(group, "message", p.message);
    writer.write_attribute(group, "warm_started", p.warm_started ? "true" : "false");
  }
  writer.write_table("summary", {{"point", "1", index},
                                 {"coordinate", coordinate_units, coordinate},
                                 {"hf_energy", "hartree", hf},
                                 {"vqe_energy", "hartree", vqe},
                                 {"exact_energy", "hartree", exact},
                                 {"vqe_iterations", "1", iterations},
                                 {"status", "1", status},
                                 {"message", "1", message}});
  writer.write_attribute("/", "scan_kind", kind);
  writer.write_attribute("/", "coordinate_units", coordinate_units);
  std::string atoms;
  for (int a : kind == "bond" ? s.bond : s.angle)
    atoms += (atoms.empty() ? "" : ",") + std::to_string(a);
  writer.write_attribute("/", "scan_atoms", atoms);
  writer.write_attribute("/", "job_text", job.text);
  writer.commit();
  write_file_atomically(csv_path, csv);
  if (settings.log)
    *settings.log << fmt::format("scan: {} points written to {} and {}\n", points.size(), h5_path,
                                 csv_path);
  return all_ok ? 0 : 1;
}

}  // namespace qmol
