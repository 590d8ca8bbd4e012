/*
 * A small stand-in for LuCI's client side (luci-base htdocs/luci-static/resources:
 * luci.js, cbi.js, ui.js, uci.js, rpc.js, form.js), written for the browser tests from
 * the behaviour of the real files, not copied from them. It covers what our views use:
 *
 * - L.require: fetch view/<a>/<b>.js, scan the leading 'require x[ as y]' directives the
 *   way luci.js does, compile the file as the body of function(window, document, L,
 *   <deps>) and require a constructor subclassing baseclass; View.__init__ runs load() →
 *   render() into #view and adds the footer;
 * - E/_/N_ (cbi.js: trimws, sfh lookup in window.TR, plural formula from TR['00000000']),
 *   String.prototype.format (%s %d %f %x %h %q %%), dom, poll, rpc.declare (canned replies,
 *   `expect` unwrapping, positional `params`), uci (staging with uci.js's rules: set only
 *   lands in loaded or added sections, remove marks a loaded section deleted; changes()
 *   answers with no pending changes), ui (modal, notifications, createHandlerFn,
 *   changes.apply), form (Map/TypedSection/NamedSection, Value/Flag/DynamicList rendering
 *   cbi-* markup, depends, save → uci.set).
 *
 * Everything the page does is recorded in window.__harness for the test's assertions.
 */
