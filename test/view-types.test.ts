/*
 * The views type-check against our LuCI declarations (luci-app-mape/types/luci.d.ts) with
 * luci-app-mape/view/tsconfig.json, and the declarations catch the mistakes they should:
 * a probe view is checked in memory, each `@ts-expect-error` line must really be an error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const VIEW_TSCONFIG = join(REPO, 'luci-app-mape', 'view', 'tsconfig.json');

function viewProgram(extraFiles: { [path: string]: string } = {}): ts.Program {
	const config = ts.getParsedCommandLineOfConfigFile(VIEW_TSCONFIG, {}, {
		...ts.sys,
		onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
	})!;
	const host = ts.createCompilerHost(config.options);
	const readFile = host.readFile.bind(host);
	const fileExists = host.fileExists.bind(host);
	host.readFile = (f) => extraFiles[f] ?? readFile(f);
	host.fileExists = (f) => f in extraFiles || fileExists(f);
	host.getSourceFile = ((orig) => (f, lang, ...rest) =>
		f in extraFiles ? ts.createSourceFile(f, extraFiles[f], lang) : orig(f, lang, ...rest))(host.getSourceFile.bind(host));
	return ts.createProgram([...config.fileNames, ...Object.keys(extraFiles)], config.options, host);
}

function format(diags: readonly ts.Diagnostic[]): string {
	return ts.formatDiagnostics(diags, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => REPO, getNewLine: () => '\n' });
}

test('views type-check with luci-app-mape/view/tsconfig.json', () => {
	const diags = ts.getPreEmitDiagnostics(viewProgram());
	assert.equal(diags.length, 0, format(diags));
});

const PROBE = `
import view from 'luci:view';
import form from 'luci:form';
import rpc from 'luci:rpc';
import uci from 'luci:uci';
import ui from 'luci:ui';
import poll from 'luci:poll';

const callStatus = rpc.declare<{ version: string }, []>({ object: 'luci.mape', method: 'status', expect: { '': {} } });
// @ts-expect-error the declared call takes no arguments
callStatus('x');

export default view.extend({
	load() { return Promise.all([callStatus(), uci.load('mape')]); },
	render(data) {
		const version: string = data[0].version;
		// @ts-expect-error render's argument is typed from load(): data[1] is string[]
		const wrong: number = data[1];

		const m = new form.Map('mape', _('MAP-E'));
		const s = m.section(form.NamedSection, 'global', 'mape', _('Global'));
		// @ts-expect-error NamedSection needs a section id and a type
		m.section(form.NamedSection, 'global');
		const rules = m.section(form.TypedSection, 'rule', _('Rules'));
		rules.anonymous = true;
		const enabled = s.option(form.Flag, 'enabled', _('Enabled'));
		enabled.rmempty = false;
		// @ts-expect-error Flag's enabled value is a string
		enabled.enabled = 1;
		const mode = s.option(form.ListValue, 'mode', _('Mode'));
		mode.value('auto', _('Automatic'));
		mode.depends('enabled', '1');
		const mtu = s.option(form.Value, 'mtu', _('MTU'));
		mtu.datatype = 'range(1280,1500)';
		// @ts-expect-error option() needs an option name
		s.option(form.Value);
		const go = s.option(form.Button, '_apply', _('Apply'));
		go.inputstyle = 'apply';
		go.onclick = function (ev, section_id) { return this.map.save(); };
		const info = s.option(form.DummyValue, '_info', _('Info'));
		info.cfgvalue = (section_id: string) => uci.get('mape', section_id, 'info');

		// @ts-expect-error uci values are strings or lists
		uci.set('mape', 'global', 'mtu', 1460);
		poll.add(() => callStatus(), 5);
		ui.addNotification(null, E('p', {}, [_('Saved')]), 'info');
		// @ts-expect-error _() takes strings
		_(1);
		const table: HTMLTableElement = E('table', { class: 'table' }, [E('tr')]);
		return m.render();
	},
	handleReset: null,
});
`;

test('LuCI declarations accept the first-party API and reject misuse', () => {
	const probe = join(REPO, 'luci-app-mape', 'view', '__probe__.ts');
	const program = viewProgram({ [probe]: PROBE });
	const diags = ts.getPreEmitDiagnostics(program, program.getSourceFile(probe));
	// Unused @ts-expect-error directives are errors too, so "no diagnostics" means every
	// marked line failed and nothing else did.
	assert.equal(diags.length, 0, format(diags));
	assert.equal(PROBE.match(/@ts-expect-error/g)!.length, 7);
});
