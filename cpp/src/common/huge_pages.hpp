#pragma once
// An allocator for the big random-access tables of the counting engines
// (hash indexes): on Linux a buffer of 2 MiB or more is mapped on its own,
// aligned to 2 MiB and marked for transparent huge pages. Those tables are
// read at random over tens of MiB; with 4 KiB pages nearly every access is a
// TLB miss and every 4 KiB written a page fault, with 2 MiB pages neither.
// The kernel may decline (THP off, no free huge page): the buffer is then an
// ordinary one. Smaller buffers come from operator new as usual.
#include <cstddef>
#include <cstdint>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace textgauge {

// Advises huge pages for the 2 MiB-aligned part of a buffer not yet touched
// (a big std::vector just reserved: glibc maps it on its own). For the
// outputs the counting engines write once, in full, such as a matrix's
// entries; on other systems, or where the kernel declines, nothing changes.
template <class T>
void advise_huge_pages(T* data, std::size_t n) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t end = begin + n * sizeof(T);
  const std::uintptr_t first = (begin + kHuge - 1) / kHuge * kHuge, last = end / kHuge * kHuge;
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)data;
  (void)n;
#endif
}

template <class T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr std::size_t kHuge = std::size_t{2} << 20;

  static constexpr std::size_t round_up(std::size_t bytes) noexcept {
    return (bytes + kHuge - 1) / kHuge * kHuge;
  }

  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHuge) return static_cast<T*>(::operator new(bytes));
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    // Straight from the kernel (and back to it on deallocate): through malloc
    // a freed table would stay in the heap, resident, after a fit.
    const std::size_t rounded = round_up(bytes);
    void* raw = ::mmap(nullptr, rounded + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    // Keep the 2 MiB-aligned part; give back the rest on both sides.
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = (start + kHuge - 1) / kHuge * kHuge;
    if (aligned > start) ::munmap(raw, aligned - start);
    if (const std::size_t tail = start + rounded + kHuge - (aligned + rounded); tail > 0)
      ::munmap(reinterpret_cast<void*>(aligned + rounded), tail);
    ::madvise(reinterpret_cast<void*>(aligned), rounded, MADV_HUGEPAGE);  // advice only
    return reinterpret_cast<T*>(aligned);
#else
    return static_cast<T*>(::operator new(bytes));
#endif
  }
  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= kHuge) {
      ::munmap(static_cast<void*>(p), round_up(bytes));
      return;
    }
#endif
    (void)bytes;
    ::operator delete(p);
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
