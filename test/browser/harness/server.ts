/*
 * The harness page server (Node http on 127.0.0.1, ephemeral port): the LuCI-like page for
 * one view, backend state, language and theme; the committed view bundles from htdocs/;
 * our LuCI stand-in and theme. Translations are what LuCI would serve as window.TR: the
 * .lmo compiled from po/<lang>/mape.po by our writer, read back into key → string.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { po2lmo, lmoToTR } from '../../../tools/i18n/lmo.ts';
import { sfhHex } from '../../../tools/i18n/sfh.ts';

const REPO = join(import.meta.dirname, '../../..');
const HARNESS = import.meta.dirname;
const STATES = join(REPO, 'test/fixtures/view/states');
const RESOURCES = join(REPO, 'htdocs/luci-static/resources');

/** `finish`: which restore_finish reply to serve ('early': the backend's answer before the restore is live). */
export interface PageOptions { view: string; state: string; lang: string; dark: boolean; finish: string }

/** What luci-base's own Japanese catalog supplies for the page chrome the harness draws. */
const BASE_JA: { [msgid: string]: string } = {
	'Save & Apply': '保存 & 適用', 'Save': '保存', 'Reset': 'リセット', 'Dismiss': '閉じる',
	'Starting configuration apply…': '設定の適用を開始しています…',
};

function translations(lang: string): { [hex: string]: string } {
	const po = join(REPO, 'po', lang, 'mape.po');
	if (lang == 'en' || !existsSync(po)) return {};
	const lmo = po2lmo(readFileSync(po, 'utf8'));
	const tr = lmo ? lmoToTR(lmo) : {};
	if (lang == 'ja') for (const [id, text] of Object.entries(BASE_JA)) tr[sfhHex(id)] = text;
	return tr;
}

/** UCI data uci.load() serves: the sections the plan and the restore plan name with their current values, plus mape. */
function uciData(state: any): { [config: string]: { [sid: string]: { [opt: string]: unknown } } } {
	const data: { [config: string]: { [sid: string]: { [opt: string]: unknown } } } = {
		mape: { config: { '.type': 'mape', interface: 'wanmap', auto_follow: '1' } },
	};
	for (const op of [...state.plan?.ops ?? [], ...state.restore_plan?.ops ?? []]) {
		if (op.op == 'add') continue;
		const s = ((data[op.config] ??= {})[op.section] ??= { '.type': op.type, '.anonymous': op.anonymous });
		if (op.option != null && op.old != null) s[op.option] = op.old;
	}
	return data;
}

function page(o: PageOptions): string {
	const state = JSON.parse(readFileSync(join(STATES, `${o.state}.json`), 'utf8'));
	const tr = translations(o.lang);
	const t = (s: string) => tr[sfhHex(s)] ?? s;
	const boot = {
		view: `mape/${o.view}`,
		tr,
		uciData: uciData(state),
		replies: { 'luci.mape': {
			status: state.status, plan: state.plan, portusage: state.portusage, backups: { backups: state.backups }, backup: { backup: '20250102-030406' },
			restore_plan: state.restore_plan ?? { error: { code: 'NO_BACKUP', message: 'There is no backup to restore.' } },
			restore_finish: (o.finish == 'early' ? state.restore_finish_early : state.restore_finish) ?? { error: { code: 'NO_BACKUP', message: 'There is no backup to restore.' } },
		} },
	};
	const tab = (name: string, title: string) => `<li class="${name == o.view ? 'cbi-tab' : 'cbi-tab-disabled'}"><a href="?view=${name}">${t(title)}</a></li>`;
	return `<!DOCTYPE html>
<html lang="${o.lang}" data-darkmode="${o.dark}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('MAP-E Auto')} - LuCI</title><link rel="stylesheet" href="/harness/theme.css"></head>
<body>
<header><a class="brand" href="#">OpenWrt</a><ul><li>Status</li><li>System</li><li class="active">Network</li><li>Logout</li></ul></header>
<div id="maincontent">
<ul class="cbi-tabmenu">${tab('setup', 'Setup')}${tab('status', 'Status')}</ul>
<div id="view"><p class="spinning">Loading view…</p></div>
<footer>test harness · LuCI-like page</footer>
</div>
<script>window.__boot = ${JSON.stringify(boot).replace(/</g, '\\u003c')};</script>
<script src="/harness/luci.js"></script>
</body></html>`;
}

export function startServer(): Promise<{ server: Server; base: string }> {
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const send = (code: number, type: string, body: string | Buffer) => { res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' }); res.end(body); };
		try {
			if (url.pathname == '/') {
				const q = url.searchParams;
				return send(200, 'text/html; charset=utf-8', page({ view: q.get('view') ?? 'setup', state: q.get('state') ?? 'configured', lang: q.get('lang') ?? 'en', dark: q.get('dark') == '1', finish: q.get('finish') ?? '' }));
			}
			if (url.pathname == '/harness/luci.js') return send(200, 'text/javascript', readFileSync(join(HARNESS, 'luci.js')));
			if (url.pathname == '/harness/theme.css') return send(200, 'text/css', readFileSync(join(HARNESS, 'theme.css')));
			if (url.pathname.startsWith('/luci-static/resources/')) {
				const file = normalize(join(RESOURCES, url.pathname.slice('/luci-static/resources/'.length)));
				if (file.startsWith(RESOURCES) && existsSync(file)) return send(200, 'text/javascript', readFileSync(file));
			}
			if (url.pathname == '/favicon.ico') return send(204, 'text/plain', '');
			send(404, 'text/plain', 'not found');
		} catch (e) {
			send(500, 'text/plain', String(e));
		}
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
		const addr = server.address();
		resolve({ server, base: `http://127.0.0.1:${typeof addr == 'object' && addr ? addr.port : 0}` });
	}));
}

if (process.argv[1] == import.meta.filename) {
	startServer().then(({ base }) => console.log(`harness at ${base}/?view=setup&state=unconfigured-64&lang=ja`));
}
