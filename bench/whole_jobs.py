#!/usr/bin/python3
"""Whole-job wall times of qmol's exact solver and VQE (bench/jobs/*.toml), side by side with
Psi4's detci on the same molecule where Psi4 is installed.

  bench/whole_jobs.py [--qmol build/qmol] [--repeats 3] [--threads 2] [CASE ...]

Each case runs `qmol run JOB --json` `repeats` times (alternating with Psi4 when it has a Psi4
twin), and the medians are printed with the energies, so that a speed-up never hides a wrong
answer. Cases: h2o-631g-fci (Psi4 twin), h12-chain-fci, h14-chain-fci, h12-chain-vqe,
h14-chain-vqe (the last two are long: minutes), and the ADAPT-VQE jobs h6-chain-adapt,
n2-stretched-adapt and h10-chain-adapt (minutes), benzene-cas16-exact (CASCI(16,16) of
benzene/cc-pVDZ, 1.66e8 determinants: about 11 GiB and tens of minutes) and benzene-cas16-vqe
(UCCSD-VQE of the same space: about 5 GB and an hour).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# Psi4 input for the twin of a case: the same geometry, basis and method.
PSI4_TWINS = {
    "h2o-631g-fci": """
molecule {{
0 1
{xyz}
symmetry c1
no_reorient
no_com
}}
set basis 6-31g
set scf_type pk
set e_convergence 1e-10
set d_convergence 1e-10
set r_convergence 1e-7
energy('fci')
""",
}
TWIN_XYZ = {"h2o-631g-fci": os.path.join(ROOT, "molecules", "h2o.xyz")}
DEFAULT_CASES = ["h2o-631g-fci", "h12-chain-fci", "h14-chain-fci", "h12-chain-vqe"]


def xyz_body(path):
    with open(path) as f:
        lines = f.read().splitlines()
    return "\n".join(lines[2 : 2 + int(lines[0])])


def run_qmol(qmol, job, env, scratch):
    out = os.path.join(scratch, "summary.json")
    start = time.perf_counter()
    subprocess.run([qmol, "run", job, "--json", out, "--force", "--quiet"], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    with open(out) as f:
        summary = json.load(f)
    energy = summary.get("exact", {}).get("energy")
    if "vqe" in summary:
        energy = summary["vqe"]["energy"]
    return elapsed, energy


def run_psi4(psi4, text, threads, scratch):
    path = os.path.join(scratch, "psi4.in")
    with open(path, "w") as f:
        f.write(text)
    start = time.perf_counter()
    subprocess.run([psi4, "-n", str(threads), path, os.path.join(scratch, "psi4.out")],
                   check=True, cwd=scratch, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    energy = None
    with open(os.path.join(scratch, "psi4.out")) as f:
        for line in f:
            if "FCI Root 0 energy" in line or "CI ROOT 0 TOTAL ENERGY" in line.upper():
                energy = float(line.split()[-1])
    return elapsed, energy


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", default=DEFAULT_CASES)
    parser.add_argument("--qmol", default=os.path.join(ROOT, "build", "qmol"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads))
    psi4 = shutil.which("psi4")
    if not psi4:
        print("psi4 is not installed: the Psi4 columns stay empty (apt-get install psi4)")
    print(f"{'case':16} {'qmol median s':>14} {'qmol energy':>18} {'psi4 median s':>14} "
          f"{'psi4 energy':>18} {'ratio':>7}")
    for case in args.cases:
        job = os.path.join(HERE, "jobs", case + ".toml")
        qmol_times, psi4_times = [], []
        qmol_energy = psi4_energy = None
        with tempfile.TemporaryDirectory() as scratch:
            for _ in range(args.repeats):
                elapsed, qmol_energy = run_qmol(args.qmol, job, env, scratch)
                qmol_times.append(elapsed)
                if psi4 and case in PSI4_TWINS:
                    text = PSI4_TWINS[case].format(xyz=xyz_body(TWIN_XYZ[case]))
                    elapsed, psi4_energy = run_psi4(psi4, text, args.threads, scratch)
                    psi4_times.append(elapsed)
        q = statistics.median(qmol_times)
        line = f"{case:16} {q:14.2f} {qmol_energy:18.10f}"
        if psi4_times:
            p = statistics.median(psi4_times)
            line += f" {p:14.2f} {psi4_energy:18.10f} {q / p:7.3f}"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
