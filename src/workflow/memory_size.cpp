#include "qmol/workflow/memory_size.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cctype>
#include <cmath>

#include "qmol/core/errors.h"

namespace qmol {

double physical_memory_bytes() {
  const double pages = static_cast<double>(sysconf(_SC_PHYS_PAGES));
  const double page_size = static_cast<double>(sysconf(_SC_PAGESIZE));
  return pages > 0 && page_size > 0 ? pages * page_size : 8.0 * (1ull << 30);
}

double default_memory_limit() {
  return 0.5 * physical_memory_bytes();
}

double parse_memory_size(const std::string& text) {
  std::size_t used = 0;
  double value = 0.0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  std::string unit = text.substr(used);
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!unit.empty() && unit.back() == 'B') unit.pop_back();
  if (!unit.empty() && unit.back() == 'I') unit.pop_back();
  const std::string units = "KMGT";
  double scale = 1.0;
  if (unit.size() == 1 && units.find(unit[0]) != std::string::npos)
    scale = std::pow(1024.0, 1 + units.find(unit[0]));
  else if (!unit.empty())
    used = 0;
  if (used == 0 || !std::isfinite(value) || value <= 0)
    throw InputError(fmt::format("--memory '{}' is not a size like 8G, 512M or 2.5GB", text),
                     {"--memory", 0, ""});
  return value * scale;
}

}  // namespace qmol
