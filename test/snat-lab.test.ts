/*
 * The SNAT script on a real kernel (test/lab/lab.ts: LAN host → router → BR that drops
 * and counts out-of-set source ports → IPv4 server that records source ports).
 * Skipped, with the reason, when not root or when `ip netns`/`nft` are unavailable.
 */
import assert from 'node:assert/strict';
import { Lab, labUnavailable, CE_IPV4, SERVER } from './lab/lab.ts';
import { V6PLUS, OCN, allowedPorts, groupOf, type Shape } from './lab/portset.ts';
import { snatScriptFor, snatRemoveFor } from './lab/generator.ts';
import { realTest } from './openwrt-env.ts';

const missing = labUnavailable() ?? false;

async function withLab(shape: Shape, body: (lab: Lab) => Promise<void>): Promise<void> {
	const lab = new Lab(shape);
	try {
		await body(lab);
	} finally {
		lab.destroy();
	}
}

function groupsUsed(ports: number[], shape: Shape): number {
	return new Set(ports.map((p) => groupOf(p, shape))).size;
}

for (const [name, shape, ports, groups] of [['v6plus', V6PLUS, 240, 15], ['OCN', OCN, 1008, 63]] as const) {
	for (const strategy of ['spill', 'group']) {
		realTest(`${name}, ${strategy}: TCP and UDP use every group, nothing leaves outside the port set, ping works`, missing, async () => {
			await withLab(shape, async (lab) => {
				lab.loadRouter(await snatScriptFor(shape, { ipv4: CE_IPV4, strategy }));
				const server = await lab.agent(lab.srv);
				await server.call({ cmd: 'listen', host: SERVER, port: 80 });
				const client = await lab.agent(lab.lan);
				const tcp = await client.call({ cmd: 'open', host: SERVER, port: 80, n: ports, timeout: 3000 });
				assert.equal(tcp.connected, ports, 'every port of the set carries a connection to one server port');
				const udp = await client.call({ cmd: 'udp', host: SERVER, port: 53, n: groups * 2 });
				assert.equal(udp.sent, groups * 2);
				assert.ok(lab.ping(3), 'IPv4 ping (echo id mapped into the port set) gets its reply');
				await new Promise((r) => setTimeout(r, 200));

				const allowed = allowedPorts(shape);
				const seenTcp = lab.seen('tcp');
				assert.equal(seenTcp.length, ports, 'distinct TCP source ports at the server');
				assert.equal(groupsUsed(seenTcp, shape), groups, 'TCP: all groups');
				const seenUdp = lab.seen('udp');
				assert.equal(groupsUsed(seenUdp, shape), groups, 'UDP: all groups');
				const seenIcmp = lab.seen('icmp');
				assert.ok(seenIcmp.length >= 1);
				for (const p of [...seenTcp, ...seenUdp, ...seenIcmp]) assert.ok(allowed.has(p), `source port/id ${p} outside the set`);
				const c = lab.counters();
				assert.deepEqual([c.bad_addr, c.bad_port], [0, 0], 'the BR dropped nothing');
				assert.ok(c.good > ports);
				assert.equal(lab.retransmitted().length, 0, 'every SYN got through the first time');
			});
		});
	}
}

realTest('reserved ports are never used, even with every other port busy', missing, async () => {
	const reserved = [7920, 7921, 12020, 65279];
	await withLab(V6PLUS, async (lab) => {
		lab.loadRouter(await snatScriptFor(V6PLUS, { ipv4: CE_IPV4, reserved: reserved.map((p) => [p, p]) }));
		const server = await lab.agent(lab.srv);
		await server.call({ cmd: 'listen', host: SERVER, port: 80 });
		const client = await lab.agent(lab.lan);
		const tcp = await client.call({ cmd: 'open', host: SERVER, port: 80, n: 240 - reserved.length, timeout: 3000 });
		assert.equal(tcp.connected, 240 - reserved.length);
		await client.call({ cmd: 'udp', host: SERVER, port: 53, n: 100 });
		assert.ok(lab.ping(2));
		const seen = [...lab.seen('tcp'), ...lab.seen('udp'), ...lab.seen('icmp')];
		for (const p of reserved) assert.ok(!seen.includes(p), `reserved port ${p} used`);
		assert.equal(lab.seen('tcp').length, 240 - reserved.length);
		assert.equal(lab.counters().bad_port, 0);
	});
});

