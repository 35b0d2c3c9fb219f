#!/usr/bin/env bash
# Screens the small molecules of molecules/ with UCCSD-VQE in STO-3G and prints them ranked by
# correlation energy (VQE minus Hartree-Fock), with the VQE error against the exact energy.
#   examples/screen_library.sh [OUT_DIR] [extra qmol screen options, e.g. --jobs 4]
# Run it again after an interruption: finished molecules are skipped.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-screen-library}
shift || true
qmol=${QMOL:-$root/scripts/qmol}

# The settings every molecule gets (no geometry here). Molecules whose active space is too big
# for the memory limit are reported as failed, the rest go on.
settings=$(mktemp --suffix=.toml)
trap 'rm -f "$settings"' EXIT
cat >"$settings" <<'TOML'
[molecule]
basis = "sto-3g"

[active_space]
frozen_core = true

[ansatz]
kind = "uccsd"

[exact]
enabled = true
TOML

# Closed-shell molecules small enough for a laptop; the open shells need their own multiplicity.
inputs=()
for m in h2 lih beh2 h2o hf nh3 h4-chain h6-chain; do
  [ -f "$root/molecules/$m.xyz" ] && inputs+=("$root/molecules/$m.xyz")
done

status=0
"$qmol" screen "${inputs[@]}" --settings "$settings" --out "$out" "$@" || status=$?

echo
echo "Ranking by correlation energy (VQE - HF), from $out/summary.csv:"
/usr/bin/env python3 - "$out/summary.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
ok = [r for r in rows if r["status"] == "ok" and r["vqe_energy"] and r["hf_energy"]]
ok.sort(key=lambda r: float(r["vqe_energy"]) - float(r["hf_energy"]))
print(f"{'rank':>4}  {'molecule':<16}{'formula':<10}{'qubits':>6}{'E_corr (mEh)':>14}{'error (mEh)':>13}")
for i, r in enumerate(ok, 1):
    corr = 1e3 * (float(r["vqe_energy"]) - float(r["hf_energy"]))
    err = r["error_mEh"] and f"{float(r['error_mEh']):13.4f}" or f"{'':>13}"
    print(f"{i:>4}  {r['input']:<16}{r['formula']:<10}{r['n_qubits']:>6}{corr:14.4f}{err}")
for r in rows:
    if r["status"] != "ok":
        print(f"failed: {r['input']}: {r['message']}")
PY
exit $status
