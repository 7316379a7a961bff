#pragma once
// One include for Catch2 v2 (Debian 12) and v3 (Debian 13).
#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>
// v2 puts Approx in the global namespace; v3 keeps it in Catch.
using Catch::Approx;
#else
#include <catch2/catch.hpp>
#endif
