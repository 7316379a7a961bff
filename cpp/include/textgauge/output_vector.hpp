#pragma once
// A std::vector for outputs that are written in full right after they are
// sized: resize() leaves the new elements default-initialised (for int and
// double, unwritten) instead of zeroing them.
//
// Why: a matrix's entries are tens of MiB. Zeroing them in resize() is a
// pass over every byte on the calling thread, which also takes every page
// fault of the fresh memory there; the writers, often several threads,
// then pass over it again. Left unwritten, each page is first touched by
// the thread that fills it, and only once. Measured on the news paragraphs,
// the zeroing was a serial 7 ms of a 14 ms CSR copy on two threads.
//
// Only for element types whose default initialisation is trivial, and only
// where every element is written before it is read.
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace textgauge {

template <class T>
struct UninitializedAllocator {
  static_assert(std::is_trivially_default_constructible_v<T>);
  using value_type = T;

  UninitializedAllocator() = default;
  template <class U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) { return std::allocator<T>().allocate(n); }
  void deallocate(T* p, std::size_t n) noexcept { std::allocator<T>().deallocate(p, n); }

  // No arguments: default-initialise (nothing written); else as usual.
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    if constexpr (sizeof...(Args) == 0)
      ::new (static_cast<void*>(p)) U;
    else
      ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }

  template <class U>
  bool operator==(const UninitializedAllocator<U>&) const noexcept {
    return true;
  }
};

template <class T>
using OutputVector = std::vector<T, UninitializedAllocator<T>>;

}  // namespace textgauge
