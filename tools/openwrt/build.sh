#!/bin/bash
# Builds the pinned OpenWrt userland the tests run against, from the source archives in
# $OPENWRT_SRC, into a cache outside the checkout ($OPENWRT_CACHE), one prefix per set:
#
#   23.05.4, 24.10.4   libubox, uci, ubus (ubusd, ubus), ucode with its modules, rpcd with
#                      the file, rpc-sys and ucode plugins: the release's own pins
#   ucode-master       ucode master (with 24.10.4's libubox, uci and ubus for its modules)
#   apk-tools          apk-tools 3 (OpenWrt 25.12's package manager)
#   router-23.05.4,    a router root filesystem for the router lab (test/routerlab): the
#   router-24.10.4     release's daemons built for prefix /usr (ubusd, rpcd, netifd, odhcp6c,
#                      odhcpd, uhttpd, opkg, mapcalc, ...) plus the OpenWrt tree's own scripts
#                      and LuCI, laid out as on a router, in <set>/root
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
	router-23.05.4) echo libnl-tiny-bc92a280186f libubox-75a3b870cace uci-5781664d5087 ubus-f787c97b3489 \
		ucode-1a8a0bcf7255 iwinfo-ca79f64154b1 rpcd-c07ab2f91061 netifd-c18cc79d5000 odhcp6c-bcd283632ac1 odhcpd-d8118f6e76e5 \
		jsonfilter-594cfa86469c uhttpd-34a8a74dbdec lucihttp-9b5b683fbb2b \
		cgi-io-901b0f0463c9 opkg-d038e5b6d155 firewall4-598d9fbb5179 openwrt-23.05.4-files luci-85dec609ab12 ;;
	router-24.10.4) echo libnl-tiny-c0df580adbd4 libubox-49056d178f42 uci-16ff0badbde7 ubus-60e04048a0e2 \
		ucode-3f64c8089bf3 udebug-edeb4d6dc690 iwinfo-b94f066e3f58 rpcd-bba95191ff2f netifd-7901e66c5f27 odhcp6c-b6ae9ffaeb0e \
		odhcpd-b14cf98c914d jsonfilter-8a86fb78235b uhttpd-7e64e8bad241 \
		lucihttp-9b5b683fbb2b cgi-io-901b0f0463c9 opkg-38eccbb1fd69 firewall4-18fc0ead19fa \
		openwrt-24.10.4-files luci-36056cdff60b ;;
	*) return 1 ;;
	esac
}
ALL_SETS="23.05.4 24.10.4 ucode-master apk-tools router-23.05.4 router-24.10.4"

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

# ucode as the releases package it: every module whose library is there (nl80211 and rtnl
# need libnl-tiny, which only the router sets build: `ucode_options netlink`; zlib is not
# used by anything here).
ucode_options() {
	local nl=OFF
	[ "${1:-}" != netlink ] || nl=ON
	echo -DSOVERSION=20230711 -DCOMPILE_SUPPORT=ON \
		-DFS_SUPPORT=ON -DMATH_SUPPORT=ON -DSTRUCT_SUPPORT=ON -DUBUS_SUPPORT=ON -DUCI_SUPPORT=ON \
		-DULOOP_SUPPORT=ON -DDEBUG_SUPPORT=ON -DLOG_SUPPORT=ON -DRESOLV_SUPPORT=ON -DSOCKET_SUPPORT=ON \
		-DNL80211_SUPPORT=$nl -DRTNL_SUPPORT=$nl -DZLIB_SUPPORT=OFF
}

build_set() {
	local set=$1 prefix=$2 work=$3 a
	case "$set" in router-*) build_router "$prefix/root" "$work" "$(set_archives "$set")"; return ;; esac
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

# --- the router root filesystem -----------------------------------------------------------
#
# Built for prefix /usr and installed into <set>/root, so every compiled-in path (ucode's
# module path, rpcd's plugin and ACL directories, netifd's /lib/netifd) is the router's own.
# The lab runs it with chroot; the C library and json-c come from the host (bind mounts).

