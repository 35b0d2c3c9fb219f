#include "qmol/chem/chemical_structure.h"

#include <GraphMol/DistGeomHelpers/Embedder.h>
#include <GraphMol/FileParsers/FileParsers.h>
#include <GraphMol/ForceFieldHelpers/MMFF/MMFF.h>
#include <GraphMol/ForceFieldHelpers/UFF/UFF.h>
#include <GraphMol/GraphMol.h>
#include <GraphMol/MolOps.h>
#include <GraphMol/SmilesParse/SmilesParse.h>
#include <GraphMol/SmilesParse/SmilesWrite.h>
#include <RDGeneral/RDLog.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>

#include "qmol/chem/elements.h"
#include "qmol/core/units.h"

namespace qmol {
namespace fs = std::filesystem;
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string read_text(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw InputError("no such file", {path, 0, ""});
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) throw InputError("cannot read the file", {path, 0, ""});
  std::string s = text.str();
  if (s.rfind("\xEF\xBB\xBF", 0) == 0) s.erase(0, 3);  // UTF-8 byte order mark
  return s;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

// "SMILES name": the name is the rest of the line after the first run of whitespace.
std::vector<StructureRecord> smiles_records(const std::string& path, const std::string& text) {
  std::vector<StructureRecord> out;
  const std::vector<std::string> lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string line = trim(lines[i]);
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.find_first_of(" \t");
    std::string smiles = line.substr(0, space);
    if (out.empty() && lower(smiles) == "smiles") continue;  // a header line
    StructureRecord r;
    r.format = StructureFormat::smiles;
    r.text = smiles;
    if (space != std::string::npos) r.title = trim(line.substr(space));
    r.where = {path, static_cast<int>(i + 1), ""};
    out.push_back(std::move(r));
  }
  return out;
}

// Records end at "$$$$"; the mol block ends at "M  END", and the data fields ("> <NAME>" then
// value lines up to a blank line) follow it.
std::vector<StructureRecord> sd_records(const std::string& path, const std::string& text) {
  std::vector<StructureRecord> out;
  const std::vector<std::string> lines = split_lines(text);
  std::size_t start = 0;
  auto close = [&](std::size_t end) {  // lines [start, end)
    bool blank = true;
    for (std::size_t i = start; i < end; ++i) blank = blank && trim(lines[i]).empty();
    if (blank) return;
    StructureRecord r;
    r.format = StructureFormat::sdf;
    r.title = trim(lines[start]);
    r.where = {path, static_cast<int>(start + 1), ""};
    std::size_t i = start;
    for (; i < end; ++i) {
      r.text += lines[i] + "\n";
      if (lines[i].rfind("M  END", 0) == 0) break;
    }
    for (++i; i < end; ++i) {
      const std::string& header = lines[i];
      if (header.empty() || header[0] != '>') continue;
      const auto open = header.find('<'), shut = header.find('>', open + 1);
      if (open == std::string::npos || shut == std::string::npos) continue;
      std::string value;
      for (++i; i < end && !trim(lines[i]).empty(); ++i) {
        if (!value.empty()) value += '\n';
        value += trim(lines[i]);
      }
      r.fields[header.substr(open + 1, shut - open - 1)] = value;
    }
    out.push_back(std::move(r));
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("$$$$", 0) == 0) {
      close(i);
      start = i + 1;
    }
  }
  if (start < lines.size()) close(lines.size());
  return out;
}

std::string mol2_name(const std::string& text) {
  const std::vector<std::string> lines = split_lines(text);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i)
    if (trim(lines[i]) == "@<TRIPOS>MOLECULE") return trim(lines[i + 1]);
  return "";
}

// RDKit reports some failures (a SMILES syntax error) only to its error log: for the time of one
// parse, that log goes to a string and the warning and info logs go nowhere (qmol prints its own
// one-line errors). RDKit's logs are process-wide, hence the lock.
class RdkitLogCapture {
 public:
  RdkitLogCapture() : lock_(mutex()) {
    saved_ = {rdErrorLog, rdWarningLog, rdInfoLog};
    rdErrorLog = std::make_shared<boost::logging::rdLogger>(&errors_);
    rdWarningLog = std::make_shared<boost::logging::rdLogger>(&discarded_);
    rdInfoLog = std::make_shared<boost::logging::rdLogger>(&discarded_);
  }
  ~RdkitLogCapture() {
    rdErrorLog = saved_[0];
    rdWarningLog = saved_[1];
    rdInfoLog = saved_[2];
  }
  RdkitLogCapture(const RdkitLogCapture&) = delete;
  RdkitLogCapture& operator=(const RdkitLogCapture&) = delete;

