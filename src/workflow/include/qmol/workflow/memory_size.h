#pragma once

#include <string>

namespace qmol {

// Half of the machine's physical memory: a safe share that leaves room for the OS and others.
double default_memory_limit();
// The machine's physical memory, bytes.
double physical_memory_bytes();
// "8G", "512M", "2.5GB", "1000000" (bytes) -> bytes; throws InputError.
double parse_memory_size(const std::string& text);

}  // namespace qmol
