#!/usr/bin/env python3
"""Draws the energy curves of a qmol scan to a PNG.

    qmol scan h2-scan.toml --out scan
    plot_scan.py scan/scan.csv -o h2-scan.png

Reads scan.csv (columns point,coordinate,hf_energy,vqe_energy,exact_energy,vqe_iterations,status,
message); points where a stage was not run are left out of its curve. When both VQE and exact energies are
present a second panel shows the VQE error in mEh with the chemical-accuracy line (1.6 mEh).
Needs matplotlib (Debian: apt install python3-matplotlib).
"""
import argparse
import csv
import os

import matplotlib

matplotlib.use("Agg")  # files only: no display needed
import matplotlib.pyplot as plt  # noqa: E402

CHEMICAL_ACCURACY_MEH = 1.6


def read_scan(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    def column(name):
        return [(float(r["coordinate"]), float(r[name])) for r in rows if r[name] != ""]
    return {name: column(name) for name in ("hf_energy", "vqe_energy", "exact_energy")}


def coordinate_label(csv_path):
    """The coordinate's unit from scan.h5 next to the CSV, when h5py is there to read it."""
    h5_path = os.path.join(os.path.dirname(csv_path), "scan.h5")
    try:
        import h5py
        with h5py.File(h5_path, "r") as f:
            kind = f.attrs.get("scan_kind", b"")
            kind = kind.decode() if isinstance(kind, bytes) else kind
            return {"bond": "bond length (Å)", "angle": "angle (degrees)"}.get(kind, "frame")
    except (ImportError, OSError):
        return "coordinate"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", help="DIR/scan.csv written by qmol scan")
    parser.add_argument("-o", "--output", default="scan.png", help="PNG file to write")
    args = parser.parse_args()
    curves = read_scan(args.csv)
    vqe = dict(curves["vqe_energy"])
    exact = dict(curves["exact_energy"])
    errors = [(x, 1e3 * (vqe[x] - exact[x])) for x in sorted(vqe) if x in exact]

    panels = 2 if errors else 1
    fig, axes = plt.subplots(panels, 1, sharex=True, figsize=(6, 4 + 2 * (panels - 1)),
                             squeeze=False)
    top = axes[0][0]
    styles = {"hf_energy": ("Hartree-Fock", "o--"), "exact_energy": ("exact", "k-"),
              "vqe_energy": ("VQE", "s")}
    for name, (label, style) in styles.items():
        points = curves[name]
        if points:
            xs, ys = zip(*points)
            top.plot(xs, ys, style, label=label, markersize=4, fillstyle="none")
    top.set_ylabel("energy (Eh)")
    top.legend()
    if errors:
        bottom = axes[1][0]
        xs, ys = zip(*errors)
        bottom.plot(xs, ys, "s-", markersize=4)
        bottom.axhline(CHEMICAL_ACCURACY_MEH, color="gray", linestyle=":",
                       label="chemical accuracy")
        bottom.set_ylabel("VQE - exact (mEh)")
        bottom.legend()
    axes[-1][0].set_xlabel(coordinate_label(args.csv))
    fig.tight_layout()
    fig.savefig(args.output, dpi=120)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