(function () {
	'use strict';

	const H = window.__harness = {
		rpcCalls: [], uciCalls: [], saves: 0, applied: [], notifications: [], modals: [],
		pollFns: [], ready: false, errors: [],
	};
	const boot = window.__boot; // { state, tr, uciData }

	/* ---------------------------------------------------------------- cbi.js */

	function s8(b, i) { return (b[i] << 24) >> 24; }
	function u16(b, i) { return (b[i] | (b[i + 1] << 8)) >>> 0; }
	function sfh(s) {
		const b = new TextEncoder().encode(s);
		let len = b.length;
		if (!len) return null;
		let hash = len >>> 0, off = 0;
		const rem = len & 3;
		for (len >>>= 2; len > 0; len--, off += 4) {
			hash = (hash + u16(b, off)) >>> 0;
			const tmp = ((u16(b, off + 2) << 11) ^ hash) >>> 0;
			hash = ((hash << 16) ^ tmp) >>> 0;
			hash = (hash + (hash >>> 11)) >>> 0;
		}
		if (rem == 3) { hash = (hash + u16(b, off)) >>> 0; hash = (hash ^ (hash << 16)) >>> 0; hash = (hash ^ (s8(b, off + 2) << 18)) >>> 0; hash = (hash + (hash >>> 11)) >>> 0; }
		else if (rem == 2) { hash = (hash + u16(b, off)) >>> 0; hash = (hash ^ (hash << 11)) >>> 0; hash = (hash + (hash >>> 17)) >>> 0; }
		else if (rem == 1) { hash = (hash + s8(b, off)) >>> 0; hash = (hash ^ (hash << 10)) >>> 0; hash = (hash + (hash >>> 1)) >>> 0; }
		hash = (hash ^ (hash << 3)) >>> 0; hash = (hash + (hash >>> 5)) >>> 0;
		hash = (hash ^ (hash << 4)) >>> 0; hash = (hash + (hash >>> 17)) >>> 0;
		hash = (hash ^ (hash << 25)) >>> 0; hash = (hash + (hash >>> 6)) >>> 0;
		return (0x100000000 + hash).toString(16).slice(1);
	}
	function trimws(s) { return String(s).trim().replace(/[ \t\n]+/g, ' '); }
	window.TR = boot.tr || {};
	let plural = null;
	window._ = function (s, c) {
		const k = (c != null ? trimws(c) + '\u0001' : '') + trimws(s);
		return (window.TR && window.TR[sfh(k)]) || s;
	};
	window.N_ = function (n, s, p, c) {
		if (plural == null) plural = new Function('n', (window.TR['00000000'] || 'plural=(n != 1);') + 'return +plural');
		const i = plural(n);
		const k = (c != null ? trimws(c) + '\u0001' : '') + trimws(s) + '\u0002' + i.toString();
		return window.TR[sfh(k)] || (i ? p : s);
	};
	const esc = (s) => String(s).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
	String.prototype.format = function () {
		const args = arguments;
		let i = 0;
		return this.replace(/%(%|(-)?(0)?(\d+)?(?:\.(\d+))?([sdfxXhq]))/g, (m, all, left, zero, width, prec, conv) => {
			if (all == '%') return '%';
			let v = args[i++];
			if (conv == 'd') v = String(Math.trunc(Number(v)) || 0);
			else if (conv == 'f') v = Number(v).toFixed(prec != null ? +prec : 6);
			else if (conv == 'x' || conv == 'X') { v = (Number(v) >>> 0).toString(16); if (conv == 'X') v = v.toUpperCase(); }
			else if (conv == 'h' || conv == 'q') v = esc(v == null ? '' : v);
			else v = v == null ? '' : String(v);
			if (width && v.length < +width) v = left ? v.padEnd(+width) : v.padStart(+width, zero ? '0' : ' ');
			return v;
		});
	};

	/* ---------------------------------------------------------------- dom / E() */

	const dom = {
		elem: (e) => e != null && typeof e == 'object' && 'nodeType' in e,
		parse(html) { const t = document.createElement('template'); t.innerHTML = html; return t.content.firstChild; },
		matches: (n, sel) => dom.elem(n) && n.matches && n.matches(sel),
		parent: (n, sel) => (dom.elem(n) && n.closest ? n.closest(sel) : null),
		append(node, children) {
			if (!dom.elem(node)) return null;
			if (Array.isArray(children)) {
				for (const c of children) {
					if (dom.elem(c)) node.appendChild(c);
					else if (Array.isArray(c)) dom.append(node, c);
					else if (c != null) node.appendChild(document.createTextNode(String(c)));
				}
				return node.lastChild;
			}
			if (typeof children == 'function') return dom.append(node, children(node));
			if (dom.elem(children)) return node.appendChild(children);
			if (children != null) { node.innerHTML = String(children); return node.lastChild; }
			return null;
		},
		content(node, children) {
			if (!dom.elem(node)) return null;
			while (node.firstChild) node.removeChild(node.firstChild);
			return dom.append(node, children);
		},
		attr(node, key, val) {
			if (!dom.elem(node)) return;
			const attrs = typeof key == 'object' && key !== null ? key : { [key]: val };
			for (const k in attrs) {
				const v = attrs[k];
				if (v == null) continue;
				if (typeof v == 'function') node.addEventListener(k, v);
				else if (typeof v == 'object') node.setAttribute(k, JSON.stringify(v));
				else node.setAttribute(k, v);
			}
		},
		create(html, attr, data) {
			let el;
			if (Array.isArray(html)) { el = document.createDocumentFragment(); html.forEach((n) => dom.append(el, [n])); }
			else if (dom.elem(html)) el = html;
			else if (html.charCodeAt(0) == 60) el = dom.parse(html);
			else el = document.createElement(html);
			if (!el) return null;
			if (attr != null && (typeof attr != 'object' || Array.isArray(attr) || dom.elem(attr))) { data = attr; attr = null; }
			if (attr) dom.attr(el, attr);
			dom.append(el, data);
			return el;
		},
		data: () => null,
		bindClassInstance(node, inst) { node.__instance = inst; return inst; },
		findClassInstance(node) { for (let n = node; n; n = n.parentNode) if (n.__instance) return n.__instance; return null; },
		callClassMethod(node, method, ...args) { const i = dom.findClassInstance(node); return i && typeof i[method] == 'function' ? i[method](...args) : null; },
		isEmpty: (n) => !n.firstElementChild,
	};
	window.E = function () { return dom.create.apply(dom, arguments); };

	/* ---------------------------------------------------------------- baseclass */

	function Class() {}
	Object.assign(Class, {
		extend(props) {
			const Parent = this;
			const Sub = function () {
				if (!(this instanceof Sub)) throw new TypeError('Constructor must not be called without "new"');
				if (typeof this.__init__ == 'function') this.__init__.apply(this, arguments);
			};
			const desc = {};
			for (const k of Object.keys(props)) desc[k] = { value: props[k], writable: true, configurable: true, enumerable: true };
			Sub.prototype = Object.create(Parent.prototype, desc);
			Sub.prototype.constructor = Sub;
			Sub.prototype.__base__ = Parent.prototype;
			Object.assign(Sub, { extend: Class.extend, singleton: Class.singleton, instantiate: Class.instantiate, isSubclass: Class.isSubclass });
			return Sub;
		},
		singleton(props, ...args) { return Class.instantiate.call(this.extend(props), args); },
		instantiate(args) { return new (Function.prototype.bind.apply(this, [null].concat(args)))(); },
		isSubclass(c) { return typeof c == 'function' && c.prototype instanceof this; },
	});
	Class.prototype.super = function (key, args) {
		for (let p = Object.getPrototypeOf(this.constructor.prototype); p; p = Object.getPrototypeOf(p)) {
			if (Object.prototype.hasOwnProperty.call(p, key)) {
				const v = p[key];
				return args === undefined ? v : v.apply(this, args);
			}
		}
		return undefined;
	};
	Class.prototype.varargs = function (args, offset, ...extra) { return extra.concat(Array.prototype.slice.call(args, offset)); };

	/* ---------------------------------------------------------------- poll */

	const poll = Class.singleton({
		add(fn, interval) { if (H.pollFns.some((p) => p.fn === fn)) return false; H.pollFns.push({ fn, interval: interval || 5 }); return true; },
		remove(fn) { H.pollFns = H.pollFns.filter((p) => p.fn !== fn); return true; },
		start() { return true; }, stop() { return true; }, active() { return true; },
	});
	/** The test triggers a poll round instead of waiting for timers. */
	H.pollNow = () => Promise.all(H.pollFns.map((p) => p.fn()));

	/* ---------------------------------------------------------------- rpc */

	const rpc = Class.singleton({
		declare(opts) {
			return function () {
				const params = {};
				(opts.params || []).forEach((p, i) => { if (arguments[i] !== undefined) params[p] = arguments[i]; });
				H.rpcCalls.push({ object: opts.object, method: opts.method, params });
				const replies = boot.replies[opts.object] || {};
				if (!(opts.method in replies)) return Promise.reject(new Error('Method not found: ' + opts.object + '.' + opts.method));
				let reply = JSON.parse(JSON.stringify(replies[opts.method]));
				if (opts.expect) {
					const key = Object.keys(opts.expect)[0];
					const def = opts.expect[key];
					if (key !== '') reply = reply == null ? def : reply[key];
					if (reply == null || (def != null && typeof def != typeof reply) || Array.isArray(def) != Array.isArray(reply)) reply = def;
				}
				return Promise.resolve(opts.filter ? opts.filter(reply, params) : reply);
			};
		},
	});

	/* ---------------------------------------------------------------- uci */

	const uci = Class.singleton({
		__init__() { this.values = {}; this.creates = {}; this.edits = {}; this.deletes = {}; }, // uci.js keeps these in state.values/creates/changes/deletes
		load(confs) {
			confs = Array.isArray(confs) ? confs : [confs];
			H.uciCalls.push(['load', confs.slice()]);
			for (const c of confs) if (!this.values[c]) this.values[c] = JSON.parse(JSON.stringify((boot.uciData || {})[c] || {}));
			return Promise.resolve(confs);
		},
		unload(confs) {
			for (const c of Array.isArray(confs) ? confs : [confs]) { delete this.values[c]; delete this.creates[c]; delete this.edits[c]; delete this.deletes[c]; }
		},
		add(conf, type, name) {
			H.uciCalls.push(['add', conf, type, name]);
			const sid = name || 'new' + Math.random().toString(16).slice(2, 8);
			(this.creates[conf] = this.creates[conf] || {})[sid] = { '.type': type, '.name': sid, '.anonymous': !name };
			return sid;
		},
		remove(conf, sid) {
			H.uciCalls.push(['remove', conf, sid]);
			// uci.js: a just created section is dropped, a loaded one marked deleted as a whole.
			if (this.creates[conf] && this.creates[conf][sid]) delete this.creates[conf][sid];
			else if (this.values[conf] && this.values[conf][sid]) {
				if (this.edits[conf]) delete this.edits[conf][sid];
				(this.deletes[conf] = this.deletes[conf] || {})[sid] = true;
			}
		},
		section(conf, sid) {
			if (this.creates[conf] && this.creates[conf][sid]) return this.creates[conf][sid];
			if (this.deletes[conf] && this.deletes[conf][sid] === true) return null;
			return (this.values[conf] && this.values[conf][sid]) || null;
		},
		get(conf, sid, opt) {
			const s = this.section(conf, sid);
			if (!s) return null;
			const changed = this.edits[conf] && this.edits[conf][sid];
			if (opt == null) return Object.assign({}, s, changed || {});
			if (this.deletes[conf] && this.deletes[conf][sid] && this.deletes[conf][sid][opt]) return null;
			if (changed && opt in changed) return changed[opt];
			return s[opt] == null ? null : s[opt];
		},
		set(conf, sid, opt, val) {
			H.uciCalls.push(['set', conf, sid, opt, val]);
			if (val == null || val === '') return this.unset(conf, sid, opt, true);
			if (this.creates[conf] && this.creates[conf][sid]) { this.creates[conf][sid][opt] = val; return; }
			// uci.js: only set in existing (loaded) sections, never in a deleted one.
			if (!this.values[conf] || !this.values[conf][sid]) return;
			if (this.deletes[conf] && this.deletes[conf][sid] === true) return;
			((this.edits[conf] = this.edits[conf] || {})[sid] = this.edits[conf][sid] || {})[opt] = val;
			if (this.deletes[conf] && this.deletes[conf][sid]) delete this.deletes[conf][sid][opt];
		},
		unset(conf, sid, opt, viaSet) {
			if (!viaSet) H.uciCalls.push(['unset', conf, sid, opt]);
			if (this.creates[conf] && this.creates[conf][sid]) { delete this.creates[conf][sid][opt]; return; }
			if (!this.values[conf] || !this.values[conf][sid]) return;
			if (this.deletes[conf] && this.deletes[conf][sid] === true) return;
			((this.deletes[conf] = this.deletes[conf] || {})[sid] = this.deletes[conf][sid] || {})[opt] = true;
		},
		sections(conf, type, cb) {
			const all = Object.assign({}, this.values[conf] || {}, this.creates[conf] || {});
			for (const sid in this.deletes[conf] || {}) if (this.deletes[conf][sid] === true && !(this.creates[conf] || {})[sid]) delete all[sid];
			const list = Object.keys(all).map((k) => Object.assign({ '.name': k }, all[k])).filter((s) => !type || s['.type'] == type);
			if (cb) list.forEach((s) => cb(s, s['.name']));
			return list;
		},
		get_first(conf, type, opt) { const s = this.sections(conf, type)[0]; return s ? this.get(conf, s['.name'], opt) : null; },
		resolveSID: (conf, sid) => sid,
		save() { H.saves++; H.uciCalls.push(['save']); return Promise.resolve(Object.keys(this.edits)); },
		apply() { return Promise.resolve(0); },
		/** uci.js: the session's pending changes per config (none in the harness). */
		changes() { H.uciCalls.push(['changes']); return Promise.resolve({}); },
	});

	/* ---------------------------------------------------------------- ui */

	function overlay() {
		let o = document.getElementById('modal_overlay');
		if (!o) o = document.body.appendChild(E('div', { id: 'modal_overlay' }, [E('div', { class: 'modal', role: 'dialog', 'aria-modal': 'true' })]));
		return o;
	}
	const ui = Class.singleton({
		showModal(title, children, ...classes) {
			const o = overlay();
			const m = o.firstElementChild;
			m.className = ['modal'].concat(classes).join(' ');
			dom.content(m, [title != null ? E('h4', {}, [title]) : '', E('div', { class: 'modal-body' }, [children])]);
			document.body.classList.add('modal-overlay-active');
			H.modals.push(title);
			return m;
		},
		hideModal() { document.body.classList.remove('modal-overlay-active'); },
		addNotification(title, children, ...classes) {
			const n = E('div', { class: 'alert-message fade-in ' + classes.join(' ') }, [
				E('div', { class: 'alert-message-body' }, [title ? E('h4', {}, [title]) : '', children]),
				E('button', { class: 'btn', click: () => n.remove() }, [_('Dismiss')]),
			]);
			const mc = document.getElementById('maincontent');
			mc.insertBefore(n, mc.firstChild);
			H.notifications.push({ classes, text: n.textContent });
			return n;
		},
		createHandlerFn(ctx, fn, ...args) {
			if (typeof fn == 'string') fn = ctx[fn];
			if (typeof fn != 'function') return null;
			return function (ev) {
				const btn = ev && ev.currentTarget;
				const r = fn.apply(ctx, args.concat([ev]));
				if (btn && r && typeof r.then == 'function') {
					btn.classList.add('spinning');
					btn.disabled = true;
					const done = () => { btn.classList.remove('spinning'); btn.disabled = false; };
					r.then(done, (e) => { done(); throw e; });
				}
				return r;
			};
		},
		changes: {
			apply(checked) {
				H.applied.push(checked);
				document.getElementById('applyreboot') || document.getElementById('maincontent').prepend(E('div', { class: 'alert-message notice', id: 'applyreboot' }, [E('p', { class: 'spinning' }, [_('Starting configuration apply…')])]));
			},
			revert() {},
			setIndicator() {},
		},
	});
	ui.Checkbox = ui.Textfield = null;

	/* ---------------------------------------------------------------- form */

	let uid = 0;
	const AbstractElement = Class.extend({
		__init__(title, description) { this.title = title || ''; this.description = description || ''; this.children = []; },
		append(obj) { this.children.push(obj); },
		stripTags: (s) => String(s).replace(/<[^>]*>/g, ''),
	});
	const FormMap = AbstractElement.extend({
		__init__(config, title, description) {
			AbstractElement.prototype.__init__.call(this, title, description);
			this.config = config;
			this.data = uci;
		},
		section(cls, ...args) { const s = new cls(this, ...args); this.append(s); return s; },
		load() { return uci.load(this.config); },
		async render() {
			await this.load();
			const node = E('div', { class: 'cbi-map', id: 'cbi-' + this.config }, [
				this.title ? E('h2', {}, [this.title]) : '',
				this.description ? E('div', { class: 'cbi-map-descr' }, [this.description]) : '',
				this.children.map((s) => s.render()),
			]);
			dom.bindClassInstance(node, this);
			this.node = node;
			this.children.forEach((s) => s.updateDepends());
			return node;
		},
		async save() {
			for (const s of this.children) s.save();
			await uci.save();
		},
		reset() { return this.render(); },
	});
	const AbstractSection = AbstractElement.extend({
		__init__(map, sectiontype, title, description) {
			AbstractElement.prototype.__init__.call(this, title, description);
			this.map = map; this.sectiontype = sectiontype;
			this.anonymous = false; this.addremove = false;
		},
		option(cls, ...args) { const o = new cls(this.map, this, ...args); this.append(o); return o; },
		cfgsections() { return uci.sections(this.map.config, this.sectiontype).map((s) => s['.name']); },
		render() {
			const sids = this.cfgsections();
			this.node = E('div', { class: 'cbi-section', id: 'cbi-' + this.map.config + '-' + this.sectiontype }, [
				this.title ? E('h3', {}, [this.title]) : '',
				this.description ? E('div', { class: 'cbi-section-descr' }, [this.description]) : '',
				sids.map((sid) => E('div', { class: 'cbi-section-node', 'data-section-id': sid }, this.children.map((o) => o.render(sid)))),
			]);
			return this.node;
		},
		updateDepends() { this.children.forEach((o) => o.updateDepends()); },
		save() { this.cfgsections().forEach((sid) => this.children.forEach((o) => o.save(sid))); },
	});
	const NamedSection = AbstractSection.extend({
		__init__(map, section, type, title, description) { AbstractSection.prototype.__init__.call(this, map, type, title, description); this.section = section; },
		cfgsections() { return [this.section]; },
	});
	const AbstractValue = AbstractElement.extend({
		__init__(map, section, option, title, description) {
			AbstractElement.prototype.__init__.call(this, title, description);
			this.map = map; this.section = section; this.option = option;
			this.deps = []; this.default = null; this.datatype = null; this.placeholder = null; this.rmempty = true; this.widgets = {};
		},
		depends(field, value) { this.deps.push(typeof field == 'object' ? field : { [field]: value }); },
		cfgvalue(sid) { return uci.get(this.map.config, sid, this.option); },
		id(sid) { return 'widget.cbid.' + this.map.config + '.' + sid + '.' + this.option; },
		render(sid) {
			const widget = this.renderWidget(sid, this.cfgvalue(sid) ?? this.default);
			this.widgets[sid] = widget;
			const row = E('div', { class: 'cbi-value', 'data-name': this.option, id: 'cbi-' + this.map.config + '-' + sid + '-' + this.option }, [
				E('label', { class: 'cbi-value-title', for: this.id(sid) }, [this.title]),
				E('div', { class: 'cbi-value-field' }, [widget, this.description ? E('div', { class: 'cbi-value-description' }, [this.description]) : '']),
			]);
			row.addEventListener('change', () => this.section.map.children.forEach((s) => s.updateDepends()));
			this.rows = this.rows || {};
			this.rows[sid] = row;
			return row;
		},
		renderWidget(sid, value) {
			return E('input', { type: 'text', class: 'cbi-input-text', id: this.id(sid), value: value == null ? '' : value, placeholder: this.placeholder });
		},
		formvalue(sid) { const w = this.widgets[sid]; return w ? w.value : null; },
		isActive(sid) {
			if (!this.deps.length) return true;
			return this.deps.some((d) => Object.keys(d).every((k) => {
				const other = this.section.children.find((o) => o.option == k);
				return other && String(other.formvalue(sid)) == String(d[k]);
			}));
		},
		updateDepends() { for (const sid in this.rows || {}) this.rows[sid].style.display = this.isActive(sid) ? '' : 'none'; },
		save(sid) {
			if (!this.isActive(sid)) return;
			const v = this.formvalue(sid);
			const old = this.cfgvalue(sid);
			if (String(v ?? '') !== String(old ?? '') && !(v === '' && old == null)) uci.set(this.map.config, sid, this.option, v === '' ? null : v);
		},
	});
	const Value = AbstractValue.extend({ value() {} });
	const Flag = AbstractValue.extend({
		__init__(...a) { AbstractValue.prototype.__init__.apply(this, a); this.enabled = '1'; this.disabled = '0'; this.default = '0'; },
		renderWidget(sid, value) {
			return E('div', { class: 'cbi-checkbox' }, [
				E('input', { type: 'checkbox', id: this.id(sid), checked: String(value) == this.enabled ? '' : null }),
				E('label', { for: this.id(sid) }),
			]);
		},
		formvalue(sid) { const w = this.widgets[sid]; return w ? (w.querySelector('input').checked ? this.enabled : this.disabled) : null; },
	});
	const DynamicList = AbstractValue.extend({
		renderWidget(sid, value) {
			const items = Array.isArray(value) ? value : value ? [value] : [];
			return E('div', { class: 'cbi-dynlist', id: this.id(sid) }, [
				items.map((v) => E('div', { class: 'item' }, [E('span', {}, [v])])),
				E('div', { class: 'add-item' }, [E('input', { type: 'text', class: 'cbi-input-text', placeholder: this.placeholder || '' }), E('div', { class: 'cbi-button cbi-button-add' }, ['+'])]),
			]);
		},
		formvalue(sid) { const w = this.widgets[sid]; return w ? Array.from(w.querySelectorAll('.item span')).map((s) => s.textContent) : null; },
		save() {},
	});
	const form = Class.singleton({
		Map: FormMap, JSONMap: FormMap, TypedSection: AbstractSection, NamedSection, TableSection: AbstractSection, GridSection: AbstractSection,
		Value, Flag, DynamicList, ListValue: Value, DummyValue: Value, HiddenValue: Value, TextValue: Value, Button: Value,
	});

	/* ---------------------------------------------------------------- view */

	const View = Class.extend({
		__init__() {
			const vp = document.getElementById('view');
			this.ready = Promise.resolve(this.load()).then((data) => this.render(data)).then((node) => {
				dom.content(vp, node);
				dom.append(vp, this.addFooter());
			});
		},
		load() {}, render() {},
		handleSave(ev) {
			const maps = Array.from(document.querySelectorAll('#maincontent .cbi-map'));
			return Promise.all(maps.map((m) => dom.callClassMethod(m, 'save')));
		},
		handleSaveApply(ev, mode) { return this.handleSave(ev).then(() => ui.changes.apply(mode == '0')); },
		handleReset() { return Promise.resolve(); },
		addFooter() {
			const footer = E([]);
			const has = (k) => this[k] !== null && typeof this[k] == 'function';
			if (has('handleSaveApply') || has('handleSave') || has('handleReset')) {
				footer.appendChild(E('div', { class: 'cbi-page-actions' }, [
					has('handleSaveApply') ? E('button', { class: 'cbi-button cbi-button-apply', click: ui.createHandlerFn(this, 'handleSaveApply', '0') }, [_('Save & Apply')]) : '', ' ',
					has('handleSave') ? E('button', { class: 'cbi-button cbi-button-save', click: ui.createHandlerFn(this, 'handleSave') }, [_('Save')]) : '', ' ',
					has('handleReset') ? E('button', { class: 'cbi-button cbi-button-reset', click: ui.createHandlerFn(this, 'handleReset') }, [_('Reset')]) : '',
				]));
			}
			return footer;
		},
	});

	/* ---------------------------------------------------------------- L + loader */

	const builtins = { baseclass: Class, view: View, dom: Class.singleton(dom), poll, rpc, uci, ui, form, request: Class.singleton({}), session: Class.singleton({}) };
	const classes = {};

	/** luci.js's scan of the leading string directives. */
	function scanDirectives(src) {
		const deps = [];
		let prev = -1, comment = -1, quote = -1, start = -1, escd = false;
		for (let i = 0; i < src.length; i++) {
			const c = src.charCodeAt(i);
			if (escd) escd = false;
			else if (comment != -1) { if (comment == 47 ? c == 10 : prev == 42 && c == 47) comment = -1; }
			else if (prev == 47 && (c == 47 || c == 42)) comment = c;
			else if (c == 92) escd = true;
			else if (c == quote) {
				const text = src.slice(start, i);
				const m = /^require[ \t]+(\S+)(?:[ \t]+as[ \t]+([a-zA-Z_]\S*))?$/.exec(text);
				if (m) deps.push({ name: m[1], param: m[2] || m[1].replace(/[^a-zA-Z0-9_]/g, '_') });
				else if (!/^use[ \t]+strict$/.test(text)) break;
				quote = -1;
			} else if (quote == -1 && (c == 34 || c == 39)) { quote = c; start = i + 1; }
			prev = c;
		}
		return deps;
	}

	const L = window.L = Class.singleton({
		env: { pollinterval: 5, resource: '/luci-static/resources', sessionid: 'test', token: 'test', apply_rollback: 90 },
		resolveDefault: (p, d) => Promise.resolve(p).catch(() => d),
		url: (...parts) => '/cgi-bin/luci/' + parts.join('/'),
		resource: (...parts) => '/luci-static/resources/' + parts.join('/'),
		bind: (fn, self, ...args) => fn.bind(self, ...args),
		isObject: (v) => v != null && typeof v == 'object',
		toArray: (v) => (v == null ? [] : Array.isArray(v) ? v : [v]),
		raise(type, fmt, ...args) { throw new Error(type + ': ' + String(fmt).format(...args)); },
		error(type, fmt, ...args) { throw new Error(type + ': ' + String(fmt).format(...args)); },
		async require(name) {
			if (name in builtins) return builtins[name];
			if (classes[name]) return classes[name];
			const url = '/luci-static/resources/' + name.replace(/\./g, '/') + '.js';
			const res = await fetch(url);
			if (!res.ok) throw new Error('NetworkError: HTTP ' + res.status + ' for ' + url);
			const src = await res.text();
			const deps = scanDirectives(src);
			const instances = await Promise.all(deps.map((d) => L.require(d.name)));
			const factory = new Function('window', 'document', 'L', ...deps.map((d) => d.param), src + '\n//# sourceURL=' + location.origin + url);
			const cls = factory.apply(factory, [window, document, L].concat(instances));
			if (!Class.isSubclass(cls)) throw new TypeError('"' + name + '" factory yields invalid constructor');
			H.requires = deps.map((d) => d.name);
			classes[name] = new cls();
			return classes[name];
		},
	});
	L.dom = builtins.dom; L.Poll = poll; L.Class = Class; L.ui = ui;

	window.addEventListener('error', (e) => H.errors.push(String(e.message)));
	window.addEventListener('unhandledrejection', (e) => H.errors.push(String(e.reason && e.reason.stack || e.reason)));

	L.require('view.' + boot.view.replace(/\//g, '.'))
		.then((v) => v.ready)
		.then(() => { H.ready = true; }, (e) => { H.errors.push(String(e && e.stack || e)); H.ready = true; console.error(e); });
})();
