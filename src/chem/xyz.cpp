#include "qmol/chem/xyz.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "qmol/chem/elements.h"
#include "qmol/core/errors.h"
#include "qmol/core/units.h"

namespace qmol {
namespace {

std::vector<std::string> split_words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

double parse_coordinate(const std::string& word, const std::string& file, int line) {
  double value = 0.0;
  const char* end = word.data() + word.size();
  auto [ptr, ec] = std::from_chars(word.data(), end, value);
  if (ec != std::errc() || ptr != end)
    throw InputError(fmt::format("'{}' is not a number (expected a coordinate)", word),
                     {file, line, ""});
  if (!std::isfinite(value))
    throw InputError(fmt::format("coordinate '{}' is not finite", word), {file, line, ""});
  return value;
}

Atom parse_atom(const std::string& text, double to_bohr, const std::string& file, int line) {
  const auto words = split_words(text);
  if (words.size() < 4)
    throw InputError(fmt::format("expected 'Element x y z', got '{}'", text), {file, line, ""});
  Atom atom;
  atom.atomic_number = atomic_number(words[0]);
  if (atom.atomic_number == 0) {
    // Also accept atomic numbers in place of symbols, as many programs write them.
    int z = 0;
    auto [ptr, ec] = std::from_chars(words[0].data(), words[0].data() + words[0].size(), z);
    if (ec == std::errc() && ptr == words[0].data() + words[0].size() && z >= 1 &&
        z <= kMaxAtomicNumber)
      atom.atomic_number = z;
    else
      throw InputError(fmt::format("unknown element '{}' (qmol knows H to Kr)", words[0]),
                       {file, line, ""});
  }
  for (int k = 0; k < 3; ++k)
    atom.position[k] = parse_coordinate(words[k + 1], file, line) * to_bohr;
  return atom;
}

std::string stem(const std::string& path) {
  return std::filesystem::path(path).stem().string();
}

}  // namespace

std::vector<Atom> parse_atom_lines(const std::string& text, double to_bohr, const std::string& file,
                                   int first_line) {
  std::vector<Atom> atoms;
  std::istringstream in(text);
  int line = first_line;
  for (std::string s; std::getline(in, s); ++line) {
    if (split_words(s).empty()) continue;
    atoms.push_back(parse_atom(s, to_bohr, file, line));
  }
  return atoms;
}

std::vector<Molecule> read_xyz_frames(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    const bool exists = std::filesystem::exists(path);
    throw InputError(exists ? "cannot read the file" : "no such file", {path, 0, ""});
  }
  std::vector<Molecule> frames;
  int line = 0;
  std::string s;
  while (std::getline(in, s)) {
    ++line;
    const auto words = split_words(s);
    if (words.empty()) continue;
    int count = 0;
    auto [ptr, ec] = std::from_chars(words[0].data(), words[0].data() + words[0].size(), count);
    if (ec != std::errc() || ptr != words[0].data() + words[0].size() || words.size() != 1 ||
        count < 0)
      throw InputError(fmt::format("expected the number of atoms, got '{}'", s), {path, line, ""});
    if (count == 0) throw InputError("the molecule has no atoms", {path, line, ""});
    std::string comment;
    if (!std::getline(in, comment))
      throw InputError("file ends before the comment line", {path, line, ""});
    ++line;
    Molecule m;
    m.name = stem(path);
    for (int i = 0; i < count; ++i) {
      if (!std::getline(in, s))
        throw InputError(fmt::format("file ends after {} of {} atoms", i, count), {path, line, ""});
      ++line;
      m.atoms.push_back(parse_atom(s, kAngstromInBohr, path, line));
    }
    frames.push_back(std::move(m));
  }
  if (frames.empty()) throw InputError("the file holds no molecule", {path, 0, ""});
  return frames;
}

Molecule read_xyz(const std::string& path) {
  return read_xyz_frames(path).front();
}

}  // namespace qmol
