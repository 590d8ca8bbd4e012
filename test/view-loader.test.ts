/*
 * Our bundled views against a model of LuCI's class loader (luci-base luci.js `require()`,
 * openwrt-platform.md §1.2), written from the behaviour of the real loader:
 *
 * - the directive scan: from the file start, `//` and `/* *\/` comments are skipped
 *   (detection also fires inside strings), `\` escapes the next character, only '…' and
 *   "…" are strings; each string is `require <name>[ as <ident>]` (a dependency),
 *   `use strict` (skipped) or anything else (ends the scan);
 * - the file is compiled as the body of a function (window, document, L, <dep params>)
 *   and called with the dependency instances; the result must be a constructor that
 *   subclasses LuCI's baseclass, and the loader then calls `new` on it.
 *
 * The factory runs in a fresh V8 context whose only globals are the JS builtins plus
 * what a LuCI page provides (window, document, L, E, _, N_), so a stray free identifier
 * (process, require, ...) fails here as it would in the browser.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import ts from 'typescript';
import { bundleView, bundleViewWithInfo, bundleLibWithInfo, listViews, luciParamName, LIB_MODULE, LIB_OUT, VIEW_OUT_DIR, VIEW_SRC_DIR } from '../tools/bundle-view.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, 'fixtures', 'view');
const VIEWS = ['setup', 'status'].map((v) => join(VIEW_SRC_DIR, `${v}.ts`));

/* ------------------------------------------------------------------ the directive scan */

interface Directive { name: string; param: string }

/** luci.js's scan of the leading string directives (model, same character rules). */
function scanDirectives(source: string): Directive[] {
	const REQUIRE = /^require[ \t]+(\S+)(?:[ \t]+as[ \t]+([a-zA-Z_]\S*))?$/;
	const STRICT = /^use[ \t]+strict$/;
	const SLASH = 0x2f, STAR = 0x2a, NL = 0x0a, BACKSLASH = 0x5c, DQ = 0x22, SQ = 0x27;
	const found: Directive[] = [];
	let prev = -1;
	let comment = -1; // SLASH: line comment, STAR: block comment
	let quote = -1;
	let start = -1;
	let escaped = false;
	for (let i = 0; i < source.length; i++) {
		const c = source.charCodeAt(i);
		if (escaped) escaped = false;
		else if (comment != -1) {
			const ends = comment == SLASH ? c == NL : prev == STAR && c == SLASH;
			if (ends) comment = -1;
		} else if (prev == SLASH && (c == SLASH || c == STAR)) comment = c;
		else if (c == BACKSLASH) escaped = true;
		else if (c == quote) {
			const text = source.slice(start, i);
			const req = REQUIRE.exec(text);
			if (req) found.push({ name: req[1], param: req[2] ?? req[1].replace(/[^a-zA-Z0-9_]/g, '_') });
			else if (!STRICT.test(text)) break;
			quote = -1;
			start = -1;
		} else if (quote == -1 && (c == DQ || c == SQ)) {
			quote = c;
			start = i + 1;
		}
		prev = c;
	}
	return found;
}

test('directive scanner model: comments, both quotes, "as", use strict, stops at the first other string', () => {
	const src = [
		'// header comment with \'quotes\' that must not count',
		'/* block "comment" */',
		"'use strict';",
		'"require form";',
		"'require tools.widgets';",
		"'require mape.common as common';",
		"'not a directive';",
		"'require ui';",
	].join('\n');
	assert.deepEqual(scanDirectives(src), [
		{ name: 'form', param: 'form' },
		{ name: 'tools.widgets', param: 'tools_widgets' },
		{ name: 'mape.common', param: 'common' },
	]);
	// A backtick is not a string to the scanner, so a quoted text inside one counts.
	assert.deepEqual(scanDirectives("`x'require a'`; 'require b';").map((d) => d.name), ['a', 'b']);
	// Comment detection also fires inside strings: the // swallows the closing quote, the
	// string then runs into the next line, is no directive, and ends the scan.
	assert.deepEqual(scanDirectives("'require a//x';\n'require b';"), []);
	// Code before the directives: its first string literal ends the scan.
	assert.deepEqual(scanDirectives("var x = 'a'; 'require form';"), []);
});