  // The log's first line (the most specific; RDKit repeats itself after it), without its
  // timestamp ("[12:00:00] ").
  std::string reason() const {
    for (std::string line : split_lines(errors_.str())) {
      if (line.size() > 11 && line[0] == '[' && line[9] == ']') line = line.substr(11);
      line = trim(line);
      if (!line.empty()) return line;
    }
    return "";
  }

 private:
  static std::mutex& mutex() {
    static std::mutex m;
    return m;
  }
  std::lock_guard<std::mutex> lock_;
  std::ostringstream errors_, discarded_;
  std::vector<std::shared_ptr<boost::logging::rdLogger>> saved_;
};

std::unique_ptr<RDKit::RWMol> parse_record(const StructureRecord& r) {
  // Hydrogens stay as the file gives them (removeHs = false): explicit ones carry coordinates.
  switch (r.format) {
    case StructureFormat::smiles: {
      RDKit::SmilesParserParams params;
      params.removeHs = false;
      params.parseName = false;
      return std::unique_ptr<RDKit::RWMol>(RDKit::SmilesToMol(r.text, params));
    }
    case StructureFormat::sdf:
      return std::unique_ptr<RDKit::RWMol>(RDKit::MolBlockToMol(r.text, true, false));
    case StructureFormat::mol2:
      return std::unique_ptr<RDKit::RWMol>(RDKit::Mol2BlockToMol(r.text, true, false));
    case StructureFormat::pdb:
      return std::unique_ptr<RDKit::RWMol>(RDKit::PDBBlockToMol(r.text, true, false));
  }
  return nullptr;
}

std::string what_record(const StructureRecord& r) {
  switch (r.format) {
    case StructureFormat::smiles:
      return fmt::format("SMILES \"{}\"", r.text);
    case StructureFormat::sdf:
      return r.title.empty() ? "the SD record" : fmt::format("the SD record \"{}\"", r.title);
    case StructureFormat::mol2:
      return "the MOL2 file";
    case StructureFormat::pdb:
      return "the PDB file";
  }
  return "the record";
}

// ETKDGv3 conformers from the seed, each optimized by MMFF94 (UFF without MMFF94 parameters);
// the molecule keeps only the lowest.
void embed(RDKit::RWMol& mol, const StructureRecord& r, const StructureOptions& o,
           ChemicalStructure& out) {
  RDKit::MolOps::addHs(mol);
  RDKit::DGeomHelpers::EmbedParameters params = RDKit::DGeomHelpers::ETKDGv3;
  params.randomSeed = static_cast<int>(o.seed & 0x7fffffff);
  params.numThreads = 1;  // one thread: the same geometry whatever the machine
  const int n = o.conformers.value_or(1);
  const std::vector<int> ids = RDKit::DGeomHelpers::EmbedMultipleConfs(mol, n, params);
  if (ids.empty())
    throw InputError(fmt::format("RDKit could not embed {} in 3D (ETKDGv3, seed {}); try another "
                                 "[molecule] seed, or give 3D coordinates",
                                 what_record(r), o.seed),
                     r.where);
  std::vector<std::pair<int, double>> results;
  RDKit::MMFF::MMFFMolProperties mmff(mol);
  if (mmff.isValid()) {
    out.force_field = "MMFF94";
    RDKit::MMFF::MMFFOptimizeMoleculeConfs(mol, results, 1, 10000);
  } else {
    out.force_field = "UFF";
    RDKit::UFF::UFFOptimizeMoleculeConfs(mol, results, 1, 10000);
  }
  std::size_t best = 0;
  for (std::size_t i = 1; i < results.size(); ++i)
    if (results[i].second < results[best].second) best = i;
  const unsigned keep = mol.getConformer(ids[best]).getId();
  std::vector<unsigned> others;
  for (auto c = mol.beginConformers(); c != mol.endConformers(); ++c)
    if ((*c)->getId() != keep) others.push_back((*c)->getId());
  for (unsigned id : others) mol.removeConformer(id);
  out.embedded = true;
  out.force_field_energy = results.empty() ? 0.0 : results[best].second;
}

}  // namespace

std::optional<StructureFormat> structure_format_of(const std::string& path) {
  const std::string e = lower(fs::path(path).extension().string());
  if (e == ".smi" || e == ".smiles") return StructureFormat::smiles;
  if (e == ".sdf" || e == ".sd" || e == ".mol") return StructureFormat::sdf;
  if (e == ".mol2") return StructureFormat::mol2;
  if (e == ".pdb") return StructureFormat::pdb;
  return std::nullopt;
}

