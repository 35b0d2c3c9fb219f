#pragma once
// Chemical structure files (SMILES, SDF/MOL, MOL2, PDB) read through RDKit. RDKit stays inside
// chemical_structure.cpp: this header names none of its types.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qmol/chem/molecule.h"
#include "qmol/core/errors.h"

namespace qmol {

enum class StructureFormat { smiles, sdf, mol2, pdb };

// The format of a file name, from its extension (case-insensitive): .smi/.smiles, .sdf/.sd/.mol,
// .mol2, .pdb; nullopt for any other.
std::optional<StructureFormat> structure_format_of(const std::string& path);
// Those extensions, for messages.
inline constexpr std::string_view kStructureExtensions =
    ".smi, .smiles, .sdf, .sd, .mol, .mol2 or .pdb";

// How a structure without 3D coordinates becomes a geometry.
struct StructureOptions {
  // ETKDGv3's random seed: the same input and seed give the same geometry bit for bit.
  std::uint32_t seed = 20260101;
  // Conformers embedded (default 1); the lowest by force-field energy is kept.
  std::optional<int> conformers;
  // Place missing hydrogens on a structure that has 3D coordinates (one without coordinates
  // always gets them).
  bool add_hydrogens = false;
};

// One record of a structure file, found but not yet interpreted (so that a broken record still
// has its name and place, and a screening can list records without embedding them).
struct StructureRecord {
  StructureFormat format = StructureFormat::smiles;
  std::string text;   // the SMILES, the mol block, or the whole MOL2/PDB file
  std::string title;  // SMILES: the name after it; SDF: the title line; MOL2: the name; else ""
  std::map<std::string, std::string> fields;  // SD data fields (<NAME> -> value)
  Location where;                             // file and first line of the record
};

// Every record of a structure file: a SMILES file's non-blank, non-comment lines ("SMILES name";
// a first line "SMILES ..." is a header), an SD file's records between "$$$$" lines, a MOL2 or
// PDB file as one record. InputError for a missing or unreadable file, or one without records.
std::vector<StructureRecord> read_structure_records(const std::string& path);

// A record read from a SMILES string given inline (a job's [molecule] smiles), placed at `where`.
StructureRecord smiles_record(const std::string& smiles, const Location& where);

// The record's heavy (non-hydrogen) atoms as RDKit reads it, without embedding: a cheap measure of
// its size (screening starts the largest first); 0 for a record RDKit cannot read.
int heavy_atom_count(const StructureRecord& record);

// What a record gives the pipeline.
struct ChemicalStructure {
  // In Bohr; charge = the sum of the formal charges, multiplicity = radical electrons + 1; name =
  // the record's title; smiles = the canonical SMILES (hydrogens implicit).
  Molecule molecule;
  bool embedded = false;            // coordinates generated (ETKDGv3, then the force field)
  std::string force_field;          // "MMFF94" or "UFF" when embedded
  double force_field_energy = 0.0;  // kcal/mol, of the kept conformer
  std::string mol_block;            // the molecule as used (all hydrogens, 3D), for SD files
};

// Parses, sanitizes and, when the record has no 3D coordinates, adds hydrogens, embeds
// options.conformers conformers with ETKDGv3 from options.seed and optimizes them with MMFF94
// (UFF where MMFF94 has no parameters), keeping the lowest. A record with 3D coordinates is used
// as given. InputError at record.where with RDKit's reason for an unparsable or chemically
// impossible record, a molecule that fails to embed, 3D coordinates missing hydrogens (without
// add_hydrogens), dummy atoms and elements beyond Kr.
ChemicalStructure interpret_structure(const StructureRecord& record,
                                      const StructureOptions& options);

}  // namespace qmol