/* ------------------------------------------------------------------ the page: stubs */

/** A DOM-like node built by the stub E(). `html` records a bare-string child (innerHTML). */
interface StubNode { tag: string; attrs: { [k: string]: unknown }; children: (StubNode | { text: string })[]; html?: string }

function isStubNode(v: unknown): v is StubNode {
	return typeof v == 'object' && v !== null && 'tag' in v && 'children' in v;
}

/** dom.append semantics: arrays → nodes or text nodes; a bare string → innerHTML. */
function append(node: StubNode, data: unknown): void {
	if (Array.isArray(data)) {
		for (const child of data)
			if (isStubNode(child)) node.children.push(child);
			else if (child != null) node.children.push({ text: String(child) });
	} else if (typeof data == 'function') append(node, data(node));
	else if (isStubNode(data)) node.children.push(data);
	else if (data != null) node.html = String(data);
}

function stubE(html: unknown, attr?: unknown, data?: unknown): StubNode {
	if (typeof attr != 'object' || attr === null || Array.isArray(attr) || isStubNode(attr)) {
		data = attr;
		attr = null;
	}
	const node: StubNode = { tag: Array.isArray(html) ? '#fragment' : String(html), attrs: { ...(attr as object) }, children: [] };
	append(node, Array.isArray(html) ? html : data);
	return node;
}

type Ctor = { new (...args: unknown[]): any; prototype: any; extend(props: object): Ctor; isSubclass(c: unknown): boolean };

/** LuCI's Class: extend() returns a constructor whose prototype chains to the parent's. */
function makeBaseclass(): Ctor {
	const Base = function () {} as unknown as Ctor;
	const statics = {
		extend(this: Ctor, props: { [k: string]: unknown }): Ctor {
			const Parent = this;
			const Sub = function (this: any, ...args: unknown[]) {
				if (!(this instanceof Sub)) throw new TypeError('Constructor must not be called without "new"');
				if (typeof this.__init__ == 'function') this.__init__(...args);
			} as unknown as Ctor;
			const descriptors: PropertyDescriptorMap = {};
			for (const key of Object.keys(props)) descriptors[key] = { value: props[key], writable: true };
			Sub.prototype = Object.create(Parent.prototype, descriptors);
			Sub.prototype.constructor = Sub;
			Object.assign(Sub, statics);
			return Sub;
		},
		isSubclass(this: Ctor, c: unknown): boolean {
			return typeof c == 'function' && c.prototype instanceof this;
		},
	};
	Object.assign(Base, statics);
	return Base;
}

interface Page {
	baseclass: Ctor;
	instances: { [module: string]: unknown };
	globals: { [name: string]: unknown };
	declared: { object: string; method: string }[];
	msgids: string[];
}

