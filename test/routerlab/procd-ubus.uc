// Router lab stand-in for the ubus objects procd publishes on a router, run with the
// router's own ucode. procd.sh (the shell-API stand-in) records which configs each init
// script reloads on; this daemon does what procd does with them:
//
//   service event  {type: "config.change", data: {package}}: rpcd's `uci commit` and
//                  `uci apply` (LuCI's apply-with-rollback) send this; every service whose
//                  reload trigger names the package runs `/etc/init.d/<service> reload`,
//                  once per service, after procd's reload delay (1000 ms)
//   service list   the services with running instances (rpcd's `rc` object and LuCI ask)
//   system board   kernel, hostname, model and the release from /etc/openwrt_release
//   system info    time, uptime, load and memory from /proc
//
// Reloads run as processes of their own (uloop.process), so a slow network reload never
// blocks ubus, as with procd. Each run is logged to /tmp/procd-ubus.log.
import * as fs from 'fs';
import * as uloop from 'uloop';
import { connect } from 'ubus';

const STATE = '/var/run/labprocd';
const RELOAD_DELAY = 1000;

const pending = {};

function log(line) {
	const f = fs.open('/tmp/procd-ubus.log', 'a');
	if (f) {
		f.write(sprintf('%d %s\n', time(), line));
		f.close();
	}
}

function triggered(pkg) {
	const services = [];
	for (let name in fs.lsdir(STATE) ?? []) {
		const list = fs.readfile(`${STATE}/${name}/triggers`);
		if (list && index(split(trim(list), '\n'), pkg) >= 0)
			push(services, name);
	}
	return services;
}

function reload(name) {
	if (pending[name])
		return;
	pending[name] = uloop.timer(RELOAD_DELAY, () => {
		delete pending[name];
		log(`reload ${name}`);
		uloop.process('/etc/init.d/' + name, ['reload'], {}, (code) => log(`reload ${name} exited ${code}`));
	});
}

function running() {
	const out = {};
	for (let name in fs.lsdir(STATE) ?? []) {
		const instances = {};
		for (let pidfile in fs.glob(`${STATE}/${name}/*.pid`)) {
			const pid = +trim(fs.readfile(pidfile) ?? '');
			if (pid > 0 && fs.access(`/proc/${pid}`))
				instances['instance' + replace(fs.basename(pidfile), '.pid', '')] = { running: true, pid: pid };
		}
		if (length(instances))
			out[name] = { instances: instances };
	}
	return out;
}

function keyvalues(path) {
	const out = {};
	for (let line in split(fs.readfile(path) ?? '', '\n')) {
		const m = match(line, /^([A-Za-z_]+)='?([^']*)'?$/);
		if (m)
			out[m[1]] = m[2];
	}
	return out;
}

function meminfo() {
	const kb = {};
	for (let line in split(fs.readfile('/proc/meminfo') ?? '', '\n')) {
		const m = match(line, /^([A-Za-z_()]+):\s+([0-9]+)/);
		if (m)
			kb[m[1]] = +m[2] * 1024;
	}
	return kb;
}

function board() {
	const r = keyvalues('/etc/openwrt_release');
	return {
		kernel: trim(fs.readfile('/proc/sys/kernel/osrelease') ?? ''),
		hostname: trim(fs.readfile('/proc/sys/kernel/hostname') ?? ''),
		system: 'router lab',
		model: 'Router lab',
		board_name: 'lab',
		rootfs_type: 'tmpfs',
		release: {
			distribution: r.DISTRIB_ID ?? 'OpenWrt',
			version: r.DISTRIB_RELEASE ?? '',
			revision: r.DISTRIB_REVISION ?? '',
			target: r.DISTRIB_TARGET ?? '',
			description: r.DISTRIB_DESCRIPTION ?? '',
		},
	};
}

function info() {
	const kb = meminfo();
	const load = split(fs.readfile('/proc/loadavg') ?? '0 0 0', ' ');
	return {
		localtime: time(),
		uptime: int(+split(fs.readfile('/proc/uptime') ?? '0', ' ')[0]),
		load: map(slice(load, 0, 3), (l) => int(+l * 65536)),
		memory: {
			total: kb.MemTotal, free: kb.MemFree, shared: kb.Shmem, buffered: kb.Buffers,
			available: kb.MemAvailable, cached: kb.Cached,
		},
		swap: { total: kb.SwapTotal ?? 0, free: kb.SwapFree ?? 0 },
	};
}

uloop.init();
const conn = connect();
if (!conn) {
	warn('procd-ubus: cannot connect to ubus\n');
	exit(1);
}

conn.publish('service', {
	event: {
		call: function(req) {
			const pkg = req.args.data?.package;
			if (req.args.type == 'config.change' && type(pkg) == 'string') {
				const services = triggered(pkg);
				log(`config.change ${pkg}: ${join(' ', services)}`);
				for (let s in services)
					reload(s);
			}
			return 0;
		},
		args: { type: '', data: {} },
	},
	list: {
		call: function(req) {
			const all = running();
			if (!req.args.name)
				return all;
			const one = {};
			if (all[req.args.name])
				one[req.args.name] = all[req.args.name];
			return one;
		},
		args: { name: '', verbose: false },
	},
});

conn.publish('system', {
	board: { call: () => board(), args: {} },
	info: { call: () => info(), args: {} },
});

log('ready');
uloop.run();
