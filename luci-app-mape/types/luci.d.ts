/*
 * LuCI's client-side API as our views see it (luci-base htdocs/luci-static/resources/*.js).
 *
 * Views import LuCI modules from virtual specifiers: `import form from 'luci:form'`.
 * tools/bundle-view.ts turns each into a `'require form';` directive plus a reference to
 * the parameter LuCI's loader injects, so the default export here is exactly what the
 * loader passes in: the module *instance* for fetched modules (form, rpc, uci, ui, network,
 * fs, ...) and for the built-ins dom/poll/request/session, but the *class* for `view` and
 * `baseclass`. `E`, `_`, `N_` and `L` are window globals (cbi.js / luci.js).
 *
 * This is our own typed subset (what first-party views use), not @kuoruan/luci-types:
 * that package types `X.extend()` as returning an instance rather than a constructor,
 * rejects `s.option(form.Flag, ...)` / `s.option(form.ListValue, ...)` under `strict`,
 * and has no `_(msg, ctx)` or `N_()`. Extend this file when a view needs more.
 */

declare namespace LuCI {
	/* ------------------------------------------------------------------ baseclass */

	/** Members every LuCI class instance has (luci.js `Class.prototype`). */
	interface baseclass {
		/** `super('key')` reads a superclass member; `super('key', args)` calls it. */
		super(key: string, callArgs?: ArrayLike<unknown>): any;
		varargs(args: ArrayLike<unknown>, offset: number, ...extra: unknown[]): any[];
		readonly __name__?: string;
	}

	/**
	 * A LuCI class constructor: `Class.extend({...})` returns one of these. The loader
	 * accepts a class file only if its factory returns such a constructor subclassing
	 * `baseclass` (`Class.isSubclass`), then calls `new` on it.
	 */
	interface ClassConstructor<T extends baseclass = baseclass, A extends unknown[] = any[]> {
		new (...args: A): T;
		readonly prototype: T;
		extend<P extends object>(properties: P & ThisType<T & P>): ClassConstructor<T & P, A>;
		singleton<P extends object>(properties: P & ThisType<T & P>, ...args: A): T & P;
		instantiate(args: A): T;
		isSubclass(value: unknown): boolean;
		displayName?: string;
	}

	/* ------------------------------------------------------------------ view */

	/** Fires on the view's footer buttons; `null` hides the button. */
	type ViewHandler = ((ev: Event) => unknown) | null;

	type RenderResult = Node | null | Promise<Node | null>;

	interface view extends baseclass {
		/** Runs first; its (awaited) result is passed to `render()`. */
		load(): unknown;
		render(data?: any): RenderResult;
		handleSave: ViewHandler;
		handleSaveApply: ViewHandler;
		handleReset: ViewHandler;
		addFooter(): Node;
	}

	/** What a view passes to `view.extend()`; `D` is what `load()` resolves to. */
	interface ViewProperties<D> {
		__name__?: string;
		load?(): D | PromiseLike<D>;
		render?(data: D): RenderResult;
		handleSave?: ViewHandler;
		handleSaveApply?: ViewHandler;
		handleReset?: ViewHandler;
		addFooter?(): Node;
	}

	/** The View class (`'require view'` injects the class, not an instance). */
	interface ViewClass<T extends view = view> extends ClassConstructor<T, []> {
		extend<D = void, P extends object = {}>(
			properties: ViewProperties<D> & P & ThisType<T & P>,
		): ViewClass<T & P>;
	}

	/* ------------------------------------------------------------------ dom / E() */

	/** Attribute map for `E()` / `dom.attr()`: functions become event listeners, objects are JSON-encoded. */
	type Attributes = { [name: string]: unknown };

	/**
	 * Children for `E()` / `dom.append()`. Careful: a *bare* string is assigned as
	 * `innerHTML`; strings inside an *array* become text nodes. Pass untrusted text as
	 * `[text]`.
	 */
	type Children = Node | string | number | boolean | null | undefined | readonly Children[] | ((node: Node) => Children);

	interface dom extends baseclass {
		elem(value: unknown): value is Node;
		parse(html: string): Node | null;
		matches(node: unknown, selector: string): boolean;
		parent(node: unknown, selector: string): Element | null;
		append(node: Node, children?: Children): Node | null;
		content(node: Node, children?: Children): Node | null;
		attr(node: Node, key: string | Attributes, value?: unknown): void;
		create: typeof E;
		data(node: Node, key?: string | null, value?: unknown): any;
		bindClassInstance<T extends baseclass>(node: Node, instance: T): T;
		findClassInstance(node: Node): baseclass | null;
		callClassMethod(node: Node, method: string, ...args: unknown[]): unknown;
		isEmpty(node: Node, ignoreFn?: (node: Node) => boolean): boolean;
	}