/** The page a view loads into: dependency instances and window globals. */
function makePage(replies: { [objectMethod: string]: unknown }): Page {
	const baseclass = makeBaseclass();
	const declared: Page['declared'] = [];
	const msgids: string[] = [];
	// View.__init__ runs load() then render(); we keep the promise instead of touching #view.
	const view = baseclass.extend({
		__init__(this: any) {
			this.rendered = Promise.resolve(this.load()).then((data: unknown) => this.render(data));
		},
		load() {},
		render() {},
		handleSave() {},
		handleSaveApply() {},
		handleReset() {},
		addFooter() { return stubE([]); },
	});
	const rpc = {
		declare(opts: { object: string; method: string; expect?: { [k: string]: unknown } }) {
			declared.push({ object: opts.object, method: opts.method });
			return () => {
				const key = `${opts.object}.${opts.method}`;
				if (!(key in replies)) return Promise.reject(new Error(`no reply for ${key}`));
				const reply = replies[key] as { [k: string]: unknown };
				const expectKey = opts.expect ? Object.keys(opts.expect)[0] : undefined;
				if (expectKey === undefined || expectKey === '') return Promise.resolve(reply);
				return Promise.resolve(reply[expectKey] ?? opts.expect![expectKey]);
			};
		},
	};
	const L = {
		env: { pollinterval: 5 },
		resolveDefault: (p: unknown, d: unknown) => Promise.resolve(p).catch(() => d),
	};
	return {
		baseclass,
		declared,
		msgids,
		instances: {
			baseclass,
			view,
			rpc,
			form: { kind: 'form' },
			uci: {},
			ui: {},
			dom: { content() {}, append() {} },
			poll: { add() { return true; } },
			network: {},
			fs: {},
			'tools.widgets': { kind: 'widgets' },
		},
		globals: {
			L,
			E: stubE,
			// "Translate" visibly, so the test sees which strings went through _().
			_: (msgid: string) => { msgids.push(msgid); return `«${msgid}»`; },
			N_: (n: number, one: string, many: string) => (n == 1 ? one : many),
		},
	};
}

/** Compiles a class file the way luci.js does and returns the class its factory yields. */
function loadClass(source: string, page: Page): { cls: Ctor; requires: Directive[] } {
	const requires = scanDirectives(source);
	const document = { getElementById: () => null };
	const context = vm.createContext({ document, ...page.globals });
	const window = vm.runInContext('globalThis', context);
	// cbi.js's String.prototype.format, enough of it for %s/%d/%%.
	vm.runInContext(`String.prototype.format = function () { let i = 0; const a = arguments; return this.replace(/%(%|[sd])/g, (m, c) => c == '%' ? '%' : String(a[i++])); };`, context);
	const SandboxFunction = vm.runInContext('Function', context) as FunctionConstructor;
	const factory = new SandboxFunction('window', 'document', 'L', ...requires.map((d) => d.param), source);
	const deps = requires.map((d) => {
		assert.ok(d.name in page.instances, `stub page has no module "${d.name}"`);
		return page.instances[d.name];
	});
	const cls = factory.apply(factory, [window, document, page.globals.L, ...deps]);
	return { cls, requires };
}

/** LuCI-style module names imported from `luci:` by a TS/JS file and its relative imports. */
function importedLuciModules(entry: string, seen = new Set<string>()): Set<string> {
	const found = new Set<string>();
	if (seen.has(entry)) return found;
	seen.add(entry);
	for (const ref of ts.preProcessFile(readFileSync(entry, 'utf8'), true, true).importedFiles) {
		if (ref.fileName.startsWith('luci:')) found.add(ref.fileName.slice(5));
		else if (ref.fileName.startsWith('.'))
			for (const m of importedLuciModules(resolve(dirname(entry), ref.fileName), seen)) found.add(m);
	}
	return found;
}

