#!/usr/bin/env python3
"""Prints the energies stored in a qmol HDF5 results file (docs/hdf5-schema.md).

    read_results.py results.h5            # a `qmol run --hdf5` file or a screening DIR/<name>.h5
    read_results.py scan/scan.h5          # every point of a scan
    read_results.py results.h5 --datasets # also list every dataset with its shape and units

Needs h5py (Debian: apt install python3-h5py).
"""
import argparse
import sys

import h5py


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def scalar(group, path):
    """The value at `path` below `group`, or None when that stage was not run."""
    if path not in group:
        return None
    value = group[path][()]
    return text(value) if isinstance(value, (bytes, str)) else value


def energy_lines(group, indent=""):
    lines = []
    name = text(group.attrs.get("name", ""))
    formula = scalar(group, "molecule/formula")
    basis = scalar(group, "basis/name")
    header = " ".join(x for x in (name, f"({formula})" if formula else "", basis or "") if x)
    lines.append(f"{indent}{header}")
    rows = [
        ("Hartree-Fock", scalar(group, "scf/energy")),
        ("VQE", scalar(group, "vqe/energy")),
        ("exact", scalar(group, "exact/energy")),
    ]
    for label, value in rows:
        if value is not None:
            lines.append(f"{indent}  {label:<14}{value:20.10f} Eh")
    vqe, exact = rows[1][1], rows[2][1]
    if vqe is not None and exact is not None:
        lines.append(f"{indent}  {'VQE - exact':<14}{1e3 * (vqe - exact):20.6f} mEh")
    if "vqe" in group:
        lines.append(f"{indent}  VQE: {scalar(group, 'ansatz/kind')}, "
                     f"{scalar(group, 'vqe/iterations')} iterations, "
                     f"optimizer {scalar(group, 'vqe/optimizer')}")
    return lines


def list_datasets(f):
    def visit(path, obj):
        if isinstance(obj, h5py.Dataset):
            print(f"  /{path:<48} {str(obj.shape):<14} {text(obj.attrs.get('units', '?'))}")
    f.visititems(visit)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--datasets", action="store_true", help="list every dataset with units")
    args = parser.parse_args()
    with h5py.File(args.file, "r") as f:
        if text(f.attrs.get("format", "")) != "qmol-results":
            sys.exit(f"{args.file}: not a qmol results file")
        print(f"{args.file}: qmol {text(f.attrs['qmol_version'])} "
              f"(commit {text(f.attrs['git_commit'])}), created {text(f.attrs['created'])}")
        if "points" in f:
            units = text(f.attrs.get("coordinate_units", ""))
            for key in sorted(f["points"]):
                point = f["points"][key]
                coordinate = float(text(point.attrs["coordinate"]))
                print(f"point {key}: coordinate {coordinate:.6f} {units}, "
                      f"status {text(point.attrs['status'])}")
                if "job_text" in point:
                    print("\n".join(energy_lines(point, "  ")))
        elif "summary" in f and "job_text" not in f:
            table = f["summary"]
            for i in range(len(table["input"])):
                print(f"{text(table['input'][i]):<24}{text(table['status'][i]):<8}"
                      f"{table['vqe_energy'][i]:20.10f}")
        else:
            print("\n".join(energy_lines(f)))
        if args.datasets:
            list_datasets(f)


if __name__ == "__main__":
    main()
