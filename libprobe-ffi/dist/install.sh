#!/bin/sh
# Installs this libprobe tarball under PREFIX (default /usr/local): the header, the static
# and shared libraries, and libprobe.pc with PREFIX in it. Then a C program builds with
#   cc app.c $(pkg-config --cflags --libs libprobe)
# (PKG_CONFIG_PATH=PREFIX/lib/pkgconfig when PREFIX is not one pkg-config searches).
# The tarball also works where it was unpacked: its libprobe.pc finds its own directory.
set -eu
prefix=${1:-/usr/local}
here=$(cd "$(dirname "$0")" && pwd)
install -d "$prefix/include" "$prefix/lib/pkgconfig"
install -m 644 "$here/include/libprobe.h" "$prefix/include/libprobe.h"
install -m 644 "$here/lib/libprobe.a" "$prefix/lib/libprobe.a"
install -m 755 "$here/lib/libprobe.so.1" "$prefix/lib/libprobe.so.1"
ln -sf libprobe.so.1 "$prefix/lib/libprobe.so"
sed "s|^prefix=.*|prefix=$prefix|" "$here/lib/pkgconfig/libprobe.pc" > "$prefix/lib/pkgconfig/libprobe.pc"
# The dynamic loader learns about a new library in a system directory from ldconfig.
if [ "$(id -u)" = 0 ] && command -v ldconfig >/dev/null 2>&1; then ldconfig "$prefix/lib" 2>/dev/null || true; fi
echo "libprobe installed under $prefix"
