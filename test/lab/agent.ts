/*
 * Lab agent: a TCP/UDP client or server inside a namespace, driven by JSON lines on stdin
 * (one answer line per command on stdout). Started by lab.ts through `ip netns exec`.
 *
 *   {"cmd":"listen","host":H,"port":P}                 TCP server that keeps connections open
 *   {"cmd":"open","host":H,"port":P,"n":N,"timeout":MS} N concurrent connects → {connected, failed}
 *   {"cmd":"close","fraction":F}                       close (FIN) a random fraction of open ones
 *   {"cmd":"udp","host":H,"port":P,"n":N}              one datagram from each of N new sockets
 */
import * as net from 'node:net';
import * as dgram from 'node:dgram';
import { createInterface } from 'node:readline';

const open: net.Socket[] = [];
const reply = (v: unknown) => process.stdout.write(JSON.stringify(v) + '\n');

function connectOne(host: string, port: number, timeout: number): Promise<net.Socket | null> {
	return new Promise((resolve) => {
		const s = net.connect({ host, port });
		const timer = setTimeout(() => { s.destroy(); resolve(null); }, timeout);
		s.once('connect', () => { clearTimeout(timer); resolve(s); });
		s.once('error', () => { clearTimeout(timer); s.destroy(); resolve(null); });
	});
}

async function handle(c: any): Promise<unknown> {
	switch (c.cmd) {
		case 'listen': {
			const server = net.createServer({ pauseOnConnect: false }, (s) => s.on('error', () => {}));
			await new Promise<void>((r) => server.listen({ host: c.host, port: c.port, backlog: 8192 }, r));
			return { ok: true };
		}
		case 'open': {
			const t0 = Date.now();
			const results = await Promise.all(Array.from({ length: c.n }, () => connectOne(c.host, c.port, c.timeout ?? 3000)));
			let connected = 0;
			const ports: number[] = [];
			for (const s of results) if (s) { connected++; open.push(s); s.on('error', () => {}); ports.push(s.localPort!); }
			return { connected, failed: c.n - connected, ms: Date.now() - t0, ports };
		}
		case 'close': {
			const victims: net.Socket[] = [];
			for (let i = open.length - 1; i >= 0; i--) if (Math.random() < c.fraction) victims.push(...open.splice(i, 1));
			await Promise.all(victims.map((s) => new Promise<void>((r) => { s.once('close', () => r()); s.end(); setTimeout(r, 3000); })));
			return { closed: victims.length, open: open.length };
		}
		case 'udp': {
			let sent = 0;
			await Promise.all(Array.from({ length: c.n }, () => new Promise<void>((r) => {
				const s = dgram.createSocket('udp4');
				s.send('x', c.port, c.host, (err) => { if (!err) sent++; s.close(); r(); });
			})));
			return { sent };
		}
		default:
			return { error: 'unknown command ' + c.cmd };
	}
}

reply({ ready: true });
createInterface({ input: process.stdin }).on('line', async (line) => reply(await handle(JSON.parse(line))));
process.stdin.on('end', () => process.exit(0));
