"""Chemical structure input through the command line: SMILES in a job and in .smi files, SD
(multi-record, V2000), MOL2 and PDB files; the embedded geometry (reproducible bit for bit, the
same energy as the XYZ file qmol writes of it), charge and multiplicity from the structure,
screening of SD and SMILES records (names, kept fields, the smiles column, a broken record failing
alone), `qmol embed`, and every bad input (exit 2, one `error:` line, no output).
usage: test_structures.py QMOL_EXECUTABLE"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

QMOL = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else "build/qmol")
SOURCE = os.environ.get("QMOL_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
MOLECULES = os.path.join(SOURCE, "molecules")

WATER_SD = """water
  hand-written

  3  2  0  0  0  0  0  0  0  0999 V2000
    0.0000    0.0000    0.1173 O   0  0  0  0  0  0  0  0  0  0  0  0
    0.0000    0.7572   -0.4692 H   0  0  0  0  0  0  0  0  0  0  0  0
    0.0000   -0.7572   -0.4692 H   0  0  0  0  0  0  0  0  0  0  0  0
  1  2  1  0
  1  3  1  0
M  END
> <ID>
W-%d

> <activity>
%s

$$$$
"""
WATER_XYZ = "3\nwater\nO 0 0 0.1173\nH 0 0.7572 -0.4692\nH 0 -0.7572 -0.4692\n"
TRUNCATED_SD = """broken
  hand-written

  3  2  0  0  0  0  0  0  0  0999 V2000
    0.0000    0.0000    0.1173 O   0  0  0  0  0  0  0  0  0  0  0  0
$$$$
"""


def read(path):
    with open(path) as f:
        return f.read()


class Structures(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qmol-structures-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text)
        return self.path(name)

    def qmol(self, *args, code=0):
        p = subprocess.run([QMOL, *args], capture_output=True, text=True, cwd=self.dir)
        self.assertEqual(p.returncode, code, "qmol %s\n%s%s" % (" ".join(args), p.stderr,
                                                               p.stdout[-2000:]))
        return p

    def summary(self, *args):
        p = self.qmol("run", *args, "--json", "-", "--quiet")
        return json.loads(p.stdout)

    def error(self, *args):
        """The one `error:` line of a command that fails with exit 2 and writes nothing."""
        before = set(os.listdir(self.dir))
        p = self.qmol(*args, code=2)
        lines = [l for l in p.stderr.splitlines() if l.startswith("error: ")]
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertEqual(p.stdout, "")
        self.assertEqual(set(os.listdir(self.dir)), before, "a failed command wrote output")
        return lines[0]

    def test_smiles_job_and_its_xyz_give_the_same_energy(self):
        job = self.write("aspirin.toml", '[molecule]\nsmiles = "CC(=O)Oc1ccccc1C(=O)O"\n')
        a = self.summary(job, "--xyz", "aspirin-used.xyz")
        m = a["molecule"]
        self.assertEqual(m["smiles"], "CC(=O)Oc1ccccc1C(=O)O")
        self.assertEqual(m["formula"], "C9H8O4")
        self.assertEqual(len(m["symbols"]), 21)
        self.assertEqual(len(m["geometry_angstrom"]), 21)
        b = self.summary(self.path("aspirin-used.xyz"))
        self.assertAlmostEqual(a["scf"]["energy"], b["scf"]["energy"], delta=1e-8)
        # The same input and seed: the same geometry, bit for bit; another seed moves it.
        again = self.summary(job)
        self.assertEqual(again["molecule"]["geometry_angstrom"], m["geometry_angstrom"])
        seeded = self.write("seeded.toml",
                            '[molecule]\nsmiles = "CC(=O)Oc1ccccc1C(=O)O"\nseed = 11\n')
        self.assertNotEqual(self.summary(seeded)["molecule"]["geometry_angstrom"],
                            m["geometry_angstrom"])

    def test_charge_and_multiplicity_come_from_the_structure(self):
        ammonium = self.summary(self.write("nh4.toml", '[molecule]\nsmiles = "[NH4+]"\n'))
        self.assertEqual(ammonium["molecule"]["charge"], 1)
        self.assertEqual(ammonium["molecule"]["n_electrons"], 10)
        methyl = self.summary(self.write("ch3.smi", "[CH3] methyl\n"))
        self.assertEqual(methyl["molecule"]["multiplicity"], 2)
        self.assertEqual(methyl["molecule"]["name"], "methyl")
        line = self.error("run", self.write("bad.toml",
                                            '[molecule]\nsmiles = "[NH4+]"\ncharge = 0\n'))
        self.assertIn("bad.toml:3: molecule.charge = 0 disagrees with the structure, whose formal "
                      "charges sum to 1", line)
        line = self.error("run", self.write("bad2.toml",
                                            '[molecule]\nsmiles = "[CH3]"\nmultiplicity = 4\n'))
        self.assertIn("bad2.toml:3: molecule.multiplicity = 4 disagrees", line)
        self.assertIn("give multiplicity 2", line)

    def test_sd_mol2_and_pdb_files_run(self):
        sd = self.write("water.sdf", WATER_SD % (1, "1.0"))
        xyz = self.write("water.xyz", WATER_XYZ)
        reference = self.summary(xyz)["scf"]["energy"]
        self.assertAlmostEqual(self.summary(sd)["scf"]["energy"], reference, delta=1e-10)
        mol2 = self.write("water.mol2", """@<TRIPOS>MOLECULE
