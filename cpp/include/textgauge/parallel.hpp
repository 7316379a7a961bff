#pragma once
// The one place textgauge starts threads. Work is split into contiguous
// chunks handed out in order; results that depend on order (vocabulary ids)
// are merged by chunk index afterwards, so no result depends on the thread
// count.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace textgauge {

// 0 means "all hardware threads".
inline unsigned resolve_threads(unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  return threads;
}

// Calls fn(chunk_index, begin, end) for consecutive chunks of [0, n) of about
// `chunk` items, on up to `threads` threads. The first exception thrown by any
// call is rethrown here after all threads have stopped.
template <class Fn>
void parallel_chunks(std::size_t n, std::size_t chunk, unsigned threads, Fn&& fn) {
  if (n == 0) return;
  chunk = std::max<std::size_t>(1, chunk);
  const std::size_t chunks = (n + chunk - 1) / chunk;
  threads = static_cast<unsigned>(std::min<std::size_t>(resolve_threads(threads), chunks));
  if (threads <= 1) {
    for (std::size_t c = 0; c < chunks; ++c) fn(c, c * chunk, std::min(n, (c + 1) * chunk));
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&] {
    for (;;) {
      const std::size_t c = next.fetch_add(1);
      if (c >= chunks) return;
      try {
        fn(c, c * chunk, std::min(n, (c + 1) * chunk));
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        next.store(chunks);
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace textgauge
