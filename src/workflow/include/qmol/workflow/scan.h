#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "qmol/io/run_result.h"
#include "qmol/workflow/job.h"

namespace qmol {

struct ScanSettings {
  double memory_limit_bytes = 0.0;  // per point; 0 = default_memory_limit()
  bool force = false;               // recompute everything, replacing what DIR holds
  std::ostream* log = nullptr;      // per-point progress and each run's report; nullptr = silent
  std::ostream* summary = nullptr;  // the final table of points (--quiet); nullptr = on `log`
  bool warm_start = true;           // false: every point starts cold (for comparisons)
};

// One geometry of a scan. coordinate: Angstrom (bond), degrees (angle) or the frame index.
struct ScanGeometry {
  double coordinate = 0.0;
  Molecule molecule;
};

// The geometries of job.scan, from job.molecule (bond, angle) or the XYZ frames (geometries;
// charge and multiplicity from job.molecule when given). A bond scan moves the second atom and
// every atom bonded beyond it along the bond; an angle scan rotates the third atom and the atoms
// bonded beyond it about the vertex (the second atom). When the bond lies in a ring only the
// named atom moves. InputError for bad atom indices, a missing molecule, or an empty frame file.
std::vector<ScanGeometry> scan_geometries(const Job& job);

// Indices of the atoms a scan moves when `moving` is pulled away from `fixed`: `moving` and all
// atoms bonded to it (covalent radii, on the given geometry) without passing through `fixed`.
std::vector<int> atoms_beyond(const Molecule& molecule, int fixed, int moving);

struct ScanPoint {
  int index = 0;
  double coordinate = 0.0;
  std::optional<RunResult> result;  // absent when the point failed
  bool warm_started = false;        // the result came from a warm start
  std::string status;               // "ok", "ok-cold-restart" (warm start failed), "failed"
  std::string message;              // why a warm start or the point failed
};

// Runs every point in order, in memory; each starts from the previous successful point's orbitals
// and VQE parameters and falls back to a cold start when that throws or does not converge.
std::vector<ScanPoint> compute_scan(const Job& job, const ScanSettings& settings);

// `qmol scan JOB --out DIR`: the points of compute_scan, each saved as it completes
// (DIR/points/NNN.h5, then DIR/records/NNN.json), and DIR/scan.h5 (a group per point and a
// summary table) and DIR/scan.csv rebuilt after each point, all written atomically. DIR is a
// ResumableDirectory keyed by the job text: the same call again skips the finished points (the
// next one warm-starts from the last finished result), and a DIR of another job is refused
// before any work unless settings.force (which recomputes everything). A failed point is
// recorded with its message and the scan goes on. Prints the final table to settings.summary (or
// log). Returns the exit code: 0 when no point failed, 1 otherwise.
int run_scan(const Job& job, const std::string& out_dir, const ScanSettings& settings);

}  // namespace qmol