	/* ------------------------------------------------------------------ poll */

	interface poll extends baseclass {
		/** Calls `fn` every `interval` seconds (default: L.env.pollinterval); false if already queued. */
		add(fn: () => unknown, interval?: number): boolean;
		remove(fn: () => unknown): boolean;
		start(): boolean;
		stop(): boolean;
		active(): boolean;
	}

	/* ------------------------------------------------------------------ request / session */

	interface Response {
		readonly ok: boolean;
		readonly status: number;
		readonly statusText: string;
		readonly url: string;
		readonly duration: number;
		json(): any;
		text(): string;
		blob(): Blob;
	}

	interface RequestOptions {
		method?: string;
		query?: { [key: string]: unknown } | null;
		cache?: boolean;
		timeout?: number;
		credentials?: boolean;
		headers?: { [name: string]: string };
		content?: unknown;
		responseType?: 'text' | 'blob';
		progress?: (ev: ProgressEvent) => void;
	}

	interface request extends baseclass {
		request(url: string, options?: RequestOptions): Promise<Response>;
		get(url: string, options?: RequestOptions): Promise<Response>;
		post(url: string, data?: unknown, options?: RequestOptions): Promise<Response>;
		expandURL(url: string): string;
	}

	interface session extends baseclass {
		getID(): string;
		getToken(): string | null;
		getLocalData(key?: string): any;
		setLocalData(key: string, value: unknown): boolean;
	}

	/* ------------------------------------------------------------------ rpc */

	interface DeclareOptions<R> {
		/** ubus object, e.g. `luci.mape`. */
		object: string;
		method: string;
		/** Positional arguments of the returned function, mapped to these named keys. */
		params?: readonly string[];
		/**
		 * Unwraps the reply: `{key: default}` returns `reply[key]`, or `default` when the
		 * key is missing or of another type; the key `''` means the whole reply.
		 */
		expect?: { [key: string]: unknown };
		filter?: (data: any, args: unknown[], ...extra: unknown[]) => R;
		/** Reject the promise on ubus errors instead of resolving with the status code. */
		reject?: boolean;
		nobatch?: boolean;
	}

	interface rpc extends baseclass {
		declare<R = unknown, A extends unknown[] = unknown[]>(options: DeclareOptions<R>): (...args: A) => Promise<R>;
		list(...objects: string[]): Promise<any>;
		getBaseURL(): string;
		setBaseURL(url: string): void;
		getSessionID(): string;
		setSessionID(sid: string): void;
		getStatusText(code: number): string;
		addInterceptor<F extends (msg: unknown, req: unknown) => unknown>(fn: F): F;
		removeInterceptor(fn: (msg: unknown, req: unknown) => unknown): boolean;
	}

	/* ------------------------------------------------------------------ uci */

	/** A UCI section as `uci.get(config, sid)` returns it: options plus `.name`, `.type`, ... */
	interface SectionObject {
		'.name': string;
		'.type': string;
		'.anonymous': boolean;
		'.index': number;
		[option: string]: string | string[] | number | boolean | undefined;
	}

	type OptionValue = string | string[];

	interface ChangeRecord extends Array<string> {}

	interface uci extends baseclass {
		/** Loads (and caches) configs; resolves to the names loaded. */
		load(config: string | readonly string[]): Promise<string[]>;
		unload(config: string | readonly string[]): void;
		get(config: string, sid: string): SectionObject | null;
		get(config: string, sid: string, option: string): OptionValue | null;
		get_first(config: string, type?: string): SectionObject | null;
		get_first(config: string, type: string | undefined, option: string): OptionValue | null;
		/** Stages a change; `null`/`''` unsets the option. */
		set(config: string, sid: string, option: string, value: OptionValue | null): void;
		set_first(config: string, type: string | undefined, option: string, value: OptionValue | null): void;
		unset(config: string, sid: string, option: string): void;
		unset_first(config: string, type: string | undefined, option: string): void;
		/** Stages a new section; returns its (temporary) id. */
		add(config: string, type: string, name?: string): string;
		remove(config: string, sid: string): void;
		sections(config: string, type?: string, cb?: (section: SectionObject, sid: string) => void): SectionObject[];
		move(config: string, sid1: string, sid2?: string | null, after?: boolean): boolean;
		resolveSID(config: string, sid: string): string | null;
		createSID(config: string): string;
		/** Sends staged changes to rpcd's uci delta; resolves to the configs changed. */
		save(): Promise<string[]>;
		/** Commits with rollback: reverts unless confirmed within `timeout` seconds. */
		apply(timeout?: number): Promise<number>;
		changes(): Promise<{ [config: string]: ChangeRecord[] }>;
	}

