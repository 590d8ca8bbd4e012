/*
 * core/reserved.ts through the compiled JavaScript build: the reserved-port syntax
 * (mape.reserved_ports, `mape snat --reserve`) and the ports fw4 port forwards (`redirect`
 * sections) keep out of the SNAT pool. Firewall configs are written out by hand as the uci
 * module returns them; expectations are typed in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildEngine } from './engine-build.ts';

const reserved = await buildEngine().load('reserved');

test('parseReserved: single ports, first-last and first:last ranges, commas and/or spaces, merged and sorted', () => {
	assert.deepEqual(reserved.parseReserved(''), []);
	assert.deepEqual(reserved.parseReserved('8080'), [[8080, 8080]]);
	assert.deepEqual(reserved.parseReserved('8080,5000-5010'), [[5000, 5010], [8080, 8080]]);
	assert.deepEqual(reserved.parseReserved('6000:6010 5000-5010, 5011\t80'), [[80, 80], [5000, 5011], [6000, 6010]]);
	assert.deepEqual(reserved.parseReserved('1-65535'), [[1, 65535]]);
	assert.deepEqual(reserved.parseReserved('100-200,150-300,301'), [[100, 301]]);
	for (const bad of ['80-70', '0', '65536', 'http', '1-2-3', '-5', '5-', '5:', ':5', '!80', '123456', '80;81']) {
		const r = reserved.parseReserved(bad);
		assert.equal(r.error?.code, 'BAD_RESERVED', bad);
	}
});

/** The stock 24.10 zones with the MAP interface in wan, plus a guest zone. */
const ZONES = [
	{ '.name': 'cfg02dc81', '.type': 'zone', '.anonymous': true, name: 'lan', network: ['lan'] },
	{ '.name': 'cfg03dc81', '.type': 'zone', '.anonymous': true, name: 'wan', network: ['wan', 'wan6', 'wanmap'] },
	{ '.name': 'guest_zone', '.type': 'zone', name: 'guest', network: 'guest iot' },
];

function redirect(name: string, options: Record<string, unknown>) {
	return { '.name': name, '.type': 'redirect', ...options };
}

test('redirectReserved: enabled DNAT forwards from a zone holding the MAP interface reserve their external ports', () => {
	const firewall = [
		...ZONES,
		redirect('web', { name: 'Web', src: 'wan', dest: 'lan', proto: 'tcp', src_dport: '8080', dest_ip: '192.168.1.10', dest_port: '80' }),
		redirect('range', { src: 'wan', dest: 'lan', src_dport: '5000-5010', dest_ip: '192.168.1.11', target: 'DNAT' }),
		redirect('colon', { src: 'wan', dest: 'lan', src_dport: '6000:6002', dest_ip: '192.168.1.12', target: 'dnat' }),
		redirect('several', { src: 'wan', dest: 'lan', src_dport: '7000 7005-7006', dest_ip: '192.168.1.13', enabled: '1' }),
		redirect('list', { src: 'wan', dest: 'lan', src_dport: ['9000', '9001'], dest_ip: '192.168.1.14' }),
		// Not reserved: disabled, SNAT, IPv6 only, another zone, unknown zone, no src.
		redirect('off', { src: 'wan', src_dport: '1111', dest_ip: '192.168.1.20', enabled: '0' }),
		redirect('off2', { src: 'wan', src_dport: '1112', dest_ip: '192.168.1.20', enabled: 'no' }),
		redirect('snat', { src: 'lan', dest: 'wan', src_dport: '1113', src_dip: '192.0.2.1', target: 'SNAT' }),
		redirect('snat_wan', { src: 'wan', dest: 'lan', src_dport: '1114', src_dip: '192.168.1.1', target: 'SNAT' }),
		redirect('v6', { src: 'wan', dest: 'lan', src_dport: '1115', dest_ip: '2001:db8::1', family: 'ipv6' }),
		redirect('guest', { src: 'guest', dest: 'lan', src_dport: '1116', dest_ip: '192.168.1.21' }),
		redirect('lan', { src: 'lan', dest: 'lan', src_dport: '1117', dest_ip: '192.168.1.22' }),
		redirect('nosrc', { dest: 'lan', src_dport: '1118', dest_ip: '192.168.1.23' }),
		// Forwards everything: nothing to reserve, nothing to say.
		redirect('dmz', { name: 'DMZ', src: 'wan', dest: 'lan', dest_ip: '192.168.1.99' }),
		{ '.name': 'rule1', '.type': 'rule', src: 'wan', dest_port: '1119', target: 'ACCEPT' },
	];
	assert.deepEqual(reserved.redirectReserved(firewall, 'wanmap'), {
		ranges: [[5000, 5010], [6000, 6002], [7000, 7000], [7005, 7006], [8080, 8080], [9000, 9001]],
		skipped: [],
	});
	// The zone must hold the interface: for another interface nothing of wan's counts.
	assert.deepEqual(reserved.redirectReserved(firewall, 'other'), { ranges: [], skipped: [] });
	// A guest-zoned interface gets the guest forward (network given as a string).
	assert.deepEqual(reserved.redirectReserved(firewall, 'iot').ranges, [[1116, 1116]]);
	assert.deepEqual(reserved.redirectReserved([], 'wanmap'), { ranges: [], skipped: [] });
});

test('redirectReserved: service names and other non-numeric src_dport values are skipped with a note', () => {
	const firewall = [
		...ZONES,
		redirect('ssh', { name: 'SSH', src: 'wan', dest: 'lan', src_dport: 'ssh', dest_ip: '192.168.1.10' }),
		redirect('mixed', { src: 'wan', dest: 'lan', src_dport: '8443 https !80 70-60', dest_ip: '192.168.1.11' }),
	];
	assert.deepEqual(reserved.redirectReserved(firewall, 'wanmap'), {
		ranges: [[8443, 8443]],
		skipped: [
			'port forward "SSH": src_dport "ssh" is not a port number or range, not reserved',
			'port forward "mixed": src_dport "https" is not a port number or range, not reserved',
			'port forward "mixed": src_dport "!80" is not a port number or range, not reserved',
			'port forward "mixed": src_dport "70-60" is not a port number or range, not reserved',
		],
	});
});
