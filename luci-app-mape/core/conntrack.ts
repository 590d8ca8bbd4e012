/*
 * Port usage from the conntrack table (/proc/net/nf_conntrack), one linear pass:
 *
 *   ipv4     2 tcp      6 431999 ESTABLISHED src=192.168.1.100 dst=93.184.216.34 sport=51234
 *            dport=443 src=93.184.216.34 dst=106.72.171.205 sport=443 dport=7925 [ASSURED] …
 *
 * A flow leaves through MAP-E when the reply tuple (the second src=…) is addressed to our
 * IPv4: its dport (ICMP: its id) is the port our SNAT gave it, and the original src is the
 * LAN host (the router itself for its own flows). Ports are counted per port group (the
 * port sets), distinct port numbers as "used", every flow as a connection; flows whose
 * port is in no set (e.g. mapped by a rule that ignores the sets) are counted as `outside`.
 */

import type { GroupUsage, HostUsage, PortUsage } from '../types/api';

/** The index of the set holding port, or -1 (sets ascending, non-overlapping). */
function findGroup(sets: readonly number[][], port: number): number {
	let lo = 0;
	let hi = length(sets) - 1;
	while (lo <= hi) {
		const mid = int((lo + hi) / 2);
		if (port < sets[mid][0]) hi = mid - 1;
		else if (port > sets[mid][1]) lo = mid + 1;
		else return mid;
	}
	return -1;
}

function ascending(a: number[], b: number[]): number {
	return a[0] - b[0];
}

/** The summary for our IPv4 and port sets; `top` hosts with the most ports are listed. */
export function portUsage(text: string, ipv4: string, portsets: readonly number[][], top: number): PortUsage {
	const sets = sort(slice(portsets), ascending);
	const groups: GroupUsage[] = [];
	let total = 0;
	for (const s of sets) {
		push(groups, { first: s[0], last: s[1], connections: 0, ports_used: 0 });
		total += s[1] - s[0] + 1;
	}
	const seen: { [port: string]: boolean } = {};
	const hostIndex: { [address: string]: HostUsage } = {};
	const hostPorts: { [key: string]: boolean } = {};
	const hosts: HostUsage[] = [];
	let connections = 0;
	let outside = 0;
	let used = 0;
	const wantedDst = 'dst=' + ipv4;

	for (const line of split(text, '\n')) {
		if (substr(line, 0, 5) != 'ipv4 ' || index(line, wantedDst) < 0) continue;
		let srcs = 0;
		let host: string | null = null;
		let replyDst: string | null = null;
		let port = -1;
		for (const word of split(line, ' ')) {
			const head = substr(word, 0, 4);
			if (head == 'src=') {
				srcs++;
				if (srcs == 1) host = substr(word, 4);
			} else if (srcs == 2) {
				if (head == 'dst=') replyDst = substr(word, 4);
				else if (substr(word, 0, 6) == 'dport=') port = int(substr(word, 6));
				else if (substr(word, 0, 3) == 'id=') port = int(substr(word, 3));
			}
		}
		if (replyDst != ipv4 || host == null || port < 0) continue;
		connections++;
		const g = findGroup(sets, port);
		if (g < 0) {
			outside++;
			continue;
		}
		groups[g].connections++;
		const key = '' + port;
		if (!seen[key]) {
			seen[key] = true;
			groups[g].ports_used++;
			used++;
		}
		let h = hostIndex[host];
		if (h == null) {
			h = { address: host, connections: 0, ports: 0 };
			hostIndex[host] = h;
			push(hosts, h);
		}
		h.connections++;
		if (!hostPorts[host + ' ' + key]) {
			hostPorts[host + ' ' + key] = true;
			h.ports++;
		}
	}
	sort(hosts, function (a: HostUsage, b: HostUsage): number {
		if (a.ports != b.ports) return b.ports - a.ports;
		if (a.connections != b.connections) return b.connections - a.connections;
		return a.address < b.address ? -1 : (a.address > b.address ? 1 : 0);
	});
	return {
		ipv4: ipv4,
		ports_total: total,
		ports_used: used,
		ports_available: total - used,
		connections: connections,
		outside: outside,
		groups: groups,
		hosts: slice(hosts, 0, top),
	};
}