	/* ------------------------------------------------------------------ ui */

	interface UIElement extends baseclass {
		render(): Node;
		getValue(): any;
		setValue(value: unknown): void;
		isValid(): boolean;
		triggerValidation(): boolean;
		isChanged(): boolean;
		setChangeEvents(node: Node, ...events: string[]): void;
		setUpdateEvents(node: Node, ...events: string[]): void;
	}

	interface UIElementOptions {
		id?: string;
		name?: string;
		optional?: boolean;
		datatype?: string;
		validate?: (value: string) => true | string;
		disabled?: boolean;
		[option: string]: unknown;
	}

	interface UIElementClass<C extends unknown[]> extends ClassConstructor<UIElement, C> {}

	interface changes extends baseclass {
		/** Applies staged uci changes with rollback (`checked` = with rollback). */
		apply(checked?: boolean): void;
		revert(): void;
		displayChanges(): void;
		renderChangeIndicator(changes: unknown): void;
		setIndicator(n: number): void;
	}

	interface ui extends baseclass {
		showModal(title: string | null, children: Children, ...classes: string[]): Node;
		hideModal(): void;
		addNotification(title: string | null, children: Children, ...classes: string[]): Node;
		showIndicator(id: string, label: string, handler?: ((ev: Event) => void) | null, style?: 'active' | 'inactive'): boolean;
		hideIndicator(id: string): boolean;
		itemlist(node: Node, items: readonly unknown[], separators?: unknown): Node;
		createHandlerFn(ctx: unknown, fn: string | ((...args: any[]) => unknown), ...args: unknown[]): ((ev: Event) => unknown) | null;
		awaitReconnect(...hosts: string[]): void;
		pingDevice(proto?: 'http' | 'https', host?: string): Promise<Event>;
		instantiateView(path: string): Promise<view>;
		changes: changes;
		Textfield: UIElementClass<[value: string | null, options?: UIElementOptions]>;
		Textarea: UIElementClass<[value: string | null, options?: UIElementOptions]>;
		Checkbox: UIElementClass<[value: string | null, options?: UIElementOptions]>;
		Select: UIElementClass<[value: string | string[] | null, choices: { [value: string]: string }, options?: UIElementOptions]>;
		Dropdown: UIElementClass<[value: string | string[] | null, choices: { [value: string]: Children }, options?: UIElementOptions]>;
		DynamicList: UIElementClass<[values: string[] | null, choices?: { [value: string]: string } | null, options?: UIElementOptions]>;
		Hiddenfield: UIElementClass<[value: string | null, options?: UIElementOptions]>;
	}

	/* ------------------------------------------------------------------ form */

	namespace form {
		interface AbstractElement extends baseclass {
			title: string;
			description: string;
			render(): Promise<Node>;
			parse(): Promise<void>;
			append(element: AbstractElement): void;
			stripTags(s: string): string;
			titleFn(attr: string, ...args: unknown[]): string | null;
		}

		/** Constructor of a section class, as passed to `m.section(Class, ...args)`. */
		type SectionClass<S, A extends unknown[]> = abstract new (map: Map, ...args: A) => S;
		/** Constructor of an option class, as passed to `s.option(Class, ...args)`. */
		type OptionClass<O, A extends unknown[]> = abstract new (map: Map, section: AbstractSection, ...args: A) => O;

		interface Map extends AbstractElement {
			readonly config: string;
			readonly?: boolean;
			/** Adds a section: `m.section(form.NamedSection, 'global', 'mape', _('Title'))`. */
			section<S extends AbstractSection, A extends unknown[]>(cls: SectionClass<S, A>, ...args: A): S;
			load(): Promise<void>;
			save(cb?: (() => unknown) | null, silent?: boolean): Promise<void>;
			reset(): Promise<Node>;
			chain(config: string): void;
			lookupOption(name: string, section_id: string, config?: string): [AbstractValue, string] | null;
			findElement(...selector: string[]): Element | null;
			findElements(...selector: string[]): NodeListOf<Element>;
			data: uci;
		}

