/*
 * The hotplug shell filter (root/etc/hotplug.d/iface/95-mape): which netifd events reach
 * `/usr/sbin/mape hotplug`. Runs the real script with /bin/sh in a private mount namespace
 * where /usr/sbin/mape is a stub that records its arguments and `uci` is a stub answering
 * from a table, so nothing on this machine is touched. Needs root and unshare(1).
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { realTest } from './openwrt-env.ts';
import { scratchDir } from './scratch.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = join(REPO, 'root/etc/hotplug.d/iface/95-mape');

function canRun(): string | false {
	if (process.getuid?.() !== 0) return 'needs root (a private mount namespace hides /usr/sbin)';
	const probe = spawnSync('unshare', ['-m', 'true']);
	if (probe.status !== 0) return 'unshare -m is not available here';
	return false;
}

/** Runs the filter for one event; returns the arguments /usr/sbin/mape got, or null if not called. */
function event(action: string, iface: string, uci: Record<string, string>): string[] | null {
	const dir = scratchDir('mape-hotplug');
	const record = join(dir, 'record');
	const values = join(dir, 'uci-values');
	writeFileSync(values, Object.entries(uci).map(([k, v]) => `${k}=${v}\n`).join(''));
	writeFileSync(join(dir, 'mape'), `#!/bin/sh\nprintf '%s\\n' "$@" > ${JSON.stringify(record)}\n`);
	writeFileSync(join(dir, 'uci'), [
		'#!/bin/sh',
		'[ "$1" = -q ] && shift',
		'[ "$1" = get ] || exit 1',
		`exec awk -F= -v k="$2" '$1 == k { print substr($0, length(k) + 2); found = 1 } END { exit !found }' ${JSON.stringify(values)}`,
		'',
	].join('\n'));
	chmodSync(join(dir, 'mape'), 0o755);
	chmodSync(join(dir, 'uci'), 0o755);
	const inner = 'mount -t tmpfs tmpfs /usr/sbin && cp "$STUB_DIR/mape" /usr/sbin/mape && chmod 755 /usr/sbin/mape && exec /bin/sh "$FILTER"';
	const r = spawnSync('unshare', ['-m', '--propagation', 'private', '/bin/sh', '-c', inner], {
		encoding: 'utf8',
		env: { PATH: `${dir}:/usr/bin:/bin`, ACTION: action, INTERFACE: iface, STUB_DIR: dir, FILTER: SCRIPT },
	});
	assert.equal(r.status, 0, r.stderr);
	return existsSync(record) ? readFileSync(record, 'utf8').trimEnd().split('\n') : null;
}

const missing = canRun();

realTest('default names: wan6 up/update and wanmap up/down reach mape hotplug', missing, () => {
	const uci = { 'network.wan6.proto': 'dhcpv6', 'network.wanmap.proto': 'map' };
	assert.deepEqual(event('ifup', 'wan6', uci), ['hotplug', 'ifup', 'wan6']);
	assert.deepEqual(event('ifupdate', 'wan6', uci), ['hotplug', 'ifupdate', 'wan6']);
	assert.deepEqual(event('ifup', 'wanmap', uci), ['hotplug', 'ifup', 'wanmap']);
	assert.deepEqual(event('ifdown', 'wanmap', uci), ['hotplug', 'ifdown', 'wanmap']);
});

realTest('unrelated interfaces and other actions start nothing', missing, () => {
	const uci = { 'network.lan.proto': 'static', 'network.wan.proto': 'dhcp' };
	assert.equal(event('ifup', 'lan', uci), null);
	assert.equal(event('ifup', 'wan', uci), null);
	assert.equal(event('iflink', 'wan6', uci), null);
	assert.equal(event('ifup', '', uci), null);
});

realTest('configured names: the uplink and MAP interface from /etc/config/mape', missing, () => {
	const uci = { 'mape.@mape[0].tunlink': 'wan6b', 'mape.@mape[0].interface': 'v6map', 'network.wan6.proto': 'dhcpv6', 'network.wan6b.proto': 'dhcpv6' };
	assert.deepEqual(event('ifup', 'wan6b', uci), ['hotplug', 'ifup', 'wan6b']);
	assert.deepEqual(event('ifup', 'v6map', uci), ['hotplug', 'ifup', 'v6map']);
	// Another DHCPv6 interface is not the uplink once one is configured.
	assert.equal(event('ifup', 'wan6', uci), null);
});

realTest('without a configured uplink any DHCPv6 interface may be it; a hand-made map interface is ours', missing, () => {
	const uci = { 'network.wan_v6.proto': 'dhcpv6', 'network.ocnmap.proto': 'map' };
	assert.deepEqual(event('ifup', 'wan_v6', uci), ['hotplug', 'ifup', 'wan_v6']);
	assert.deepEqual(event('ifup', 'ocnmap', uci), ['hotplug', 'ifup', 'ocnmap']);
});
