#include "qmol/io/csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "qmol/core/errors.h"
#include "qmol/io/atomic_file.h"

namespace qmol {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) line += ',';
    line += csv_field(fields[i]);
  }
  line += '\n';
  return line;
}

int CsvTable::column(std::string_view name) const {
  auto lower = [](std::string_view s) {
    std::string r(s);
    std::transform(r.begin(), r.end(), r.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return r;
  };
  const std::string wanted = lower(name);
  for (std::size_t i = 0; i < header.size(); ++i)
    if (lower(header[i]) == wanted) return static_cast<int>(i);
  return -1;
}

CsvTable parse_csv(const std::string& text, const std::string& file) {
  // Split into records first (a quoted field may span lines), then check shapes.
  std::vector<std::vector<std::string>> records;
  std::vector<int> starts;
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false, record_empty = true;
  int line = 1, start = 1;
  auto end_record = [&] {
    fields.push_back(field);
    const bool blank = record_empty && fields.size() == 1 && fields[0].empty();
    if (!blank) {
      records.push_back(fields);
      starts.push_back(start);
    }
    fields.clear();
    field.clear();
    record_empty = true;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (record_empty && field.empty() && fields.empty()) start = line;
    if (c == '"') {
      quoted = true;
      record_empty = false;
    } else if (c == ',') {
      fields.push_back(field);
      field.clear();
      record_empty = false;
    } else if (c == '\n') {
      end_record();
      ++line;
    } else if (c != '\r') {
      field += c;
      record_empty = false;
    }
  }
  if (quoted) throw InputError("unterminated quoted field", {file, start, ""});
  if (!field.empty() || !fields.empty()) end_record();

  CsvTable table;
  if (records.empty())
    throw InputError("the CSV file is empty (expected a header line)", {file, 1, ""});
  table.header = records[0];
  for (std::string& h : table.header) {
    const auto first = h.find_first_not_of(" \t");
    const auto last = h.find_last_not_of(" \t");
    h = first == std::string::npos ? "" : h.substr(first, last - first + 1);
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    auto& row = records[r];
    if (row.size() > table.header.size())
      throw InputError(
          fmt::format("{} fields, but the header has {}", row.size(), table.header.size()),
          {file, starts[r], ""});
    row.resize(table.header.size());
    table.rows.push_back(std::move(row));
    table.lines.push_back(starts[r]);
  }
  return table;
}

CsvTable read_csv(const std::string& path) {
  std::string text;
  try {
    text = read_file_text(path);
  } catch (const IoError& e) {
    throw InputError(e.what(), e.where());  // an unreadable input file is bad input
  }
  return parse_csv(text, path);
}

}  // namespace qmol
