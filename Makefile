# Inside an OpenWrt buildroot or SDK (TOPDIR set) this is a normal LuCI package
# Makefile: the generated files in htdocs/ and root/ are committed, so no node step
# is needed there. On a plain PC, `make` builds everything with node.

ifneq ($(TOPDIR),)

include $(TOPDIR)/rules.mk

LUCI_TITLE:=One-click MAP-E for Japanese IPoE (v6plus, OCN, BIGLOBE, NURO)
LUCI_DEPENDS:=+luci-base +map +rpcd-mod-ucode +ucode-mod-fs +ucode-mod-uci +ucode-mod-ubus
LUCI_PKGARCH:=all
LUCI_MINIFY_JS:=0
PKG_VERSION:=0.1.0
PKG_RELEASE:=1
PKG_LICENSE:=Apache-2.0

include $(TOPDIR)/feeds/luci/luci.mk

# call BuildPackage - OpenWrt buildroot signature

else

.PHONY: all build test check-generated clean

all: build

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

build: node_modules/.package-lock.json
	npx tsx tools/build.ts

check-generated: node_modules/.package-lock.json
	npx tsx tools/build.ts --check

test: node_modules/.package-lock.json check-generated
	npm test

clean:
	rm -rf build dist

endif
