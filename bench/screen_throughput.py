#!/usr/bin/python3
"""Screening throughput: `qmol screen` of the drug set molecules/drugs.smi (25 approved drugs)
in STO-3G with a 4-electron, 4-orbital active space, UCCSD-VQE and the exact solver, on the
process pool (--jobs 2 on this 2-core machine) and under `mpirun -np 3` (one coordinator, two
worker ranks), alternating. Prints the molecules per minute of each whole command (median of
`--repeats` runs into fresh output folders) and the median time per stage over all molecules,
read from each molecule's HDF5 record (timings/). Without mpirun (or a qmol built without MPI)
the MPI runs are skipped, and the script says so.

  /usr/bin/python3 bench/screen_throughput.py [--qmol build/qmol] [--repeats 3] [--jobs 2]"""
import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import h5py

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SETTINGS = """[molecule]
basis = "sto-3g"
[active_space]
electrons = 4
orbitals = 4
[ansatz]
kind = "uccsd"
[exact]
enabled = true
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--qmol", default=os.path.join(ROOT, "build", "qmol"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="qmol-throughput-")
    settings = os.path.join(work, "settings.toml")
    with open(settings, "w") as f:
        f.write(SETTINGS)
    inputs = os.path.join(ROOT, "molecules", "drugs.smi")
    mpirun = shutil.which("mpirun")
    modes = {"pool": [], "mpi": [] if mpirun else None}
    prefix = {"pool": [], "mpi": [mpirun, "--allow-run-as-root", "--oversubscribe", "-np", "3"]}
    stages = {}
    for repeat in range(args.repeats):
        for mode, rates in modes.items():
            if rates is None:
                continue
            out = os.path.join(work, "%s-%d" % (mode, repeat))
            t0 = time.monotonic()
            p = subprocess.run(prefix[mode] + [args.qmol, "screen", inputs, "--settings", settings,
                                               "--out", out, "--jobs", str(args.jobs)],
                               capture_output=True, text=True)
            wall = time.monotonic() - t0
            if mode == "mpi" and "MPI worker ranks" not in p.stderr:
                print("MPI: not measured (qmol was built without MPI)")
                modes["mpi"] = None
                continue
            records = glob.glob(os.path.join(out, "*.h5"))
            records = [r for r in records if os.path.basename(r) != "summary.h5"]
            if p.returncode not in (0, 1) or len(records) < 20:
                sys.exit("screen failed (%d molecules computed)\n%s" % (len(records), p.stderr))
            rates.append(60.0 * len(records) / wall)
            for path in records:
                with h5py.File(path) as f:
                    for stage, seconds in f["timings"].items():
                        stages.setdefault(stage, []).append(float(seconds[()]))
            print("%s run %d: %d molecules in %.2f s, %.1f per minute"
                  % (mode, repeat + 1, len(records), wall, rates[-1]))
    print("median: %.1f molecules per minute on the process pool (--jobs %d)"
          % (statistics.median(modes["pool"]), args.jobs))
    if modes["mpi"]:
        print("median: %.1f molecules per minute under mpirun -np 3"
              % statistics.median(modes["mpi"]))
    elif not mpirun:
        print("MPI: not measured (no mpirun)")
    print("median seconds per molecule and stage:")
    for stage, values in sorted(stages.items(), key=lambda kv: -statistics.median(kv[1])):
        print("  %-20s %.4f" % (stage, statistics.median(values)))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
