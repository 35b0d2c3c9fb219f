#!/usr/bin/python3
"""Screening throughput: `qmol screen` of the drug set molecules/drugs.smi (at least 20
approved drugs) in STO-3G with a 4-electron, 4-orbital active space, UCCSD-VQE and the exact
solver, on the process pool (--jobs 2 on this 2-core machine). Prints the molecules per minute
of the whole command (median of `--repeats` runs into fresh output folders) and the median time
per stage over all molecules, read from each molecule's HDF5 record (timings/).

  /usr/bin/python3 bench/screen_throughput.py [--qmol build/qmol] [--repeats 3] [--jobs 2]

MPI (mpirun -np 3) is the peer the screening issue names; this build has no MPI screening yet,
and the script says so."""
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
    rates, stages = [], {}
    for repeat in range(args.repeats):
        out = os.path.join(work, "out-%d" % repeat)
        t0 = time.monotonic()
        p = subprocess.run([args.qmol, "screen", inputs, "--settings", settings, "--out", out,
                            "--jobs", str(args.jobs)], capture_output=True, text=True)
        wall = time.monotonic() - t0
        records = glob.glob(os.path.join(out, "*.h5"))
        records = [r for r in records if os.path.basename(r) != "summary.h5"]
        if p.returncode not in (0, 1) or len(records) < 20:
            sys.exit("screen failed (%d molecules computed)\n%s" % (len(records), p.stderr))
        rates.append(60.0 * len(records) / wall)
        for path in records:
            with h5py.File(path) as f:
                for stage, seconds in f["timings"].items():
                    stages.setdefault(stage, []).append(float(seconds[()]))
        print("run %d: %d molecules in %.2f s, %.1f per minute" % (repeat + 1, len(records), wall,
                                                               rates[-1]))
    print("median: %.1f molecules per minute on the process pool (--jobs %d)"
          % (statistics.median(rates), args.jobs))
    print("median seconds per molecule and stage:")
    for stage, values in sorted(stages.items(), key=lambda kv: -statistics.median(kv[1])):
        print("  %-20s %.4f" % (stage, statistics.median(values)))
    print("MPI: not measured (this build screens on the process pool only)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
