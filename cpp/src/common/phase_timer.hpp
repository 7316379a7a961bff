#pragma once
// PhaseTimer: the wall time and the process CPU time of each phase of one
// computation, written to stderr when the environment variable
// TEXTGAUGE_PHASES is set (to anything but "0"), else nothing is measured.
// On a shared machine the CPU time of a one-thread run is the steadier
// figure. How the split of a fit between
// counting, merging, pruning and the matrix is profiled without a profiler
// (see docs/vectorizers.md, "Where the time goes").
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace textgauge {

class PhaseTimer {
 public:
  explicit PhaseTimer(const char* what) : what_(what), on_(enabled()) {
    if (on_) {
      start_ = last_ = Clock::now();
      cpu_start_ = cpu_last_ = cpu_now();
    }
  }
  PhaseTimer(const PhaseTimer&) = delete;
  PhaseTimer& operator=(const PhaseTimer&) = delete;
  ~PhaseTimer() {
    if (on_)
      std::fprintf(stderr, "[textgauge] %s total %.1f ms (cpu %.1f ms)\n", what_, ms(start_, Clock::now()),
                   cpu_now() - cpu_start_);
  }

  // Ends the phase that began at the last mark (or at construction).
  void mark(const char* phase) {
    if (!on_) return;
    const auto now = Clock::now();
    const double cpu = cpu_now();
    std::fprintf(stderr, "[textgauge] %s %s %.1f ms (cpu %.1f ms)\n", what_, phase, ms(last_, now),
                 cpu - cpu_last_);
    last_ = now;
    cpu_last_ = cpu;
  }

  static bool enabled() {
    static const bool on = [] {
      const char* v = std::getenv("TEXTGAUGE_PHASES");
      return v && *v && std::strcmp(v, "0") != 0;
    }();
    return on;
  }

 private:
  using Clock = std::chrono::steady_clock;
  static double ms(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  }
  static double cpu_now() {  // ms of CPU time of every thread of the process
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
  }
  const char* what_;
  bool on_;
  Clock::time_point start_, last_;
  double cpu_start_ = 0, cpu_last_ = 0;
};

}  // namespace textgauge
