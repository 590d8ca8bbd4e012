#!/bin/bash
# Builds the pinned OpenWrt userland the tests run against, from the source archives in
# $OPENWRT_SRC, into a cache outside the checkout ($OPENWRT_CACHE), one prefix per set:
#
#   23.05.4, 24.10.4   libubox, uci, ubus (ubusd, ubus), ucode with its modules, rpcd with
#                      the file, rpc-sys and ucode plugins: the release's own pins
#   ucode-master       ucode master (with 24.10.4's libubox, uci and ubus for its modules)
#   apk-tools          apk-tools 3 (OpenWrt 25.12's package manager)
#
# Usage: tools/openwrt/build.sh [--if-available] [--check] [--print-cache] [SET...]
#   (no SET: all sets). --if-available: without sources, say so and succeed (used by `make`).
#   --check: only say whether each set is up to date (exit 1 if one is not); builds nothing.
#
# Each set is cached by the sha256 of its archives and of this script: when they are
# unchanged, nothing is rebuilt. Every binary has an RPATH to its set's lib/, so nothing
# needs LD_LIBRARY_PATH. Nothing here is ever committed: the cache lies outside the checkout.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
SELF="$REPO/tools/openwrt/build.sh"
OPENWRT_CACHE=${OPENWRT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/luci-app-mape/openwrt}
if [ -z "${OPENWRT_SRC:-}" ] && [ -d "$REPO/../shared/openwrt-src" ]; then
	OPENWRT_SRC=$(cd "$REPO/../shared/openwrt-src" && pwd)
fi
JOBS=$(nproc 2>/dev/null || echo 2)

# The archives of each set (names as in the sources' MANIFEST.md: <name>-<commit12>.tar.gz).
set_archives() {
	case "$1" in
	23.05.4) echo libubox-75a3b870cace uci-5781664d5087 ubus-f787c97b3489 ucode-1a8a0bcf7255 rpcd-c07ab2f91061 ;;
	24.10.4) echo libubox-49056d178f42 uci-16ff0badbde7 ubus-60e04048a0e2 ucode-3f64c8089bf3 rpcd-bba95191ff2f ;;
	ucode-master) echo libubox-49056d178f42 uci-16ff0badbde7 ubus-60e04048a0e2 ucode-81205a25437a ;;
	apk-tools) echo apk-tools-7e92634afe99 ;;
	*) return 1 ;;
	esac
}
ALL_SETS="23.05.4 24.10.4 ucode-master apk-tools"

die() { echo "openwrt build: $*" >&2; exit 1; }
say() { echo "openwrt build: $*"; }

# --- arguments ---------------------------------------------------------------------------

IF_AVAILABLE=0
CHECK=0
SETS=()
for a in "$@"; do
	case "$a" in
	--if-available) IF_AVAILABLE=1 ;;
	--check) CHECK=1 ;;
	--print-cache) echo "$OPENWRT_CACHE"; exit 0 ;;
	-h|--help) sed -n '2,19p' "$SELF" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) die "unknown option $a" ;;
	*) set_archives "$a" >/dev/null || die "unknown set '$a' (sets: $ALL_SETS)"; SETS+=("$a") ;;
	esac