		interface JSONMap extends Map {}

		interface AbstractSection extends AbstractElement {
			readonly sectiontype: string;
			readonly map: Map;
			anonymous: boolean;
			addremove: boolean;
			optional: boolean;
			rowcolors: boolean;
			nodescriptions: boolean;
			uciconfig?: string;
			tabbed: boolean;
			option<O extends AbstractValue, A extends unknown[]>(cls: OptionClass<O, A>, ...args: A): O;
			taboption<O extends AbstractValue, A extends unknown[]>(tab: string, cls: OptionClass<O, A>, ...args: A): O;
			tab(name: string, title: string, description?: string): void;
			cfgsections(): string[];
			cfgvalue(section_id: string, option?: string | null): any;
			formvalue(section_id: string, option: string): any;
			filter(section_id: string): boolean;
			load(): Promise<void>;
			renderContents(cfgsections: string[], nodes: Node[]): Node;
			children: AbstractValue[];
		}

		interface NamedSection extends AbstractSection {
			readonly section: string;
		}

		interface TypedSection extends AbstractSection {
			addbtntitle: string | ((section_id: string) => string);
			handleAdd(ev: Event, name?: string): Promise<void>;
			handleRemove(section_id: string, ev: Event): Promise<void>;
		}

		interface TableSection extends TypedSection {
			sortable: boolean;
			extedit: string | ((section_id: string) => string) | null;
			max_cols: number;
			modaltitle: string | ((section_id: string) => string);
		}

		interface GridSection extends TableSection {}

		type DependsSpec = { [option: string]: string | boolean | RegExp | ((value: unknown) => boolean) } | { '!reverse'?: boolean };

		interface AbstractValue extends AbstractElement {
			readonly option: string;
			readonly section: AbstractSection;
			readonly map: Map;
			default: any;
			datatype: string | null;
			placeholder: string | null;
			optional: boolean;
			rmempty: boolean;
			readonly: boolean;
			editable: boolean;
			modalonly: boolean | null;
			retain: boolean;
			uciconfig: string | null;
			ucisection: string | null;
			ucioption: string | null;
			/** `o.depends('enabled', '1')` or `o.depends({enabled: '1', mode: 'auto'})`. */
			depends(field: string, value?: string | boolean | RegExp): void;
			depends(spec: DependsSpec): void;
			validate(section_id: string, value: string): true | string;
			onchange: ((this: this, ev: Event, section_id: string, value: unknown) => void) | null;
			cfgvalue(section_id: string, value?: unknown): any;
			formvalue(section_id: string): any;
			textvalue(section_id: string): string | Node;
			load(section_id: string): any;
			write(section_id: string, value: unknown): unknown;
			remove(section_id: string): unknown;
			isActive(section_id: string): boolean;
			isValid(section_id: string): boolean;
			getUIElement(section_id: string): UIElement | null;
			renderWidget(section_id: string, option_index: number, cfgvalue: unknown): Node | Promise<Node>;
		}

		interface Value extends AbstractValue {
			/** Adds a choice: turns the field into a combobox / select. */
			value(key: string, label?: Children): void;
			password: boolean;
		}

		interface DynamicList extends Value {}

		interface ListValue extends Value {
			widget: 'select' | 'radio';
			orientation: 'horizontal' | 'vertical';
			size: number | null;
		}

		interface RichListValue extends ListValue {}

		interface MultiValue extends Value {
			display_size: number | null;
			dropdown_size: number | null;
		}

		interface TextValue extends Value {
			monospace: boolean;
			cols: number | null;
			rows: number | null;
			wrap: boolean | null;
		}

		interface Flag extends Value {
			enabled: string;
			disabled: string;
			tooltip: string | ((section_id: string) => string) | null;
			tooltipicon: string | null;
		}

		interface DummyValue extends Value {
			href: string | null;
			rawhtml: boolean;
			hidden: boolean;
		}

		interface HiddenValue extends Value {}

		interface ButtonValue extends Value {
			inputtitle: string | ((section_id: string) => string) | null;
			inputstyle: string | null;
			onclick: ((this: this, ev: Event, section_id: string) => unknown) | null;
		}

		interface SectionValue extends Value {
			readonly subsection: AbstractSection;
		}

