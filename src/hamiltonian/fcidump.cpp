#include "qmol/hamiltonian/fcidump.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "qmol/core/errors.h"

namespace qmol {

void write_fcidump(std::ostream& out, const MolecularHamiltonian& hamiltonian,
                   const FcidumpWriteOptions& options) {
  const int n = hamiltonian.n_orbitals();
  if (!options.orbsym.empty() && static_cast<int>(options.orbsym.size()) != n)
    throw InputError(fmt::format("ORBSYM has {} labels for {} orbitals", options.orbsym.size(), n));
  std::string header = fmt::format(" &FCI NORB={},NELEC={},MS2={},\n  ORBSYM=", n,
                                   hamiltonian.n_alpha() + hamiltonian.n_beta(),
                                   hamiltonian.n_alpha() - hamiltonian.n_beta());
  for (int p = 0; p < n; ++p)
    header += fmt::format("{},", options.orbsym.empty() ? 1 : options.orbsym[p]);
  header += fmt::format("\n  ISYM={},\n &END\n", options.isym);
  out << header;
  auto line = [&](double v, int i, int j, int k, int l) {
    out << fmt::format("{:23.16e} {:4d} {:4d} {:4d} {:4d}\n", v, i, j, k, l);
  };
  for (int i = 0; i < n; ++i)
    for (int j = 0; j <= i; ++j)
      for (int k = 0; k <= i; ++k)
        for (int l = 0; l <= (k == i ? j : k); ++l) {
          const double v = hamiltonian.two_body(i, j, k, l);
          if (std::abs(v) > options.threshold) line(v, i + 1, j + 1, k + 1, l + 1);
        }
  for (int i = 0; i < n; ++i)
    for (int j = 0; j <= i; ++j) {
      const double v = hamiltonian.one_body(i, j);
      if (std::abs(v) > options.threshold) line(v, i + 1, j + 1, 0, 0);
    }
  line(hamiltonian.core_energy(), 0, 0, 0, 0);
}

void write_fcidump(const std::string& path, const MolecularHamiltonian& hamiltonian,
                   const FcidumpWriteOptions& options) {
  // Write beside the target and rename, so a failure never leaves a half-written file.
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial);
    if (!out) throw IoError(fmt::format("cannot open {} for writing", partial), {path, 0, ""});
    write_fcidump(out, hamiltonian, options);
    out.flush();
    if (!out) throw IoError(fmt::format("writing {} failed", partial), {path, 0, ""});
  }
  std::error_code ec;
  std::filesystem::rename(partial, path, ec);
  if (ec)
    throw IoError(fmt::format("cannot rename {} to {}: {}", partial, path, ec.message()),
                  {path, 0, ""});
}

namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// A Fortran or C real: "1.5", "-2.0E-03", "1.0D-02", "3.d0".
bool parse_real(std::string token, double& value) {
  for (char& c : token)
    if (c == 'D' || c == 'd') c = 'E';
  if (token.empty()) return false;
  errno = 0;
  char* end = nullptr;
  value = std::strtod(token.c_str(), &end);
  return end == token.c_str() + token.size() && errno != ERANGE && std::isfinite(value);
}

bool parse_int(const std::string& token, long& value) {
  if (token.empty()) return false;
  errno = 0;
  char* end = nullptr;
  value = std::strtol(token.c_str(), &end, 10);
  return end == token.c_str() + token.size() && errno != ERANGE;
}

struct HeaderValue {
  std::vector<std::string> items;
  int line = 0;
};

}  // namespace

