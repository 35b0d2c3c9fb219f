#include "qmol/workflow/resume.h"

#include <fmt/format.h>
#include <signal.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "qmol/core/errors.h"
#include "qmol/core/version.h"
#include "qmol/io/atomic_file.h"
#include "qmol/io/output_path.h"

namespace qmol {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kManifest = "qmol.json";

std::optional<json> read_json(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  try {
    return json::parse(read_file_text(path.string()));
  } catch (const std::exception&) {
    return std::nullopt;  // unreadable (cut short by a crash before atomic writes): redo
  }
}

// A result path from a record, if it stays inside DIR (records are ours, but never trust a path
// enough to delete outside the directory).
std::optional<fs::path> result_file(const fs::path& dir, const json& record) {
  if (!record.contains("result") || !record["result"].is_string()) return std::nullopt;
  const fs::path relative = fs::path(record["result"].get<std::string>()).lexically_normal();
  if (relative.empty() || relative.is_absolute() || *relative.begin() == "..") return std::nullopt;
  return dir / relative;
}

// A process that can still write: it exists and is not a zombie (a killed worker whose parent
// died stays a zombie until something reaps it, and can write nothing more).
bool process_running(long pid) {
  if (::kill(static_cast<pid_t>(pid), 0) != 0) return errno != ESRCH;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  const auto close = line.rfind(')');  // "pid (name) S ...": the state follows the name
  return close == std::string::npos || close + 2 >= line.size() || line[close + 2] != 'Z';
}

// Temporary files of killed processes ("x.h5.tmp-<pid>" whose pid is gone), in DIR and its
// immediate subdirectories (not deeper: DIR may be a user's working directory).
void remove_stale_temporaries(const fs::path& dir) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it.depth() >= 1) it.disable_recursion_pending();
    const std::string name = it->path().filename().string();
    const auto at = name.rfind(".tmp-");
    if (at == std::string::npos) continue;
    char* end = nullptr;
    const long pid = std::strtol(name.c_str() + at + 5, &end, 10);
    if (pid > 0 && *end == '\0' && !process_running(pid)) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
  }
}

// What --force replaces: every record, the result file it names, and the summaries.
void remove_previous_run(const fs::path& dir, const std::vector<std::string>& outputs) {
  std::error_code ec;
  const fs::path records = dir / "records";
  if (fs::is_directory(records, ec)) {
    for (const auto& entry : fs::directory_iterator(records, ec)) {
      if (entry.path().extension() != ".json") continue;
      if (const auto rec = read_json(entry.path()))
        if (const auto result = result_file(dir, *rec)) fs::remove(*result, ec);
      fs::remove(entry.path(), ec);
    }
  }
  for (const std::string& o : outputs) fs::remove(dir / o, ec);
  fs::remove(dir / kManifest, ec);
}

}  // namespace

std::string fingerprint(std::initializer_list<std::string_view> parts) {
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&](unsigned char c) { h = (h ^ c) * 1099511628211ULL; };
  for (std::string_view part : parts) {
    for (unsigned char c : part) mix(c);
    mix(0);  // a separator: ("ab", "c") and ("a", "bc") differ
  }
  return fmt::format("{:016x}", h);
}

ResumableDirectory ResumableDirectory::open(const std::string& dir, const std::string& command,
                                            const std::string& key, const std::string& what_key,
                                            const std::vector<std::string>& outputs, bool force) {
  check_output_directory(dir);
  const fs::path root(dir);
  std::error_code ec;
  const std::optional<json> manifest = read_json(root / kManifest);
  bool previous = manifest.has_value() || fs::exists(root / kManifest, ec) ||
                  fs::is_directory(root / "records", ec);
  for (const std::string& o : outputs) previous = previous || fs::exists(root / o, ec);
  if (previous && !force) {
    const std::string other = manifest ? manifest->value("command", "") : "";
    if (!manifest)
      throw InputError(fmt::format("the directory holds results without a {} (from another "
                                   "program or an older qmol); use --force to replace them, or "
                                   "choose another --out",
                                   kManifest),
                       {dir, 0, ""});
    if (other != command)
      throw InputError(fmt::format("the directory holds the results of `qmol {}`, not of `qmol "
                                   "{}`; use --force to replace them, or choose another --out",
                                   other, command),
                       {dir, 0, ""});
    if (manifest->value("key", "") != key)
      throw InputError(fmt::format("the directory holds a `qmol {}` run with another {}; run "
                                   "with the same {} to resume it, use --force to replace it, "
                                   "or choose another --out",
                                   command, what_key, what_key),
                       {dir, 0, ""});
  }
  if (previous && force) remove_previous_run(root, outputs);

  fs::create_directories(root / "records", ec);
  if (ec)
    throw IoError(fmt::format("cannot create the output directory: {}", ec.message()),
                  {dir, 0, ""});
  remove_stale_temporaries(root);
  write_file_atomically(
      (root / kManifest).string(),
      json{{"command", command}, {"key", key}, {"qmol_version", kVersion}}.dump(1) + "\n");
  return ResumableDirectory(dir);
}

std::string ResumableDirectory::path(const std::string& relative) const {
  return (fs::path(dir_) / relative).string();
}

std::optional<json> ResumableDirectory::record(const std::string& name) const {
  return read_json(fs::path(dir_) / "records" / (name + ".json"));
}

void ResumableDirectory::write_record(const std::string& name, const json& record) const {
  write_file_atomically(path("records/" + name + ".json"), record.dump(1) + "\n");
}

bool ResumableDirectory::finished(const std::optional<json>& rec, const std::string& key) const {
  if (!rec || rec->value("key", "") != key || rec->value("retry", false)) return false;
  const std::string status = rec->value("status", "");
  if (status == "failed") return true;
  const auto result = result_file(dir_, *rec);
  std::error_code ec;
  return !status.empty() && result && fs::exists(*result, ec);
}

}  // namespace qmol