		/** A form class that user code can also `.extend()`. */
		interface Class<T extends baseclass, A extends unknown[]> {
			new (...args: A): T;
			readonly prototype: T;
			extend<P extends object>(properties: P & ThisType<T & P>): Class<T & P, A>;
			isSubclass(value: unknown): boolean;
		}
	}

	interface form extends baseclass {
		Map: form.Class<form.Map, [config: string, title?: string, description?: string]>;
		JSONMap: form.Class<form.JSONMap, [data: object, title?: string, description?: string]>;
		NamedSection: form.Class<form.NamedSection, [map: form.Map, section_id: string, section_type: string, title?: string, description?: string]>;
		TypedSection: form.Class<form.TypedSection, [map: form.Map, section_type: string, title?: string, description?: string]>;
		TableSection: form.Class<form.TableSection, [map: form.Map, section_type: string, title?: string, description?: string]>;
		GridSection: form.Class<form.GridSection, [map: form.Map, section_type: string, title?: string, description?: string]>;
		Value: form.Class<form.Value, OptionArgs>;
		DynamicList: form.Class<form.DynamicList, OptionArgs>;
		ListValue: form.Class<form.ListValue, OptionArgs>;
		RichListValue: form.Class<form.RichListValue, OptionArgs>;
		MultiValue: form.Class<form.MultiValue, OptionArgs>;
		TextValue: form.Class<form.TextValue, OptionArgs>;
		Flag: form.Class<form.Flag, OptionArgs>;
		DummyValue: form.Class<form.DummyValue, OptionArgs>;
		HiddenValue: form.Class<form.HiddenValue, OptionArgs>;
		Button: form.Class<form.ButtonValue, OptionArgs>;
		SectionValue: form.Class<form.SectionValue, [map: form.Map, section: form.AbstractSection, option: string, cls: form.SectionClass<form.AbstractSection, any[]>, ...args: any[]]>;
	}

	/** Constructor arguments of option classes: (map, section, option, title?, description?). */
	type OptionArgs = [map: form.Map, section: form.AbstractSection, option: string, title?: string, description?: string];

	/* ------------------------------------------------------------------ fs */

	interface FileStatEntry {
		name: string;
		type: 'file' | 'directory' | 'symlink' | 'fifo' | 'socket' | 'char' | 'block' | 'unknown';
		size: number;
		mode: number;
		atime: number;
		mtime: number;
		ctime: number;
		inode: number;
		uid: number;
		gid: number;
	}

	interface FileExecResult {
		code: number;
		stdout?: string;
		stderr?: string;
	}

	interface fs extends baseclass {
		list(path: string): Promise<FileStatEntry[]>;
		stat(path: string): Promise<FileStatEntry>;
		read(path: string): Promise<string>;
		read_direct(path: string, type?: 'text' | 'json' | 'blob'): Promise<any>;
		write(path: string, data?: string, mode?: number): Promise<number>;
		remove(path: string): Promise<number>;
		exec(command: string, params?: readonly string[], env?: { [name: string]: string }): Promise<FileExecResult>;
		exec_direct(command: string, params?: readonly string[], type?: 'text' | 'json' | 'blob', latin1?: boolean, stderr?: boolean): Promise<any>;
		lines(path: string): Promise<string[]>;
		trimmed(path: string): Promise<string>;
	}

	/* ------------------------------------------------------------------ network */

	namespace network {
		interface Device extends baseclass {
			getName(): string;
			getType(): string;
			getMAC(): string | null;
			getIPAddrs(): string[];
			getIP6Addrs(): string[];
			getMTU(): number;
			isUp(): boolean;
			getRXBytes(): number;
			getTXBytes(): number;
		}

		interface Protocol extends baseclass {
			getName(): string;
			getProtocol(): string | null;
			getI18n(): string;
			getType(): string | null;
			get(opt: string): OptionValue | null;
			getDevice(): Device | null;
			getL3Device(): Device | null;
			getIfname(): string | null;
			getIPAddr(): string | null;
			getIPAddrs(): string[];
			getNetmask(): string | null;
			getGatewayAddr(): string | null;
			getDNSAddrs(): string[];
			getIP6Addr(): string | null;
			getIP6Addrs(): string[];
			getGateway6Addr(): string | null;
			getDNS6Addrs(): string[];
			getIP6Prefix(): string | null;
			getIP6Prefixes(): string[] | null;
			getUptime(): number;
			getZoneName(): string | null;
			isUp(): boolean;
			isDynamic(): boolean;
		}
	}