FcidumpData read_fcidump(std::istream& in, const std::string& name) {
  auto fail = [&](int line, const std::string& what) -> InputError {
    return InputError(what, {name, line, ""});
  };
  std::string text;
  int line_number = 0;

  // Header: from &FCI / $FCI to &END / $END / "/", as key=value items over any lines.
  bool started = false, ended = false;
  std::map<std::string, HeaderValue> header;
  std::string current_key;
  while (!ended && std::getline(in, text)) {
    ++line_number;
    std::string rest = text;
    if (!started) {
      const std::string u = upper(rest);
      const auto pos = u.find("FCI");
      const auto first = u.find_first_not_of(" \t\r");
      if (first == std::string::npos) continue;
      if (pos == std::string::npos || pos == 0 || (u[pos - 1] != '&' && u[pos - 1] != '$') ||
          pos - 1 != first)
        throw fail(line_number, "an FCIDUMP file begins with an &FCI (or $FCI) header line");
      started = true;
      rest = rest.substr(pos + 3);
    }
    // Tokenize: commas and blanks separate; '=' binds a key; a terminator ends the header.
    std::string token;
    std::vector<std::string> tokens;
    for (char c : rest) {
      if (c == ',' || std::isspace(static_cast<unsigned char>(c))) {
        if (!token.empty()) tokens.push_back(token), token.clear();
      } else if (c == '=') {
        if (!token.empty()) tokens.push_back(token), token.clear();
        tokens.push_back("=");
      } else {
        token += c;
      }
    }
    if (!token.empty()) tokens.push_back(token);
    for (std::size_t t = 0; t < tokens.size(); ++t) {
      const std::string u = upper(tokens[t]);
      if (u == "&END" || u == "$END" || u == "/" || u == "&" || u == "$") {
        ended = true;
        break;
      }
      if (t + 1 < tokens.size() && tokens[t + 1] == "=") {
        current_key = u;
        header[current_key] = {{}, line_number};
        ++t;
        continue;
      }
      if (tokens[t] == "=" || current_key.empty())
        throw fail(line_number, fmt::format("unexpected '{}' in the &FCI header", tokens[t]));
      header[current_key].items.push_back(tokens[t]);
    }
  }
  if (!started) throw fail(line_number, "empty file: no &FCI header");
  if (!ended) throw fail(line_number, "the &FCI header is not closed by &END, $END or /");

  auto integer = [&](const std::string& key, bool required, long fallback) -> long {
    const auto it = header.find(key);
    if (it == header.end()) {
      if (required) throw fail(1, fmt::format("the &FCI header has no {}", key));
      return fallback;
    }
    long v = 0;
    if (it->second.items.size() != 1 || !parse_int(it->second.items[0], v))
      throw fail(it->second.line, fmt::format("{} must be one integer", key));
    return v;
  };
  FcidumpData data;
  const long norb = integer("NORB", true, 0);
  const long nelec = integer("NELEC", true, 0);
  const long ms2 = integer("MS2", false, 0);
  data.isym = static_cast<int>(integer("ISYM", false, 1));
  if (const auto it = header.find("UHF"); it != header.end()) {
    const std::string v = it->second.items.empty() ? "" : upper(it->second.items[0]);
    if (v != "0" && v != ".FALSE." && v != "F" && v != "FALSE")
      throw fail(it->second.line,
                 "UHF FCIDUMP files (separate alpha and beta integrals) are not supported");
  }
  if (norb < 1 || norb > 64)
    throw fail(header["NORB"].line, fmt::format("NORB = {}: expected 1 to 64 orbitals", norb));
  if (nelec < 0 || nelec > 2 * norb)
    throw fail(header["NELEC"].line,
               fmt::format("NELEC = {} does not fit in {} orbitals", nelec, norb));
  if ((nelec + ms2) % 2 != 0 || std::abs(ms2) > nelec || (nelec + ms2) / 2 > norb ||
      (nelec - ms2) / 2 > norb)
    throw fail(
        header.count("MS2") ? header["MS2"].line : header["NELEC"].line,
        fmt::format("MS2 = {} is impossible with NELEC = {} in {} orbitals", ms2, nelec, norb));
  data.norb = static_cast<int>(norb);
  data.nelec = static_cast<int>(nelec);
  data.ms2 = static_cast<int>(ms2);
  if (const auto it = header.find("ORBSYM"); it != header.end()) {
    for (const std::string& item : it->second.items) {
      long v = 0;
      if (!parse_int(item, v))
        throw fail(it->second.line, fmt::format("ORBSYM entry '{}' is not an integer", item));
      data.orbsym.push_back(static_cast<int>(v));
    }
    if (static_cast<long>(data.orbsym.size()) != norb)
      throw fail(it->second.line,
                 fmt::format("ORBSYM has {} entries for NORB = {}", data.orbsym.size(), norb));
  } else {
    data.orbsym.assign(norb, 1);
  }

  // Body: "value i j k l" lines.
  const std::size_t n = static_cast<std::size_t>(norb);
  Eigen::MatrixXd h = Eigen::MatrixXd::Zero(norb, norb);
  std::vector<double> g(n * n * n * n, 0.0);
  double core = 0.0;
  while (std::getline(in, text)) {
    ++line_number;
    std::istringstream fields(text);
    std::vector<std::string> tokens;
    for (std::string t; fields >> t;) tokens.push_back(t);
    if (tokens.empty()) continue;
    if (tokens.size() != 5)
      throw fail(line_number, fmt::format("expected 'value i j k l', found {} fields: '{}'",
                                          tokens.size(), text));
    double value = 0.0;
    if (!parse_real(tokens[0], value))
      throw fail(line_number, fmt::format("'{}' is not a number", tokens[0]));
    long idx[4];
    for (int a = 0; a < 4; ++a) {
      if (!parse_int(tokens[a + 1], idx[a]))
        throw fail(line_number, fmt::format("index '{}' is not an integer", tokens[a + 1]));
      if (idx[a] < 0 || idx[a] > norb)
        throw fail(line_number,
                   fmt::format("orbital index {} is out of range 0..{} (NORB)", idx[a], norb));
    }
    const long i = idx[0], j = idx[1], k = idx[2], l = idx[3];
    if (i && j && k && l) {
      const std::size_t p = i - 1, q = j - 1, r = k - 1, s = l - 1;
      for (auto [a, b, c, d] : {std::array{p, q, r, s}, std::array{q, p, r, s},
                                std::array{p, q, s, r}, std::array{q, p, s, r}}) {
        g[((a * n + b) * n + c) * n + d] = value;
        g[((c * n + d) * n + a) * n + b] = value;
      }
    } else if (i && j && !k && !l) {
      h(i - 1, j - 1) = h(j - 1, i - 1) = value;
    } else if (!i && !j && !k && !l) {
      core = value;
    } else if (i && !j && !k && !l) {
      // orbital energy: not part of the Hamiltonian
    } else {
      throw fail(line_number,
                 fmt::format("index pattern {} {} {} {} is not an integral", i, j, k, l));
    }
  }
  data.hamiltonian =
      MolecularHamiltonian(core, std::move(h), std::move(g), static_cast<int>((nelec + ms2) / 2),
                           static_cast<int>((nelec - ms2) / 2));
  return data;
}

FcidumpData read_fcidump(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot open the FCIDUMP file (missing or unreadable)", {path, 0, ""});
  return read_fcidump(in, path);
}

}  // namespace qmol
