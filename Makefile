# Inside an OpenWrt buildroot or SDK (TOPDIR set) this is a normal LuCI package
# Makefile: the generated files in htdocs/ and root/ are committed, so no node step
# is needed there. On a plain PC, `make` builds everything with node, including the
# .ipk and .apk packages (tools/package/, no OpenWrt tools needed).

ifneq ($(TOPDIR),)

include $(TOPDIR)/rules.mk

# Named explicitly so the package keeps its name whatever directory the feed checks out to
# (luci.mk would otherwise derive it from the directory name).
PKG_NAME:=luci-app-mape
LUCI_NAME:=luci-app-mape
LUCI_TYPE:=app
LUCI_BASENAME:=mape

LUCI_TITLE:=One-click MAP-E for Japanese IPoE (v6plus, OCN, BIGLOBE, NURO)
LUCI_DEPENDS:=+luci-base +map +ds-lite +kmod-nft-connlimit +rpcd-mod-ucode +ucode-mod-fs +ucode-mod-uci +ucode-mod-ubus
LUCI_PKGARCH:=all
LUCI_MINIFY_JS:=0
# Keep PKG_VERSION equal to package.json's version and PKG_RELEASE to RELEASE in
# tools/package/payload.ts (test/package.test.ts checks both).
PKG_VERSION:=0.1.0
PKG_RELEASE:=1
PKG_LICENSE:=Apache-2.0

# Same maintainer-script logic as the .ipk/.apk built on a PC (tools/package/payload.ts).
# The postinst replaces luci.mk's default one (cache clearing, rpcd reload) with the same
# steps plus `mape hotplug resume`, which puts back the SNAT table of a running MAP
# interface (a reinstall's removal step deleted it).
define Package/luci-app-mape/conffiles
/etc/config/mape
endef

define Package/luci-app-mape/postinst
#!/bin/sh
[ -n "$${IPKG_INSTROOT}" ] || {
	rm -f /tmp/luci-indexcache*
	rm -rf /tmp/luci-modulecache/
	/etc/init.d/rpcd reload >/dev/null 2>&1
	/usr/sbin/mape hotplug resume >/dev/null 2>&1
	exit 0
}
endef

define Package/luci-app-mape/prerm
#!/bin/sh
[ -n "$${IPKG_INSTROOT}" ] || [ "$${PKG_UPGRADE}" = "1" ] || {
	if command -v nft >/dev/null 2>&1; then
		nft list tables 2>/dev/null | grep ' mape_' | while read -r _ family table; do
			nft delete table "$$family" "$$table" 2>/dev/null
		done
	fi
	exit 0
}
endef

define Package/luci-app-mape/postrm
#!/bin/sh
[ -n "$${IPKG_INSTROOT}" ] || {
	rm -f /tmp/luci-indexcache*
	rm -rf /tmp/luci-modulecache/
	/etc/init.d/rpcd reload >/dev/null 2>&1
	exit 0
}
endef

# In the LuCI tree (applications/luci-app-mape) luci.mk is two levels up; as a feed of
# its own it comes from the installed luci feed.
include $(if $(wildcard ../../luci.mk),../../luci.mk,$(TOPDIR)/feeds/luci/luci.mk)

# call BuildPackage - OpenWrt buildroot signature

else

.PHONY: all build package openwrt lab check-package size-report test check-generated clean

# The pinned OpenWrt userland is built too when its sources are there (OPENWRT_SRC, by
# default ../shared/openwrt-src); without them `make` says so and the real-platform tests
# cannot run.
all: build package openwrt-if-available

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

build: node_modules/.package-lock.json
	npx tsx tools/build.ts

# dist/luci-app-mape_<version>_all.ipk and dist/luci-app-mape-<version>.apk, with the
# ucode's comments stripped (root/ keeps them; the feed build installs root/ as it is)
# and the .lmo catalogs compiled from po/.
package: build
	npx tsx tools/package/build.ts --out dist

# Opens the packages with independent readers (system tar/gzip, a separate apk parser);
# the packaged ucode must have root/'s tokens and no comment but its header line.
check-package: package
	npx tsx tools/package/check.ts dist

# Sizes, and the ipk broken down into views, ucode, translations, other (compressed bytes).
size-report: package
	npx tsx tools/package/report.ts dist

# The OpenWrt userland the tests run against (ucode, libuci, ubus, rpcd of 23.05.4 and
# 24.10.4, ucode master, apk-tools 3), built from pinned sources into a cache outside the
# checkout; cached by archive hash, so a second run takes a second.
openwrt:
	tools/openwrt/build.sh

.PHONY: openwrt-if-available
openwrt-if-available:
	tools/openwrt/build.sh --if-available

check-generated: node_modules/.package-lock.json
	npx tsx tools/build.ts --check

# The router lab alone, printing each step (root; see README, "Router lab").
lab: package openwrt
	npm run lab

test: node_modules/.package-lock.json check-generated
	npm test

clean:
	rm -rf build dist

endif