root_cmake() {
	local archive=$1 root=$2 work=$3 sub=$4 src; shift 4
	src=$(unpack "$archive" "$work") || exit 1
	[ -z "$sub" ] || src="$src/$sub"
	root_cmake_dir "$src" "$root" "$work/${archive}.log" "$@"
	say "  $archive"
}

# Configure, build and install one CMake project from its (unpacked) source directory. In
# source: some of these projects run generators relative to the source directory.
root_cmake_dir() {
	local src=$1 root=$2 log=$3 link flags="-I$root/usr/include -I$root/usr/include/libnl-tiny ${ROOT_CFLAGS:-}"
	shift 3
	link="-L$root/usr/lib -Wl,-rpath-link,$root/usr/lib"
	: >>"$log"
	step "$log" cmake -S "$src" -B "$src" -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_INSTALL_LIBDIR=lib \
		-DCMAKE_PREFIX_PATH="$root/usr" -DCMAKE_BUILD_TYPE=None -DCMAKE_C_FLAGS="$flags" \
		-DCMAKE_EXE_LINKER_FLAGS="$link" -DCMAKE_SHARED_LINKER_FLAGS="$link" -DCMAKE_MODULE_LINKER_FLAGS="$link" "$@"
	step "$log" make -C "$src" -j"$JOBS"
	step "$log" make -C "$src" install DESTDIR="$root"
}

# ucode as musl builds it: glibc's getopt() would take a script's own options
# (`ucode /usr/sbin/mape apply --json`) as the interpreter's; musl's never permutes. A leading
# '+' in the option string gives glibc musl's behaviour.
root_ucode() {
	local archive=$1 root=$2 work=$3 src
	src=$(unpack "$archive" "$work") || exit 1
	perl -pi -e 's/(const char \*optspec = ")/$1+/' "$src/main.c"
	grep -q 'optspec = "+' "$src/main.c" || die "$archive: ucode's option string not found in main.c"
	root_cmake_dir "$src" "$root" "$work/${archive}.log" $(ucode_options netlink)
	say "  $archive"
}

# netifd for the lab: the stock source, plus one file of ours (tools/openwrt/lab-tunnel.c)
# that stands in for the ip6tnl device when the kernel has none (see that file).
root_netifd() {
	local archive=$1 root=$2 work=$3 src log
	root_cmake "$archive" "$root" "$work" "" -DLIBNL_LIBS=-lnl-tiny -DDEBUG=1
	mkdir -p "$root/sbin" "$root/lib/netifd"
	mv "$root/usr/sbin/netifd" "$root/sbin/netifd"
	src="$work/netifd/netifd"
	# The proto handlers' shell library, as netifd's package installs it.
	cp -a "$src/scripts/." "$root/lib/netifd/"
	log="$work/${archive}.log"
	perl -pi -e 's/^int system_add_ip_tunnel\(/int system_add_ip_tunnel_kernel(/' "$src/system-linux.c"
	grep -q '^int system_add_ip_tunnel_kernel(' "$src/system-linux.c" || die "$archive: system_add_ip_tunnel not found in system-linux.c"
	cp "$REPO/tools/openwrt/lab-tunnel.c" "$src/lab-tunnel.c"
	perl -pi -e 's/\bsystem-linux\.c\b/system-linux.c lab-tunnel.c/' "$src/CMakeLists.txt"
	step "$log" make -C "$src" -j"$JOBS" netifd
	install -m 755 "$src/netifd" "$root/sbin/netifd-lab"
	say "  $archive (netifd-lab)"
}