realTest('a new IPv4 (prefix change) replaces the table: no rule for the old address is left', missing, async () => {
	await withLab(V6PLUS, async (lab) => {
		lab.loadRouter(await snatScriptFor(V6PLUS, { ipv4: '192.0.2.99' }));
		lab.loadRouter(await snatScriptFor(V6PLUS, { ipv4: '192.0.2.99' }));
		assert.match(lab.listRouter(), /192\.0\.2\.99/);
		lab.loadRouter(await snatScriptFor(V6PLUS, { ipv4: CE_IPV4 }));
		const ruleset = lab.listRouter();
		assert.doesNotMatch(ruleset, /192\.0\.2\.99/);
		assert.equal((ruleset.match(/^table /gm) ?? []).length, 1);
		// And the new address is what the BR and the server see.
		const server = await lab.agent(lab.srv);
		await server.call({ cmd: 'listen', host: SERVER, port: 80 });
		const client = await lab.agent(lab.lan);
		assert.equal((await client.call({ cmd: 'open', host: SERVER, port: 80, n: 30, timeout: 3000 })).connected, 30);
		assert.equal(lab.counters().bad_addr, 0);
	});
});

realTest('the removal script leaves nothing, and works when the table is already gone', missing, async () => {
	await withLab(V6PLUS, async (lab) => {
		lab.loadRouter(await snatScriptFor(V6PLUS, { ipv4: CE_IPV4 }));
		lab.loadRouter(await snatScriptFor(V6PLUS, { ipv4: CE_IPV4, iface: 'wanmap2', device: 'map-wanmap2' }));
		lab.loadRouter(await snatRemoveFor('wanmap'));
		assert.equal(lab.exec(lab.rtr, ['nft', 'list', 'tables']).stdout.trim(), 'table inet mape_wanmap2', 'only the other interface\'s table is left');
		lab.loadRouter(await snatRemoveFor('wanmap2'));
		lab.loadRouter(await snatRemoveFor('wanmap2'));
		assert.equal(lab.exec(lab.rtr, ['nft', 'list', 'tables']).stdout, '');
	});
});

/** What fw4 renders from map.sh on every release so far (openwrt-platform.md §6.1), plus masquerade. */
function fw4Table(shape: Shape): string {
	const first = [...allowedPorts(shape)][0];
	return `table inet fw4 {}
delete table inet fw4
table inet fw4 {
	chain srcnat {
		type nat hook postrouting priority srcnat; policy accept;
		meta nfproto ipv4 meta l4proto tcp oifname "map-wanmap" counter snat ip to ${CE_IPV4}:${first}-${first + 15}
		meta nfproto ipv4 meta l4proto udp oifname "map-wanmap" counter snat ip to ${CE_IPV4}:${first}-${first + 15}
		oifname "map-wanmap" masquerade
	}
}
`;
}

realTest('still wins after fw4 re-creates its own srcnat chain (stock MAP-E rules + masquerade) after ours', missing, async () => {
	await withLab(V6PLUS, async (lab) => {
		lab.loadRouter(fw4Table(V6PLUS));
		lab.loadRouter(await snatScriptFor(V6PLUS, { ipv4: CE_IPV4 }));
		lab.loadRouter(fw4Table(V6PLUS)); // fw4 reload: its table is rendered again, last
		const server = await lab.agent(lab.srv);
		await server.call({ cmd: 'listen', host: SERVER, port: 80 });
		const client = await lab.agent(lab.lan);
		assert.equal((await client.call({ cmd: 'open', host: SERVER, port: 80, n: 240, timeout: 3000 })).connected, 240);
		assert.ok(lab.ping(2));
		assert.equal(groupsUsed(lab.seen('tcp'), V6PLUS), 15);
		assert.deepEqual(lab.counters().bad_addr + lab.counters().bad_port, 0);
		// fw4's rules never matched: our chain (priority srcnat - 10) mapped every flow first.
		assert.match(lab.exec(lab.rtr, ['nft', 'list', 'chain', 'inet', 'fw4', 'srcnat']).stdout, /counter packets 0 bytes 0 snat ip to/);
	});
});

realTest('control: the stock fw4 rules alone use one group and lose ping (what the fix is for)', missing, async () => {
	await withLab(V6PLUS, async (lab) => {
		lab.loadRouter(fw4Table(V6PLUS));
		const server = await lab.agent(lab.srv);
		await server.call({ cmd: 'listen', host: SERVER, port: 80 });
		const client = await lab.agent(lab.lan);
		await client.call({ cmd: 'open', host: SERVER, port: 80, n: 40, timeout: 1500 });
		assert.equal(groupsUsed(lab.seen('tcp'), V6PLUS), 1);
		assert.ok(lab.seen('tcp').length <= 16);
		assert.equal(lab.ping(1), false, 'masqueraded echo ids fall outside the set: the BR drops them');
		assert.ok(lab.counters().bad_port > 0);
	});
});