water
 3 2 0 0 0
SMALL
NO_CHARGES

@<TRIPOS>ATOM
      1 O1          0.0000    0.0000    0.1173 O.3     1  HOH1        0.0000
      2 H1          0.0000    0.7572   -0.4692 H       1  HOH1        0.0000
      3 H2          0.0000   -0.7572   -0.4692 H       1  HOH1        0.0000
@<TRIPOS>BOND
     1     1     2    1
     2     1     3    1
""")
        self.assertAlmostEqual(self.summary(mol2)["scf"]["energy"], reference, delta=1e-10)
        pdb = self.write("water.pdb", "HETATM    1  O   HOH A   1       0.000   0.000   0.117"
                         "  1.00  0.00           O\nEND\n")
        self.assertIn("add_hydrogens = true", self.error("run", pdb))
        job = self.write("pdb.toml", '[molecule]\ngeometry = "water.pdb"\nadd_hydrogens = true\n')
        self.assertEqual(self.summary(job)["molecule"]["formula"], "H2O")

    def test_records_are_picked_by_number_or_name(self):
        self.write("two.sdf", WATER_SD % (1, "1.0") + TRUNCATED_SD)
        self.write("list.smi", "CCO ethanol\nC methane\n")
        line = self.error("run", self.path("list.smi"))
        self.assertIn("holds 2 molecules: pick one with [molecule] record = N", line)
        by_name = self.write("n.toml", '[molecule]\ngeometry = "list.smi"\nname = "methane"\n')
        self.assertEqual(self.summary(by_name)["molecule"]["formula"], "CH4")
        by_number = self.write("r.toml", '[molecule]\ngeometry = "list.smi"\nrecord = 1\n')
        self.assertEqual(self.summary(by_number)["molecule"]["formula"], "C2H6O")
        line = self.error("run", self.write("r3.toml",
                                            '[molecule]\ngeometry = "list.smi"\nrecord = 3\n'))
        self.assertIn("r3.toml:3: molecule.record = 3, but", line)
        line = self.error("run", self.write("nx.toml",
                                            '[molecule]\ngeometry = "list.smi"\nname = "x"\n'))
        self.assertIn('no molecule named "x"', line)
        line = self.error("run", self.write("t.toml",
                                            '[molecule]\ngeometry = "two.sdf"\nrecord = 2\n'))
        self.assertIn("two.sdf:18: RDKit cannot read the SD record \"broken\"", line)

    def test_bad_structures_are_one_line_errors(self):
        def job(name, molecule):
            return self.write(name, "[molecule]\n" + molecule)

        line = self.error("run", job("syntax.toml", 'smiles = "C1CC(("\n'))
        self.assertIn('syntax.toml:2: RDKit cannot read SMILES "C1CC(("', line)
        self.assertIn("SMILES Parse Error", line)
        line = self.error("run", job("valence.toml", 'smiles = "C(C)(C)(C)(C)C"\n'))
        self.assertIn("valence.toml:2:", line)
        self.assertIn("valence", line)
        line = self.error("run", job("embed.toml", 'smiles = "C1CC2CC1C=2"\n'))
        self.assertIn("RDKit could not embed", line)
        line = self.error("run", job("basis.toml", 'smiles = "CBr"\nbasis = "6-31+g*"\n'))
        self.assertIn("Br", line)
        self.assertIn("error: ", line)
        line = self.error("run", job("iodine.toml", 'smiles = "CI"\n'))
        self.assertIn("qmol's basis sets cover H to Kr", line)
        line = self.error("run", self.write("truncated.sdf", TRUNCATED_SD))
        self.assertIn("truncated.sdf:1: RDKit cannot read the SD record", line)
        self.write("w.xyz", WATER_XYZ)
        line = self.error("run", job("seed.toml", 'geometry = "w.xyz"\nseed = 3\n'))
        self.assertIn("seed.toml:3: molecule.seed applies to SMILES and structure files", line)
        self.write("w.sdf", WATER_SD % (1, "1"))
        line = self.error("run", job("conf.toml", 'geometry = "w.sdf"\nconformers = 3\n'))
        self.assertIn("molecule.conformers applies to structures without 3D coordinates", line)
        line = self.error("run", job("both.toml", 'smiles = "C"\ngeometry = "w.xyz"\n'))
        self.assertIn("give one of molecule.geometry, molecule.atoms and molecule.smiles", line)
        self.assertIn("no such file", self.error("run", self.path("missing.sdf")))
        line = self.error("run", self.write("empty.smi", "# nothing\n"))
        self.assertIn("holds no molecule", line)

    def test_screening_sd_records_keeps_fields_and_fails_the_broken_one_alone(self):
        self.write("lib.sdf", WATER_SD % (1, "1.5") + TRUNCATED_SD + WATER_SD % (3, "0.2"))
        self.write("more.smi", "CCO ethanol\nC(C)(C)(C)(C)C pentavalent\n")
        settings = self.write("settings.toml", '[molecule]\nbasis = "sto-3g"\n')
        out = self.path("out")
        p = self.qmol("screen", self.path("lib.sdf"), self.path("more.smi"), "--settings",
                      settings, "--out", out, "--keep-fields", "ID,activity", "--name-field",
                      "ID", "--jobs", "2", "--quiet", code=1)
        rows = list(csv.DictReader(read(os.path.join(out, "summary.csv")).splitlines()))
        self.assertEqual([r["input"] for r in rows],
                         ["W-1", "broken", "W-3", "ethanol", "pentavalent"])
        self.assertEqual([r["status"] for r in rows], ["ok", "failed", "ok", "ok", "failed"])
        self.assertEqual([r["activity"] for r in rows], ["1.5", "", "0.2", "", ""])
        self.assertEqual(rows[0]["ID"], "W-1")
        self.assertEqual(rows[0]["smiles"], "O")
        self.assertEqual(rows[3]["smiles"], "CCO")
        self.assertIn("lib.sdf:18: RDKit cannot read", rows[1]["message"])
        self.assertIn("more.smi:2:", rows[4]["message"])
        self.assertAlmostEqual(float(rows[0]["hf_energy"]), float(rows[2]["hf_energy"]),
                               delta=1e-10)
        self.assertIn("W-3", p.stdout)

    def test_screening_names_are_file_names_and_unique(self):
        self.write("odd.smi", "O a/b\nO a/b\nO .hidden\n")
        settings = self.write("settings.toml", '[molecule]\nbasis = "sto-3g"\n')
        out = self.path("out")
        self.qmol("screen", self.path("odd.smi"), "--settings", settings, "--out", out, "--quiet")
        rows = list(csv.DictReader(read(os.path.join(out, "summary.csv")).splitlines()))
        self.assertEqual([r["input"] for r in rows], ["a_b", "a_b-2", "_.hidden"])
        for r in rows:
            self.assertTrue(os.path.isfile(os.path.join(out, r["input"] + ".h5")), r["input"])

    def test_embed_writes_the_structures_qmol_uses(self):
        self.write("pair.smi", "CCO ethanol\n[NH4+] ammonium\n")
        self.qmol("embed", self.path("pair.smi"), "--output", self.path("pair.sdf"))
        text = read(self.path("pair.sdf"))
        self.assertEqual(text.count("$$$$"), 2)
        self.assertTrue(text.startswith("ethanol\n"))
        self.assertIn(">  <ID>\nammonium\n", text)
        # The SD file reads back as the same molecules (4-decimal coordinates).
        ethanol = self.summary(self.write("e.toml",
                                          '[molecule]\ngeometry = "pair.sdf"\nrecord = 1\n'))
        direct = self.summary(self.write("d.toml", '[molecule]\nsmiles = "CCO"\n'))
        self.assertEqual(ethanol["molecule"]["formula"], "C2H6O")
        self.assertAlmostEqual(ethanol["scf"]["energy"], direct["scf"]["energy"], delta=1e-5)
        ammonium = self.summary(self.write("a.toml",
                                           '[molecule]\ngeometry = "pair.sdf"\nname = "ammonium"\n'))
        self.assertEqual(ammonium["molecule"]["charge"], 1)
        line = self.error("embed", self.path("pair.smi"), "--output", self.path("pair.sdf"))
        self.assertIn("--force", line)

    def test_drug_files_hold_the_same_molecules(self):
        smi = [l.split() for l in read(os.path.join(MOLECULES, "drugs.smi")).splitlines()
               if l.strip() and not l.startswith("#")][1:]
        self.assertGreaterEqual(len(smi), 20)
        sdf = read(os.path.join(MOLECULES, "drugs.sdf")).split("$$$$\n")[:-1]
        self.assertEqual([r.split("\n", 1)[0] for r in sdf], [name for _, name in smi])
        for record, (_, name) in zip(sdf, smi):
            self.assertIn(">  <ID>\n%s\n" % name, record)
            self.assertIn("RDKit          3D", record)


if __name__ == "__main__":
    unittest.main()