done
[ ${#SETS[@]} -gt 0 ] || read -r -a SETS <<<"$ALL_SETS"

if [ -z "${OPENWRT_SRC:-}" ] || [ ! -d "$OPENWRT_SRC" ]; then
	msg="no OpenWrt sources: set OPENWRT_SRC to the folder of pinned archives (see README, \"The real OpenWrt userland\"; tools/openwrt/fetch-sources.sh recreates it with internet access)"
	if [ "$IF_AVAILABLE" = 1 ]; then say "$msg; the real-platform tests will not run"; exit 0; fi
	die "$msg"
fi
[ -f "$OPENWRT_SRC/SHA256SUMS" ] || die "$OPENWRT_SRC/SHA256SUMS is missing: cannot verify the archives"

# --- prerequisites -----------------------------------------------------------------------

need_tools() {
	local missing=()
	for t in "$@"; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
	[ ${#missing[@]} -eq 0 ] || die "missing build tools: ${missing[*]} (Debian: apt-get install cmake make gcc pkg-config libjson-c-dev libssl-dev zlib1g-dev libzstd-dev meson ninja-build)"
}
need_header() {
	[ -f "/usr/include/$1" ] || [ -f "/usr/include/$(gcc -dumpmachine 2>/dev/null)/$1" ] || die "missing header $1 (Debian package $2)"
}

# --- archives ----------------------------------------------------------------------------

# The verified sha256 of an archive; a missing or corrupt archive is an error naming it.
archive_hash() {
	local file="$OPENWRT_SRC/$1.tar.gz" want got
	[ -f "$file" ] || die "archive $1.tar.gz is missing from $OPENWRT_SRC"
	want=$(awk -v f="$1.tar.gz" '$2 == f || $2 == "*" f { print $1 }' "$OPENWRT_SRC/SHA256SUMS")
	[ -n "$want" ] || die "archive $1.tar.gz is not listed in $OPENWRT_SRC/SHA256SUMS"
	got=$(sha256sum "$file" | cut -d' ' -f1)
	[ "$got" = "$want" ] || die "archive $1.tar.gz is corrupt: sha256 $got, SHA256SUMS says $want"
	echo "$got"
}

# What a set's build depends on: its archives and this script.
# (Command substitutions do not inherit set -e: every failure is passed on explicitly.)
set_key() {
	local a h
	for a in $(set_archives "$1"); do
		h=$(archive_hash "$a") || exit 1
		echo "$a $h"
	done
	echo "build.sh $(sha256sum "$SELF" | cut -d' ' -f1)"
}

# Unpacks an archive into the set's work folder; prints the source directory.
unpack() {
	local archive=$1 work=$2 name=${1%-*}
	rm -rf "${work:?}/$name"
	mkdir -p "$work/$name"
	tar -xzf "$OPENWRT_SRC/$archive.tar.gz" -C "$work/$name" || die "cannot unpack $archive.tar.gz"
	# OpenWrt's toolchain is older than Debian's gcc: keep its warnings as warnings.
	find "$work/$name" -name CMakeLists.txt -exec perl -pi -e 's/-Werror(?![=\w-])//g' {} +
	echo "$work/$name/$name"
}

# Runs one build step with its output in a log; on failure, shows the log's end.
step() {
	local log=$1; shift
	if ! "$@" >>"$log" 2>&1; then
		tail -n 30 "$log" >&2
		die "failed: $* (full log: $log)"
	fi
}

cmake_component() {
	local archive=$1 prefix=$2 work=$3 src log; shift 3
	src=$(unpack "$archive" "$work") || exit 1
	log="$work/${archive}.log"
	: >"$log"
	step "$log" cmake -S "$src" -B "$src/_build" \
		-DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_PREFIX_PATH="$prefix" \
		-DCMAKE_INSTALL_RPATH="$prefix/lib" -DCMAKE_BUILD_WITH_INSTALL_RPATH=ON \
		-DCMAKE_BUILD_TYPE=None "$@"
	step "$log" make -C "$src/_build" -j"$JOBS"
	step "$log" make -C "$src/_build" install
	say "  $archive"
}

# ucode as the releases package it: every module that needs no library the lab lacks
# (nl80211 and rtnl need libnl-tiny; zlib is not used by this package).
ucode_options() {
	echo -DSOVERSION=20230711 -DCOMPILE_SUPPORT=ON \
		-DFS_SUPPORT=ON -DMATH_SUPPORT=ON -DSTRUCT_SUPPORT=ON -DUBUS_SUPPORT=ON -DUCI_SUPPORT=ON \
		-DULOOP_SUPPORT=ON -DDEBUG_SUPPORT=ON -DLOG_SUPPORT=ON -DRESOLV_SUPPORT=ON -DSOCKET_SUPPORT=ON \
		-DNL80211_SUPPORT=OFF -DRTNL_SUPPORT=OFF -DZLIB_SUPPORT=OFF
}

build_set() {
	local set=$1 prefix=$2 work=$3 a
	for a in $(set_archives "$set"); do
		case "$a" in
		libubox-*) cmake_component "$a" "$prefix" "$work" -DBUILD_LUA=OFF -DBUILD_EXAMPLES=OFF ;;
		uci-*) cmake_component "$a" "$prefix" "$work" -DBUILD_LUA=OFF ;;
		ubus-*) cmake_component "$a" "$prefix" "$work" -DBUILD_LUA=OFF -DBUILD_EXAMPLES=OFF ;;
		ucode-*) cmake_component "$a" "$prefix" "$work" $(ucode_options) ;;
		# rpcd: ucode's headers use vasprintf (glibc: _GNU_SOURCE); no wireless here.
		rpcd-*) cmake_component "$a" "$prefix" "$work" -DCMAKE_C_FLAGS=-D_GNU_SOURCE -DIWINFO_SUPPORT=OFF ;;
		apk-tools-*) build_apk_tools "$a" "$prefix" "$work" ;;
		*) die "no build recipe for $a" ;;
		esac
	done
}

