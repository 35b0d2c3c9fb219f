#!/usr/bin/env bash
# Screens the approved drugs of molecules/drugs.sdf in STO-3G with an automatic active space (MP2
# natural orbitals, at most 6), UCCSD-VQE and the exact energy of that space, and prints the
# molecules ranked by VQE error and by HOMO-LUMO gap.
#   examples/screen_drugs.sh [OUT_DIR] [extra qmol screen options, e.g. --jobs 4]
# Run it again after an interruption: finished molecules are skipped.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-screen-drugs}
shift || true
qmol=${QMOL:-$root/scripts/qmol}

settings=$(mktemp --suffix=.toml)
trap 'rm -f "$settings"' EXIT
cat >"$settings" <<'TOML'
[molecule]
basis = "sto-3g"

[active_space]
select = "natural-orbitals"
frozen_core = true
max_orbitals = 6

[ansatz]
kind = "uccsd"

[exact]
enabled = true
TOML

status=0
"$qmol" screen "$root/molecules/drugs.sdf" --settings "$settings" --out "$out" \
  --keep-fields ID "$@" || status=$?

# The gap is in each molecule's HDF5 file (scf/homo_lumo_gap); Debian's python3 has h5py.
/usr/bin/python3 - "$out" <<'PY'
import csv, os, sys
import h5py
out = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(out, "summary.csv"), newline="")))
ok = [r for r in rows if r["status"] == "ok" and r["error_mEh"]]
for r in ok:
    with h5py.File(os.path.join(out, r["input"] + ".h5"), "r") as f:
        r["gap_eV"] = float(f["scf/homo_lumo_gap"][()]) * 27.211386245988

def table(title, key):
    print(f"\n{title}")
    print(f"{'rank':>4}  {'molecule':<22}{'formula':<12}{'qubits':>6}{'error (mEh)':>13}{'gap (eV)':>10}")
    for i, r in enumerate(sorted(ok, key=key), 1):
        print(f"{i:>4}  {r['input']:<22}{r['formula']:<12}{r['n_qubits']:>6}"
              f"{float(r['error_mEh']):13.6f}{r['gap_eV']:10.3f}")

table("Ranking by VQE error against the exact energy of the active space (smallest first):",
      lambda r: float(r["error_mEh"]))
table("Ranking by HOMO-LUMO gap (smallest first):", lambda r: r["gap_eV"])
for r in rows:
    if r["status"] != "ok":
        print(f"failed: {r['input']}: {r['message']}")
PY
exit $status