	interface network extends baseclass {
		getNetwork(name: string): Promise<network.Protocol | null>;
		getNetworks(): Promise<network.Protocol[]>;
		getWANNetworks(): Promise<network.Protocol[]>;
		getWAN6Networks(): Promise<network.Protocol[]>;
		getDevice(name: string): Promise<network.Device | null>;
		getDevices(): Promise<network.Device[]>;
		getIfnameOf(obj: unknown): string | null;
		flushCache(): Promise<unknown>;
		prefixToMask(bits: number, v6?: boolean): string | null;
		maskToPrefix(netmask: string, v6?: boolean): number | null;
	}

	/* ------------------------------------------------------------------ L */

	interface Env {
		base_url: string;
		resource: string;
		media: string;
		scriptname: string;
		requestpath: string[];
		pollinterval: number;
		sessionid?: string;
		token?: string;
		[key: string]: unknown;
	}

	/** The global `L` (the LuCI instance). */
	interface LuCI extends baseclass {
		env: Env;
		/** Resolves `value`, or `defvalue` if the promise rejects. */
		resolveDefault<T, D = T>(value: T | PromiseLike<T>, defvalue?: D): Promise<T | D>;
		url(...parts: string[]): string;
		resource(...parts: string[]): string;
		media(...parts: string[]): string;
		location(): string;
		fspath(...parts: string[]): string;
		bind<F extends (...args: any[]) => any>(fn: F, self: unknown, ...args: unknown[]): F;
		require(name: string): Promise<baseclass>;
		raise(type: string | Error | null, fmt?: string, ...args: unknown[]): never;
		error(type: string | Error | null, fmt?: string, ...args: unknown[]): never;
		isObject(value: unknown): value is { [key: string]: unknown };
		isArguments(value: unknown): boolean;
		toArray(value: unknown): any[];
		sortedKeys(obj: unknown, key?: string | null, sortmode?: 'addr' | 'num'): string[];
		sortedArray(value: unknown): any[];
		naturalCompare(a: unknown, b: unknown): number;
		hasSystemFeature(feature: string, subfeature?: string): boolean | null;
		/** Same as `'require dom'` (legacy alias). */
		dom: dom;
		Poll: poll;
		Request: request;
		Class: ClassConstructor<baseclass>;
	}
}

/** `E(tag, attrs?, children?)` / `E(tag, children)`: dom.create (cbi.js global). */
declare function E<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: LuCI.Attributes | null, children?: LuCI.Children): HTMLElementTagNameMap[K];
declare function E<K extends keyof HTMLElementTagNameMap>(tag: K, children: LuCI.Children): HTMLElementTagNameMap[K];
declare function E(html: string | Node, attributes?: LuCI.Attributes | null, children?: LuCI.Children): HTMLElement;
declare function E(html: string | Node, children: LuCI.Children): HTMLElement;
declare function E(nodes: readonly LuCI.Children[], attributes?: LuCI.Attributes | null, children?: LuCI.Children): DocumentFragment;

/** Translates `msgid` (optionally in context `ctx`) through the page's catalog (window.TR). */
declare function _(msgid: string, ctx?: string): string;
/** Plural translation: `N_(n, 'one item', '%d items')` picks the form for `n` (format with `.format(n)`). */
declare function N_(n: number, singular: string, plural: string, ctx?: string): string;

/** The LuCI instance (window global). */
declare const L: LuCI.LuCI;

/** cbi.js extends String.prototype with sprintf-style `format()` and `nobr()`. */
interface String {
	format(...args: unknown[]): string;
	nobr(): string;
}

declare module 'luci:baseclass' { const baseclass: LuCI.ClassConstructor<LuCI.baseclass>; export default baseclass; }
declare module 'luci:view' { const view: LuCI.ViewClass; export default view; }
declare module 'luci:dom' { const dom: LuCI.dom; export default dom; }
declare module 'luci:poll' { const poll: LuCI.poll; export default poll; }
declare module 'luci:request' { const request: LuCI.request; export default request; }
declare module 'luci:session' { const session: LuCI.session; export default session; }
declare module 'luci:rpc' { const rpc: LuCI.rpc; export default rpc; }
declare module 'luci:uci' { const uci: LuCI.uci; export default uci; }
declare module 'luci:ui' { const ui: LuCI.ui; export default ui; }
declare module 'luci:form' { const form: LuCI.form; export default form; }
declare module 'luci:fs' { const fs: LuCI.fs; export default fs; }
declare module 'luci:network' { const network: LuCI.network; export default network; }