build_apk_tools() {
	local archive=$1 prefix=$2 work=$3 src log
	src=$(unpack "$archive" "$work") || exit 1
	log="$work/${archive}.log"
	: >"$log"
	step "$log" env LDFLAGS="-Wl,-rpath,$prefix/lib" meson setup "$src/_build" "$src" \
		--prefix="$prefix" --libdir=lib -Dlua=disabled -Ddocs=disabled -Dhelp=disabled \
		-Dpython=disabled -Dtests=disabled -Dzstd=enabled
	step "$log" ninja -C "$src/_build"
	step "$log" ninja -C "$src/_build" install
	say "  $archive"
}

# --- main --------------------------------------------------------------------------------

mkdir -p "$OPENWRT_CACHE"
began=$(date +%s)
stale=0
for set in "${SETS[@]}"; do
	prefix="$OPENWRT_CACHE/$set"
	key=$(set_key "$set") || exit 1
	if [ -f "$prefix/BUILT" ] && [ "$(cat "$prefix/BUILT")" = "$key" ]; then
		say "$set: up to date ($prefix)"
		continue
	fi
	if [ "$CHECK" = 1 ]; then
		say "$set: not built, or built from other sources or another build.sh"
		stale=1
		continue
	fi
	case "$set" in
	apk-tools) need_tools gcc meson ninja pkg-config; need_header zstd.h libzstd-dev; need_header openssl/ssl.h libssl-dev ;;
	*) need_tools gcc make cmake pkg-config perl; need_header json-c/json.h libjson-c-dev ;;
	esac
	say "$set: building into $prefix"
	start=$(date +%s)
	rm -rf "$prefix" "$prefix.work"
	mkdir -p "$prefix" "$prefix.work"
	build_set "$set" "$prefix" "$prefix.work"
	# Mount points the tests bind their plugin and module directories onto (see
	# test/openwrt-stack.ts): rpcd and ucode look there by their compiled-in paths.
	[ "$set" = apk-tools ] || mkdir -p "$prefix/share/rpcd/ucode" "$prefix/share/ucode/mape"
	echo "$set" >"$prefix/SET"
	# Written last: an interrupted build has no BUILT file and is redone.
	echo "$key" >"$prefix/BUILT"
	rm -rf "$prefix.work"
	say "$set: built in $(($(date +%s) - start)) s"
done
[ "$CHECK" = 0 ] || exit "$stale"
say "userland ready in $(($(date +%s) - began)) s: $OPENWRT_CACHE"
