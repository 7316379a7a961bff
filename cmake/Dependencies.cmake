# Finds what the C++ core needs -- a C++20 compiler, ICU and Eigen -- and, when
# any is missing, stops with ONE message that names everything missing and how
# to install it, instead of the first of several CMake traces. A source install
# (`pip install .`, the sdist) on a new machine is where this is met first.
# tests/python/test_build_deps.py configures the project with each one hidden.

set(_tg_missing "")
set(_tg_install_debian "")
set(_tg_install_fedora "")
set(_tg_install_brew "")
set(_tg_install_conda "")

macro(_tg_missing_dependency what debian fedora brew conda)
  string(APPEND _tg_missing "\n  - ${what}")
  string(APPEND _tg_install_debian " ${debian}")
  string(APPEND _tg_install_fedora " ${fedora}")
  string(APPEND _tg_install_brew " ${brew}")
  string(APPEND _tg_install_conda " ${conda}")
endmacro()

# A compiler at all: the project is declared with LANGUAGES NONE so that its
# absence reaches this message rather than project()'s error.
include(CheckLanguage)
check_language(CXX)
if(CMAKE_CXX_COMPILER)
  enable_language(CXX)
  # C++20 as the core uses it (std::span, concepts, designated initialisers,
  # char8_t): compiled for real, since a compiler's advertised features can
  # lie for its standard library (GCC 9's -std=c++2a has no <span>).
  include(CheckCXXSourceCompiles)
  set(CMAKE_REQUIRED_QUIET ON)
  check_cxx_source_compiles([=[
    #include <span>
    #include <concepts>
    struct P { int a; int b; };
    template <std::integral T> constexpr T twice(T x) { return 2 * x; }
    int main() { int v[2] = {1, 2}; std::span<int> s(v); P p{.a = 1, .b = twice(2)};
                 char8_t c = u8'x'; return int(s.size()) + p.b - 6 + (c == u8'x' ? 0 : 1); }
  ]=] TEXTGAUGE_HAVE_CXX20)
  unset(CMAKE_REQUIRED_QUIET)
  if(NOT TEXTGAUGE_HAVE_CXX20)
    unset(TEXTGAUGE_HAVE_CXX20 CACHE)  # check again once a newer compiler is chosen
    _tg_missing_dependency("a C++20 compiler (found ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION} at ${CMAKE_CXX_COMPILER}, which cannot compile C++20; GCC >= 10 or Clang >= 14 can)"
                           "g++" "gcc-c++" "gcc" "cxx-compiler")
  endif()
else()
  _tg_missing_dependency("a C++ compiler (none found; set CXX to choose one)"
                         "g++" "gcc-c++" "gcc" "cxx-compiler")
endif()

# ICU's and Eigen's CMake modules need a working compiler; without one they
# cannot tell, and are checked on the next run.
if(CMAKE_CXX_COMPILER)
  find_package(ICU 66 QUIET COMPONENTS uc i18n data)
  if(NOT ICU_FOUND)
    _tg_missing_dependency("ICU >= 66 with its development files (headers and libicuuc, libicui18n, libicudata)"
                           "libicu-dev" "libicu-devel" "icu4c" "icu")
  endif()
  find_package(Eigen3 3.3 QUIET NO_MODULE)
  if(NOT Eigen3_FOUND)
    _tg_missing_dependency("Eigen >= 3.3 (header-only linear algebra)"
                           "libeigen3-dev" "eigen3-devel" "eigen" "eigen")
  endif()
endif()

if(_tg_missing)
  message(FATAL_ERROR "textgauge cannot be built: missing${_tg_missing}\n"
    "Install them with one of:\n"
    "  Debian/Ubuntu:  sudo apt-get install${_tg_install_debian}\n"
    "  Fedora/RHEL:    sudo dnf install${_tg_install_fedora}\n"
    "  macOS Homebrew: brew install${_tg_install_brew}"
    "   (Homebrew's ICU is keg-only: also set CMAKE_PREFIX_PATH=$(brew --prefix icu4c))\n"
    "  conda:          conda install -c conda-forge${_tg_install_conda}\n"
    "then run the build again (a wheel from `make wheel` bundles ICU and needs none of this).")
endif()

find_package(Threads REQUIRED)
