#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace qmol {

// RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled.
std::string csv_field(std::string_view text);
// One line (with "\n") from the fields.
std::string csv_line(const std::vector<std::string>& fields);

// A parsed CSV file: the first line is the header. Blank lines are skipped.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as long as the header
  std::vector<int> lines;                      // the file line each row starts on (for errors)

  // Index of a column (exact, case-insensitive match), -1 when absent.
  int column(std::string_view name) const;
};

// Parses CSV text; `file` is used in error messages (InputError with the line: unterminated
// quote, a row with more fields than the header). Short rows are padded with empty fields.
CsvTable parse_csv(const std::string& text, const std::string& file);
CsvTable read_csv(const std::string& path);

}  // namespace qmol
