/*
 * Throw-away HB46PP infrastructure for tests, on ::1 only, each on a port the kernel picks:
 *
 *   dnsServer(table)    a UDP DNS server answering TXT queries from a table: name → the
 *                       record texts (one character-string each, or several), an rcode
 *                       (3 NXDOMAIN, 2 SERVFAIL, 5 REFUSED), [] (NODATA) or 'drop' (no
 *                       answer); names not in the table get NXDOMAIN
 *   testCa(dir, name)   a CA and a server certificate for IP ::1, made now with openssl
 *   provisioningServer(routes, tls)
 *                       an HTTPS (or plain HTTP) server: path → a route (status, body,
 *                       headers, or 'hang': accept and never answer); it records every
 *                       request (path with query, User-Agent)
 *
 * Everything is closed by close(); the servers run in the test process, so the CLI under
 * test must be started asynchronously (spawn, not spawnSync).
 */
import dgram from 'node:dgram';
import http from 'node:http';
import https from 'node:https';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

export type DnsBehaviour = (string | string[])[] | number | 'drop';

export interface DnsServer {
	port: number;
	/** Queries seen, as "name/type". */
	queries: string[];
	close(): Promise<void>;
}

function qname(msg: Buffer): [string, number] {
	const labels: string[] = [];
	let off = 12;
	while (msg[off]) {
		labels.push(msg.subarray(off + 1, off + 1 + msg[off]).toString('latin1'));
		off += msg[off] + 1;
	}
	return [labels.join('.').toLowerCase(), off + 1];
}

export async function dnsServer(table: Record<string, DnsBehaviour>): Promise<DnsServer> {
	const socket = dgram.createSocket('udp6');
	const queries: string[] = [];
	socket.on('message', (msg, peer) => {
		const [name, end] = qname(msg);
		const qtype = msg.readUInt16BE(end);
		queries.push(`${name}/${qtype}`);
		const behaviour = table[name] ?? 3;
		if (behaviour === 'drop') return;
		const answers: Buffer[] = [];
		const rcode = typeof behaviour === 'number' ? behaviour : 0;
		if (Array.isArray(behaviour) && qtype === 16) {
			for (const record of behaviour) {
				const strings = (Array.isArray(record) ? record : [record]).map((s) => Buffer.from(s, 'utf8'));
				const rdata = Buffer.concat(strings.map((b) => Buffer.concat([Buffer.from([b.length]), b])));
				const rr = Buffer.alloc(12);
				rr.writeUInt16BE(0xc00c, 0);
				rr.writeUInt16BE(16, 2);
				rr.writeUInt16BE(1, 4);
				rr.writeUInt32BE(3600, 6);
				rr.writeUInt16BE(rdata.length, 10);
				answers.push(rr, rdata);
			}
		}
		const header = Buffer.alloc(12);
		header.writeUInt16BE(msg.readUInt16BE(0), 0);
		header.writeUInt16BE(0x8180 | rcode, 2);
		header.writeUInt16BE(1, 4);
		header.writeUInt16BE(answers.length / 2, 6);
		socket.send(Buffer.concat([header, msg.subarray(12, end + 4), ...answers]), peer.port, peer.address);
	});
	await new Promise<void>((resolve) => socket.bind(0, '::1', resolve));
	return {
		port: (socket.address() as AddressInfo).port,
		queries,
		close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
	};
}

export interface TestCa {
	/** The CA certificate (PEM file). */
	ca: string;
	/** The server's key and certificate for IP ::1, signed by the CA. */
	key: string;
	cert: string;
}

/** A CA and a server certificate for ::1 (EC P-256, valid two days), made in `dir`. */
export function testCa(dir: string, name: string): TestCa {
	const f = (x: string) => join(dir, `${name}-${x}`);
	const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	execFileSync('openssl', ['req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.crt'), '-days', '2', '-subj', `/CN=${name} test CA`,
		'-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], { stdio: 'ignore' });
	execFileSync('openssl', ['req', ...ec, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=provisioning test server'], { stdio: 'ignore' });
	writeFileSync(f('ext'), 'subjectAltName=IP:::1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
	execFileSync('openssl', ['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial',
		'-out', f('server.crt'), '-days', '2', '-extfile', f('ext')], { stdio: 'ignore' });
	return { ca: f('ca.crt'), key: f('server.key'), cert: f('server.crt') };
}

export interface Route {
	status?: number;
	body?: string;
	headers?: Record<string, string>;
	/** Accept the request and never answer. */
	hang?: boolean;
}

export interface ProvisioningServer {
	port: number;
	/** "https://[::1]:port" (or http). */
	base: string;
	requests: { url: string; agent: string }[];
	close(): Promise<void>;
}

export async function provisioningServer(routes: Record<string, Route>, tls: TestCa | null): Promise<ProvisioningServer> {
	const requests: { url: string; agent: string }[] = [];
	const hanging: http.ServerResponse[] = [];
	const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
		requests.push({ url: req.url ?? '', agent: String(req.headers['user-agent'] ?? '') });
		const route = routes[(req.url ?? '').split('?')[0]] ?? { status: 404, body: 'not found' };
		if (route.hang) { hanging.push(res); return; }
		res.writeHead(route.status ?? 200, { 'Content-Type': 'application/json', ...route.headers });
		res.end(route.body ?? '');
	};
	const server = tls
		? https.createServer({ key: readFileSync(tls.key), cert: readFileSync(tls.cert) }, handler)
		: http.createServer(handler);
	await new Promise<void>((resolve) => server.listen(0, '::1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		port, requests, base: `${tls ? 'https' : 'http'}://[::1]:${port}`,
		close: () => new Promise<void>((resolve) => {
			for (const res of hanging) res.destroy();
			server.closeAllConnections();
			server.close(() => resolve());
		}),
	};
}
