#!/bin/bash
# Recreates the folder of pinned OpenWrt source archives (what OPENWRT_SRC points at) on a
# machine with internet access, from the list the folder itself carries:
#
#   tools/openwrt/fetch-sources.sh DIR [fetch-list.txt]
#
# fetch-list.txt (tab-separated: archive, git URL, commit, prefix, paths, tar_sha256) comes
# with the sources; by default DIR/fetch-list.txt is used. Each archive is made with
# `git archive` at its pinned commit and checked against tar_sha256, the sha256 of the
# uncompressed tar stream (the .tar.gz bytes depend on the local git and gzip). Then
# DIR/SHA256SUMS is written for the archives as made here, which tools/openwrt/build.sh
# checks before every build. Archives that are already present and match are kept.
set -euo pipefail

die() { echo "fetch-sources: $*" >&2; exit 1; }

[ $# -ge 1 ] || die "usage: $0 DIR [fetch-list.txt]"
DIR=$1
LIST=${2:-$DIR/fetch-list.txt}
[ -f "$LIST" ] || die "no $LIST: copy fetch-list.txt from the pinned sources first"
command -v git >/dev/null || die "git is needed"
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

tar_hash() { gzip -dc "$1" | sha256sum | cut -d' ' -f1; }

while IFS=$'\t' read -r archive url commit prefix paths want; do
	case "$archive" in ''|'#'*) continue ;; esac
	out="$DIR/$archive"
	if [ -f "$out" ] && [ "$(tar_hash "$out")" = "$want" ]; then
		echo "fetch-sources: $archive: present"
		continue
	fi
	repo="$WORK/$(echo "$url" | sha256sum | cut -c1-16).git"
	if [ ! -d "$repo" ]; then
		git init -q --bare "$repo"
	fi
	git --git-dir="$repo" fetch -q --depth 1 "$url" "$commit" || die "$archive: cannot fetch $commit from $url"
	# paths: '.' for the whole tree, otherwise a space-separated list.
	if [ "$paths" = "." ]; then
		git --git-dir="$repo" archive --format=tar.gz --prefix="$prefix" "$commit" >"$out.part"
	else
		# shellcheck disable=SC2086 # the list is meant to split into separate paths
		git --git-dir="$repo" archive --format=tar.gz --prefix="$prefix" "$commit" -- $paths >"$out.part"
	fi
	got=$(tar_hash "$out.part")
	if [ "$got" != "$want" ]; then
		rm -f "$out.part"
		die "$archive: tar sha256 $got, fetch-list.txt says $want"
	fi
	mv "$out.part" "$out"
	echo "fetch-sources: $archive: made"
done <"$LIST"

[ "$LIST" = "$DIR/fetch-list.txt" ] || cp "$LIST" "$DIR/fetch-list.txt"
(cd "$DIR" && sha256sum -- *.tar.gz >SHA256SUMS)
echo "fetch-sources: $DIR is ready (OPENWRT_SRC=$DIR)"
