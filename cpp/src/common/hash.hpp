#pragma once
// The core's hash family lives in the public textgauge/hash.hpp: Vocabulary's
// inline hashing (a public header) uses it. This name stays for the core's
// sources that include it by area.
#include "textgauge/hash.hpp"