std::vector<StructureRecord> read_structure_records(const std::string& path) {
  const auto format = structure_format_of(path);
  if (!format) throw InputError("not a SMILES, SD, MOL2 or PDB file", {path, 0, ""});
  const std::string text = read_text(path);
  std::vector<StructureRecord> records;
  switch (*format) {
    case StructureFormat::smiles:
      records = smiles_records(path, text);
      break;
    case StructureFormat::sdf:
      records = sd_records(path, text);
      break;
    case StructureFormat::mol2:
    case StructureFormat::pdb:
      if (!trim(text).empty()) {
        StructureRecord r;
        r.format = *format;
        r.text = text;
        if (*format == StructureFormat::mol2) r.title = mol2_name(text);
        r.where = {path, 1, ""};
        records.push_back(std::move(r));
      }
      break;
  }
  if (records.empty()) throw InputError("the file holds no molecule", {path, 0, ""});
  return records;
}

StructureRecord smiles_record(const std::string& smiles, const Location& where) {
  StructureRecord r;
  r.format = StructureFormat::smiles;
  r.text = trim(smiles);
  r.where = where;
  return r;
}

int heavy_atom_count(const StructureRecord& record) {
  RdkitLogCapture log;  // a broken record is reported when it is interpreted, not here
  try {
    const std::unique_ptr<RDKit::RWMol> mol = parse_record(record);
    return mol ? static_cast<int>(mol->getNumHeavyAtoms()) : 0;
  } catch (const std::exception&) {
    return 0;
  }
}

ChemicalStructure interpret_structure(const StructureRecord& record,
                                      const StructureOptions& options) {
  RdkitLogCapture log;
  std::unique_ptr<RDKit::RWMol> mol;
  try {
    mol = parse_record(record);
  } catch (const std::exception& e) {  // RDKit's sanitization and file-format exceptions
    throw InputError(fmt::format("RDKit cannot read {}: {}", what_record(record), e.what()),
                     record.where);
  }
  if (!mol || mol->getNumAtoms() == 0) {
    const std::string reason = log.reason();
    throw InputError(fmt::format("RDKit cannot read {}{}", what_record(record),
                                 reason.empty() ? ": no atoms" : ": " + reason),
                     record.where);
  }
  for (const RDKit::Atom* a : mol->atoms()) {
    if (a->getAtomicNum() < 1)
      throw InputError(fmt::format("{} has a dummy or query atom ({}); give real elements",
                                   what_record(record), a->getSymbol()),
                       record.where);
    if (a->getAtomicNum() > kMaxAtomicNumber)
      throw InputError(fmt::format("{} has {} (Z = {}); qmol's basis sets cover H to Kr",
                                   what_record(record), a->getSymbol(), a->getAtomicNum()),
                       record.where);
  }

  ChemicalStructure out;
  // PDB and MOL2 coordinates are 3D by definition (RDKit's PDB reader leaves is3D unset); a mol
  // block says so in its header or by a non-zero z.
  const bool has_3d = mol->getNumConformers() > 0 &&
                      (record.format == StructureFormat::pdb ||
                       record.format == StructureFormat::mol2 || mol->getConformer().is3D());
  try {
    if (!has_3d) {
      embed(*mol, record, options, out);
    } else {
      unsigned implicit = 0;
      for (const RDKit::Atom* a : mol->atoms()) implicit += a->getNumImplicitHs();
      if (implicit && !options.add_hydrogens)
        throw InputError(fmt::format("{} has 3D coordinates but lacks {} hydrogen(s); add them "
                                     "to the file, or set [molecule] add_hydrogens = true",
                                     what_record(record), implicit),
                         record.where);
      if (implicit) RDKit::MolOps::addHs(*mol, false, true);
    }
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    throw InputError(fmt::format("RDKit failed on {}: {}", what_record(record), e.what()),
                     record.where);
  }

  Molecule& m = out.molecule;
  m.name = record.title;
  m.charge = RDKit::MolOps::getFormalCharge(*mol);
  int radicals = 0;
  const RDKit::Conformer& conf = mol->getConformer();
  for (const RDKit::Atom* a : mol->atoms()) {
    radicals += static_cast<int>(a->getNumRadicalElectrons());
    const RDGeom::Point3D& p = conf.getAtomPos(a->getIdx());
    m.atoms.push_back({a->getAtomicNum(), Eigen::Vector3d(p.x, p.y, p.z) * kAngstromInBohr});
  }
  m.multiplicity = radicals + 1;
  RDKit::RWMol heavy(*mol);
  RDKit::MolOps::removeHs(heavy);
  m.smiles = RDKit::MolToSmiles(heavy);
  out.mol_block = RDKit::MolToMolBlock(*mol);
  return out;
}

}  // namespace qmol
