#include "qmol/chem/xyz.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
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

// A line holding only a non-negative integer: the atom count that starts a frame.
std::optional<int> atom_count(const std::vector<std::string>& words) {
  if (words.size() != 1) return std::nullopt;
  int count = 0;
  const std::string& w = words[0];
  auto [ptr, ec] = std::from_chars(w.data(), w.data() + w.size(), count);
  if (ec != std::errc() || ptr != w.data() + w.size() || count < 0) return std::nullopt;
  return count;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// charge=N and multiplicity=M among the comment line's words; other words are free text.
void read_comment(const std::string& comment, const std::string& file, int line, XyzFrame& f) {
  for (const std::string& word : split_words(comment)) {
    const auto eq = word.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = lower(word.substr(0, eq)), text = word.substr(eq + 1);
    std::optional<int>* target = key == "charge"         ? &f.charge
                                 : key == "multiplicity" ? &f.multiplicity
                                                         : nullptr;
    if (!target) continue;
    int value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || text.empty())
      throw InputError(fmt::format("{}: '{}' is not an integer", key, text), {file, line, key});
    *target = value;
  }
}

enum class Frames { one, many };

class XyzReader {
 public:
  XyzReader(const std::string& path) : path_(path), in_(path) {
    if (std::filesystem::is_directory(path))
      throw InputError("is a directory, not an XYZ file", {path, 0, ""});
    if (!in_)
      throw InputError(std::filesystem::exists(path) ? "cannot read the file" : "no such file",
                       {path, 0, ""});
  }

  std::vector<XyzFrame> read(Frames frames) {
    std::vector<XyzFrame> out;
    std::string s;
    while (next(s)) {
      const auto words = split_words(s);
      if (words.empty()) continue;
      const auto count = atom_count(words);
      if (!count) {
        if (out.empty())
          throw InputError(fmt::format("expected the number of atoms, got '{}'", s),
                           {path_, line_, ""});
        too_many_lines(out.back(), line_);
      }
      if (!out.empty() && frames == Frames::one)
        throw InputError(fmt::format("a second molecule starts here (the file has several frames); "
                                     "`qmol run` reads one: scan the frames with `qmol scan` and "
                                     "[scan] geometries = \"{}\"",
                                     path_),
                         {path_, line_, ""});
      if (*count == 0) throw InputError("the molecule has no atoms", {path_, line_, ""});
      out.push_back(read_frame(*count, line_));
    }
    if (out.empty()) throw InputError("the file holds no molecule", {path_, 0, ""});
    return out;
  }

 private:
  bool next(std::string& s) {
    if (!std::getline(in_, s)) return false;
    if (++line_ == 1 && s.rfind("\xEF\xBB\xBF", 0) == 0) s.erase(0, 3);  // UTF-8 byte order mark
    return true;
  }

  XyzFrame read_frame(int count, int count_line) {
    XyzFrame f;
    std::string comment;
    if (!next(comment))
      throw InputError("file ends before the comment line", {path_, count_line, ""});
    f.comment_line = line_;
    read_comment(comment, path_, line_, f);
    f.molecule.name = stem(path_);
    f.count_line = count_line;
    for (int i = 0; i < count; ++i) {
      std::string s;
      if (!next(s))
        throw InputError(fmt::format("file ends after {} of {} atoms", i, count),
                         {path_, line_, ""});
      f.molecule.atoms.push_back(parse_atom(s, kAngstromInBohr, path_, line_));
    }
    f.molecule.charge = f.charge.value_or(0);
    f.molecule.multiplicity =
        f.multiplicity.value_or(default_multiplicity(f.molecule.n_electrons()));
    return f;
  }

  // A non-blank line after a frame's atoms that does not start another frame: count the extra
  // lines (up to the next frame) so that the message says how many atoms the file really has.
  [[noreturn]] void too_many_lines(const XyzFrame& f, int first_extra) {
    int extra = 1;
    for (std::string s; next(s);) {
      const auto words = split_words(s);
      if (words.empty()) continue;
      if (atom_count(words)) break;
      ++extra;
    }
    const int declared = static_cast<int>(f.molecule.atoms.size());
    throw InputError(
        fmt::format("declares {} atom{}, has {}; fix the count on line {} or remove "
                    "the extra lines",
                    declared, declared == 1 ? "" : "s", declared + extra, f.count_line),
        {path_, first_extra, ""});
  }

  std::string path_;
  std::ifstream in_;
  int line_ = 0;
};

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

XyzFrame read_xyz_frame(const std::string& path) {
  return XyzReader(path).read(Frames::one).front();
}

Molecule read_xyz(const std::string& path) {
  return read_xyz_frame(path).molecule;
}

std::vector<Molecule> read_xyz_frames(const std::string& path) {
  std::vector<Molecule> out;
  for (XyzFrame& f : XyzReader(path).read(Frames::many)) out.push_back(std::move(f.molecule));
  return out;
}

std::string xyz_text(const Molecule& m) {
  std::string name;
  for (char c : m.name) name += std::isspace(static_cast<unsigned char>(c)) ? '_' : c;
  std::string text = fmt::format("{}\n{} charge={} multiplicity={}\n", m.atoms.size(),
                                 name.empty() ? "molecule" : name, m.charge, m.multiplicity);
  for (const Atom& a : m.atoms) {
    const Eigen::Vector3d x = a.position * kBohrInAngstrom;
    text += fmt::format("{:<2} {:18.10f} {:18.10f} {:18.10f}\n", element_symbol(a.atomic_number),
                        x.x(), x.y(), x.z());
  }
  return text;
}

}  // namespace qmol