# libiwinfo only (rpcd's iwinfo plugin and luci-rpc link it; the lab has no wireless).
root_iwinfo() {
	local archive=$1 root=$2 work=$3 src log
	src=$(unpack "$archive" "$work") || exit 1
	log="$work/${archive}.log"
	step "$log" make -C "$src" BACKENDS=nl80211 \
		CFLAGS="-I$root/usr/include -I$root/usr/include/libnl-tiny -fPIC -D_GNU_SOURCE" LDFLAGS="-L$root/usr/lib" \
		libiwinfo.so
	install -D -m 755 "$src/libiwinfo.so" "$root/usr/lib/libiwinfo.so.0"
	ln -sf libiwinfo.so.0 "$root/usr/lib/libiwinfo.so"
	mkdir -p "$root/usr/include/iwinfo"
	cp -r "$src/include/"* "$root/usr/include/"
	say "  $archive"
}

# The OpenWrt tree's own files, installed where the packages' Makefiles install them.
root_tree_files() {
	local archive=$1 root=$2 work=$3 src pkg log
	src=$(unpack "$archive" "$work") || exit 1
	pkg="$src/package"
	log="$work/${archive}.log"
	cp -a "$pkg/base-files/files/." "$root/"
	# What base-files' Makefile does to its files at install time.
	perl -pi -e 's{%PATH%}{/usr/sbin:/usr/bin:/sbin:/bin}g' "$root/sbin/hotplug-call" "$root/etc/preinit" "$root/etc/profile"
	mkdir -p "$root/dev" "$root/etc/crontabs" "$root/etc/rc.d" "$root/overlay" "$root/proc" "$root/sys" \
		"$root/tmp" "$root/root" "$root/mnt" "$root/www"
	ln -sfn tmp "$root/var"
	cp -a "$pkg/network/config/netifd/files/." "$root/"
	install -D -m 755 "$pkg/network/ipv6/map/files/map.sh" "$root/lib/netifd/proto/map.sh"
	install -D -m 755 "$pkg/network/ipv6/odhcp6c/files/dhcpv6.sh" "$root/lib/netifd/proto/dhcpv6.sh"
	install -D -m 755 "$pkg/network/ipv6/odhcp6c/files/dhcpv6.script" "$root/lib/netifd/dhcpv6.script"
	install -D -m 644 "$pkg/network/ipv6/odhcp6c/files/odhcp6c.user" "$root/etc/odhcp6c.user"
	install -D -m 755 "$pkg/network/services/odhcpd/files/odhcpd-update" "$root/usr/sbin/odhcpd-update"
	install -D -m 755 "$pkg/network/services/odhcpd/files/odhcpd.init" "$root/etc/init.d/odhcpd"
	install -D -m 755 "$pkg/network/services/uhttpd/files/uhttpd.init" "$root/etc/init.d/uhttpd"
	install -D -m 644 "$pkg/network/services/uhttpd/files/uhttpd.config" "$root/etc/config/uhttpd"
	# uhttpd-mod-ubus: the /ubus prefix LuCI's pages call rpcd through, set at first boot.
	install -D -m 644 "$pkg/network/services/uhttpd/files/ubus.default" "$root/etc/uci-defaults/00_uhttpd_ubus"
	install -D -m 755 "$pkg/system/rpcd/files/rpcd.init" "$root/etc/init.d/rpcd"
	install -D -m 644 "$pkg/system/rpcd/files/rpcd.config" "$root/etc/config/rpcd"
	# mapcalc (package map) is a single C file of the tree.
	step "$log" gcc -O2 -std=gnu99 -D_GNU_SOURCE -I"$root/usr/include" -o "$root/usr/sbin/mapcalc" \
		"$pkg/network/ipv6/map/src/mapcalc.c" -L"$root/usr/lib" -lubus -lubox
	cp -a "$src/version" "$root/etc/openwrt_build_version" 2>/dev/null || true
	# What the build's version substitution writes into the release files (include/version.mk):
	# the release from the archive's name, the lab for what an image build would stamp.
	local release=${archive#openwrt-}
	release=${release%-files}
	perl -pi -e "s{%D}{OpenWrt}g; s{%V}{$release}g; s{%C}{router lab}g; s{%R}{lab}g; s{%S}{x86/64}g; s{%A}{x86_64}g; s{%[A-Za-z]}{}g" \
		"$root/etc/openwrt_release" "$root/etc/openwrt_version" "$root/etc/banner" "$root/usr/lib/os-release"
	say "  $archive"
}

# LuCI: the web files, the ucode templates and rpcd plugins of the modules in the archive,
# the luci-rpc rpcd plugin and the html ucode module.
root_luci() {
	local archive=$1 root=$2 work=$3 src m
	src=$(unpack "$archive" "$work") || exit 1
	for m in "$src"/modules/* "$src"/protocols/* "$src"/themes/*; do
		[ -d "$m" ] || continue
		[ ! -d "$m/htdocs" ] || cp -a "$m/htdocs/." "$root/www/"
		[ ! -d "$m/root" ] || cp -a "$m/root/." "$root/"
		[ ! -d "$m/ucode" ] || { mkdir -p "$root/usr/share/ucode/luci"; cp -a "$m/ucode/." "$root/usr/share/ucode/luci/"; }
	done
	step "$work/${archive}.log" gcc -O2 -shared -fPIC -I"$root/usr/include" -o "$root/usr/lib/ucode/html.so" \
		"$src/contrib/package/ucode-mod-html/src/html.c"
	ROOT_CFLAGS=-D_GNU_SOURCE root_cmake_dir "$src/libs/rpcd-mod-luci/src" "$root" "$work/${archive}.log" -DLIBNL_LIBS=-lnl-tiny
	# luci.mk installs the plugin as /usr/lib/rpcd/luci.so.
	mv "$root/usr/lib/luci.so" "$root/usr/lib/rpcd/luci.so"
	root_luci_base "$src/modules/luci-base" "$root" "$work/${archive}.log" "${archive#luci-}"
	say "  $archive"
}

# What luci-base's own Makefile builds and installs besides its files: the luci.core ucode
# module (translation catalogs, hashing, the login check), the luci.version module, the
# translations (po2lmo: .lmo files under the path that keeps "lua" on Lua-free images),
# and the uhttpd prefix its postinst registers for /cgi-bin/luci.
root_luci_base() {
	local base=$1 root=$2 log=$3 commit=$4 po lang
	step "$log" make -C "$base/src" core.so po2lmo CC=gcc FPIC=-fPIC \
		CFLAGS="-O2 -std=gnu99 -D_GNU_SOURCE -I$root/usr/include" LDFLAGS="-L$root/usr/lib -Wl,-rpath,/usr/lib"
	install -D -m 755 "$base/src/core.so" "$root/usr/lib/ucode/luci/core.so"
	echo "export const revision = 'git-$commit', branch = '$LUCI_BRANCH';" >"$root/usr/share/ucode/luci/version.uc"
	mkdir -p "$root/usr/lib/lua/luci/i18n"
	for po in "$base"/po/*/base.po; do
		lang=$(basename "$(dirname "$po")")
		[ "$lang" = templates ] || step "$log" "$base/src/po2lmo" "$po" "$root/usr/lib/lua/luci/i18n/base.$lang.lmo"
	done
	grep -q "^[[:space:]]*list ucode_prefix.*/cgi-bin/luci=" "$root/etc/config/uhttpd" ||
		perl -0pi -e "s{(config uhttpd main\n)}{\$1\tlist ucode_prefix '/cgi-bin/luci=/usr/share/ucode/luci/uhttpd.uc'\n}" "$root/etc/config/uhttpd"
}

build_router() {
	local root=$1 work=$2 a
	# luci.version's branch, as the release's feed names it (openwrt-24.10).
	LUCI_BRANCH=$(echo "$3" | grep -o 'openwrt-[0-9]*\.[0-9]*' | head -n 1)
	mkdir -p "$root/www" "$root/usr/lib/ucode" "$root/usr/sbin" "$root/etc/config"
	for a in $3; do
		case "$a" in
		libnl-tiny-*|udebug-*|jsonfilter-*|odhcp6c-*|cgi-io-*) root_cmake "$a" "$root" "$work" "" ;;
		libubox-*|ubus-*) root_cmake "$a" "$root" "$work" "" -DBUILD_LUA=OFF -DBUILD_EXAMPLES=OFF ;;
		uci-*) root_cmake "$a" "$root" "$work" "" -DBUILD_LUA=OFF ;;
		ucode-*) root_ucode "$a" "$root" "$work" ;;
		# rpcd's headers are what luci-rpc (rpcd-mod-luci) builds against, as in OpenWrt's staging.
		rpcd-*) ROOT_CFLAGS=-D_GNU_SOURCE root_cmake "$a" "$root" "$work" "" -DIWINFO_SUPPORT=ON
			cp -r "$work/rpcd/rpcd/include/rpcd" "$root/usr/include/"
			# The ACL that lets a browser without a session log in (package rpcd installs it).
			install -D -m 644 "$work/rpcd/rpcd/unauthenticated.json" "$root/usr/share/rpcd/acl.d/unauthenticated.json" ;;
		netifd-*) root_netifd "$a" "$root" "$work" ;;
		odhcpd-*) root_cmake "$a" "$root" "$work" "" -DUBUS=1 -DDHCPV4_SUPPORT=1 ;;
		iwinfo-*) root_iwinfo "$a" "$root" "$work" ;;
		uhttpd-*) ROOT_CFLAGS=-D_DEFAULT_SOURCE root_cmake "$a" "$root" "$work" "" -DTLS_SUPPORT=OFF -DLUA_SUPPORT=OFF -DUBUS_SUPPORT=ON -DUCODE_SUPPORT=ON ;;
		lucihttp-*) root_cmake "$a" "$root" "$work" "" -DBUILD_LUA=OFF -DBUILD_UCODE=ON -DBUILD_TESTS=OFF ;;
		opkg-*) root_cmake "$a" "$root" "$work" "" -DBUILD_TESTS=OFF -DENABLE_USIGN=OFF -DHOST_CPU=all -DPATH_SPEC=/usr/sbin:/usr/bin:/sbin:/bin -DVERSION=lab ;;
		firewall4-*) cp -a "$(unpack "$a" "$work")/root/." "$root/"; say "  $a" ;;
		openwrt-*-files) root_tree_files "$a" "$root" "$work" ;;
		luci-*) root_luci "$a" "$root" "$work" ;;
		*) die "no router recipe for $a" ;;
		esac
	done
	# Names and places the OpenWrt packages give these programs (init scripts name them).
	mkdir -p "$root/bin" "$root/sbin" "$root/usr/libexec" "$root/www/cgi-bin"
	mv "$root/usr/bin/jsonpath" "$root/usr/bin/jsonfilter"
	mv "$root/usr/bin/opkg-cl" "$root/bin/opkg"
	mv "$root/usr/sbin/ubusd" "$root/usr/sbin/rpcd" "$root/usr/bin/uci" "$root/sbin/"
	mv "$root/usr/bin/ubus" "$root/bin/ubus"
	mv "$root/usr/bin/uhttpd" "$root/usr/sbin/uhttpd"
	mv "$root/usr/sbin/cgi-io" "$root/usr/libexec/cgi-io"
	for a in upload download backup exec; do ln -sf ../../usr/libexec/cgi-io "$root/www/cgi-bin/cgi-$a"; done
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
	case "$set" in apk-tools|router-*) ;; *) mkdir -p "$prefix/share/rpcd/ucode" "$prefix/share/ucode/mape" ;; esac
	echo "$set" >"$prefix/SET"
	# Written last: an interrupted build has no BUILT file and is redone.
	echo "$key" >"$prefix/BUILT"
	rm -rf "$prefix.work"
	say "$set: built in $(($(date +%s) - start)) s"
done
[ "$CHECK" = 0 ] || exit "$stale"
say "userland ready in $(($(date +%s) - began)) s: $OPENWRT_CACHE"
