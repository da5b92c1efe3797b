#!/bin/sh
# Compiles every *.bpf.c of this folder into a CO-RE object (*.bpf.o) stripped of DWARF
# (BTF and BTF.ext stay: libbpf relocates with them), and records beside each object, in
# <name>.bpf.stamp, the hash of its inputs (the source, every header of this folder, and
# this script, which holds the flags), the hash of the object, the compiler and the
# libbpf headers used. `make bpf` runs it; libprobe-core/tests/bpf_objects.rs fails when a
# committed object no longer matches its stamp or its sources.
#
# Usage: build.sh LIBBPF_INCLUDE_DIR   (the directory holding bpf_helpers.h, from the
# libbpf-sys crate's bundled libbpf; `make bpf` finds it with cargo metadata)
#
# Reproducible: the same sources, clang and headers give the same bytes (paths are mapped
# to fixed names, so neither the checkout's nor cargo's location reaches the object).
set -eu
export LC_ALL=C
cd "$(dirname "$0")"
inc=${1:?usage: build.sh LIBBPF_INCLUDE_DIR}
libbpf_version=${LIBBPF_VERSION:-unknown}
CLANG=${CLANG:-clang}
STRIP=${LLVM_STRIP:-llvm-strip}
FLAGS="-g -O2 -target bpf -mcpu=v3 -D__TARGET_ARCH_x86 -Wall -Werror -I."
compiler=$("$CLANG" --version | head -n 1)

for src in *.bpf.c; do
	name=${src%.c}
	# -fdebug-prefix-map: BTF line info names files as given; map both roots to constants.
	"$CLANG" $FLAGS -idirafter "$inc" -fdebug-prefix-map="$inc"=libbpf -fdebug-prefix-map="$(pwd)"=. \
		-c "$src" -o "$name.o.tmp"
	"$STRIP" -g "$name.o.tmp"
	mv "$name.o.tmp" "$name.o"
	inputs=$(cat "$src" *.h build.sh | sha256sum | cut -d' ' -f1)
	object=$(sha256sum "$name.o" | cut -d' ' -f1)
	cat > "$name.stamp" <<STAMP
# Written by build.sh (make bpf). inputs: sha256 of $src, then every *.h here in name order, then build.sh.
inputs $inputs
object $object
compiler $compiler
libbpf-headers $libbpf_version
flags $FLAGS -idirafter <libbpf headers>
STAMP
	echo "bpf: $name.o ($(wc -c < "$name.o") bytes)"
done