/** Checks every class file must pass, whatever the view. */
function assertLoaderContract(source: string): void {
	// Only comments before the directives; the first line after them starts the bundle.
	const lines = source.split('\n');
	let i = 0;
	while (lines[i].startsWith('//')) i++;
	assert.equal(lines[i], "'use strict';", 'first statement is the use strict directive');
	assert.match(lines[i + 1], /^'require [^']+';$/, 'require directives follow');
	assert.ok(!/^\s*(?:import|export)\b/m.test(source), 'no top-level import/export');
	assert.ok(!/\bimport\s*(?:\(|\.\s*meta)/.test(source), 'no dynamic import / import.meta');
	assert.ok(!source.includes('sourceMappingURL'), 'no source map comment');
	assert.ok(source.endsWith('\n'), 'ends with a newline');
	// luci.js evaluates exactly this text; it must parse (e.g. no trailing line comment eating "})").
	const luciWrapper = `(function(window, document, L, a, b) { ${source} })\n\n//# sourceURL=http://router/view.js\n`;
	assert.doesNotThrow(() => new vm.Script(luciWrapper), 'parses inside the luci.js eval wrapper');
}

/** The page with the views' shared module loaded as luci.js would: required by name, its class instantiated. */
async function withLib(page: Page): Promise<Page> {
	const { cls } = loadClass((await bundleLibWithInfo()).code, page);
	page.instances[LIB_MODULE] = new cls();
	return page;
}

/* ------------------------------------------------------------------ the views' shared module */

test('mape.lib: a class module the loader accepts; its instance carries every export of view/lib/', async () => {
	const { code, requires } = await bundleLibWithInfo();
	assertLoaderContract(code);
	assert.deepEqual(requires, ['baseclass']);
	assert.deepEqual(scanDirectives(code).map((d) => d.name), ['baseclass']);
	const page = makePage({});
	const { cls } = loadClass(code, page);
	assert.ok(page.baseclass.isSubclass(cls), 'subclasses baseclass');
	const lib = new cls();
	for (const name of ['isFailure', 'serviceLabel', 'explainError', 'planGroups', 'stagingCalls', 'usageModel', 'keyValueTable', 'PAGE_CSS'])
		assert.ok(Object.hasOwn(lib, name), `${name} is on the instance`);
	assert.equal(lib.serviceLabel('transix'), '«transix (Internet Multifeed)»');
	assert.equal(lib.explainError({ code: 'DSLITE_LINE', message: '' }).severity, 'info');
	// Every view reads its lib names from the instance: none is undefined there.
	for (const view of VIEWS) {
		const { code: v } = await bundleViewWithInfo(view);
		const names = [...v.matchAll(/^ {2}var \{ ([^}]+) \} = mape_lib;$/gm)].flatMap((m) => m[1].split(', '));
		assert.ok(names.length > 10, basename(view));
		for (const name of names) assert.notEqual(lib[name], undefined, `${basename(view)}: ${name}`);
		assert.ok(!/^ {2}\/\/ luci-app-mape\/view\/lib\//m.test(v), `${basename(view)} does not bundle the lib modules again`);
	}
});

/* ------------------------------------------------------------------ the MAP-E views */

const STATES = join(HERE, 'fixtures', 'view', 'states');
const configured = JSON.parse(readFileSync(join(STATES, 'configured.json'), 'utf8'));

for (const view of VIEWS) {
	const name = basename(view, '.ts');

	test(`${name} view: class file shape and directives`, async () => {
		const { code, requires } = await bundleViewWithInfo(view);
		assertLoaderContract(code);
		const expected = [...importedLuciModules(view), LIB_MODULE].sort();
		assert.ok(expected.includes('view') && expected.includes('rpc'));
		assert.deepEqual(requires, expected);
		assert.deepEqual(scanDirectives(code).map((d) => d.name), expected, 'the loader sees exactly the imported LuCI modules');
		assert.deepEqual(scanDirectives(code).map((d) => d.param), expected.map(luciParamName));
		assert.ok(Buffer.byteLength(code) < 40 * 1024, `${name}.js is under 40 KB (${Buffer.byteLength(code)} bytes)`);
	});

	test(`${name} view: the loader gets a View subclass`, async () => {
		const page = await withLib(makePage({}));
		const { cls } = loadClass(await bundleView(view), page);
		assert.equal(typeof cls, 'function', 'factory returns a constructor');
		assert.ok(page.baseclass.isSubclass(cls), 'subclasses baseclass');
		assert.ok((page.instances.view as Ctor).isSubclass(cls), 'subclasses view');
		if (name == 'status') assert.equal(cls.prototype.handleSave, null, 'no form, so no footer buttons');
		else assert.notEqual(cls.prototype.handleSave, null, 'the advanced settings form keeps Save & Apply');
	});
}

test('status view: render() builds the upstream tables and one bar per port group, all text through _()', async () => {
	const page = await withLib(makePage({ 'luci.mape.status': configured.status, 'luci.mape.portusage': configured.portusage }));
	const { cls } = loadClass(await bundleView(join(VIEW_SRC_DIR, 'status.ts')), page);
	const tree: StubNode = await new cls().rendered;
	assert.deepEqual(page.declared, [{ object: 'luci.mape', method: 'status' }, { object: 'luci.mape', method: 'portusage' }]);
	const walk = (n: StubNode): StubNode[] => [n, ...n.children.filter(isStubNode).flatMap(walk)];
	const nodes = walk(tree);
	assert.ok(nodes.every((n) => n.html === undefined), 'no bare-string (innerHTML) children');
	assert.equal(nodes.filter((n) => String(n.attrs.class ?? '').startsWith('mape-bar mape-level-')).length, 15);
	const texts = nodes.flatMap((n) => n.children.filter((c): c is { text: string } => 'text' in c).map((c) => c.text));
	assert.ok(texts.includes('«MAP-E Auto»'));
	assert.ok(texts.includes(configured.status.map.ipv4), 'router values are text nodes, untranslated');
	for (const id of ['IPv4 upstream (MAP-E)', 'IPv6 upstream', 'Port usage', 'LAN hosts using the most ports'])
		assert.ok(page.msgids.includes(id), `"${id}" is translated`);
});

test('bundling is deterministic', async () => {
	for (const view of VIEWS) assert.equal(await bundleView(view), await bundleView(view));
	assert.equal((await bundleLibWithInfo()).code, (await bundleLibWithInfo()).code);
	assert.equal(await bundleView(join(FIXTURES, 'widgets.js')), await bundleView(join(FIXTURES, 'widgets.js')));
});

test('committed htdocs views equal a fresh bundle', async () => {
	const views = listViews(VIEW_SRC_DIR);
	for (const v of VIEWS) assert.ok(views.includes(v));
	for (const view of views) {
		const out = join(VIEW_OUT_DIR, view.slice(VIEW_SRC_DIR.length + 1).replace(/\.ts$/, '.js'));
		assert.ok(existsSync(out), `${out} is committed`);
		assert.equal(readFileSync(out, 'utf8'), await bundleView(view), `${out} is up to date (run make)`);
	}
	assert.equal(readFileSync(LIB_OUT, 'utf8'), (await bundleLibWithInfo()).code, `${LIB_OUT} is up to date (run make)`);
});

/* ------------------------------------------------------------------ bundler edge cases */

test('dotted LuCI modules map to the loader parameter; relative JS modules are bundled in', async () => {
	const file = join(FIXTURES, 'widgets.js');
	const { code, requires } = await bundleViewWithInfo(file);
	assertLoaderContract(code);
	assert.deepEqual(requires, ['form', 'tools.widgets', 'view']);
	assert.deepEqual(scanDirectives(code).map((d) => d.param), ['form', 'tools_widgets', 'view']);
	assert.equal(luciParamName('tools.widgets'), 'tools_widgets');
	assert.ok(!code.includes('label.js"'), 'no import of label.js is left');

	const page = makePage({});
	const { cls } = loadClass(code, page);
	assert.ok(page.baseclass.isSubclass(cls));
	const tree: StubNode = await new cls().rendered;
	assert.deepEqual(tree.children, [{ text: 'label:widgets' }, { text: 'label:form' }]);
});

for (const [fixture, message] of [
	['no-default.js', /default-export/],
	['bad-name.js', /invalid LuCI module name/],
	['top-level-await.js', /await/i],
	['import-meta.js', /import\.meta/],
] as const) {
	test(`bundler rejects ${fixture}`, async () => {
		await assert.rejects(bundleView(join(FIXTURES, fixture)), message);
	});
}
