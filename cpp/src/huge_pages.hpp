#pragma once
// An allocator for the big random-access tables of the counting engines
// (hash indexes, per-feature counters): a buffer of 2 MiB or more is aligned
// to 2 MiB and, on Linux, marked for transparent huge pages. Those tables are
// read at random over tens of MiB; with 4 KiB pages nearly every access is a
// TLB miss and every 4 KiB written a page fault, with 2 MiB pages neither.
// The kernel may decline (THP off, no free huge page): the buffer is then an
// ordinary one. Smaller buffers come from operator new as usual.
#include <cstddef>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace textgauge {

template <class T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr std::size_t kHuge = std::size_t{2} << 20;

  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHuge) return static_cast<T*>(::operator new(bytes));
    const std::size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    void* p = ::operator new(rounded, std::align_val_t{kHuge});
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    ::madvise(p, rounded, MADV_HUGEPAGE);  // advice only: failure leaves normal pages
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHuge)
      ::operator delete(p);
    else
      ::operator delete(p, std::align_val_t{kHuge});
  }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
  template <class U>
  bool operator!=(const HugePageAllocator<U>&) const noexcept {
    return false;
  }
};

}  // namespace textgauge
