#include <cstdio>

#include "qmol/core/version.h"

int main() {
  std::printf("qmol %s\n", qmol::kVersion);
  return 0;
}
