/*
 * LuCI markup the pages share: key/value tables, alert boxes, section wrappers. Values
 * always go in as array children (text nodes), never as bare strings (innerHTML).
 */
import { type Explained, alertClass } from './messages.ts';

/** One row of a key/value table: label and value (text or a node). */
export type Row = [label: string, value: string | Node];

/** A LuCI key/value table (the "Status" pages' look). */
export function keyValueTable(rows: readonly Row[]): HTMLElement {
	return E('table', { class: 'table mape-kv' }, rows.map(([label, value]) =>
		E('tr', { class: 'tr' }, [
			E('td', { class: 'td left', width: '33%' }, [label]),
			E('td', { class: 'td left' }, [value]),
		])));
}

/** A cbi-section with a heading. */
export function section(title: string, children: LuCI.Children, extra?: { [attr: string]: unknown }): HTMLElement {
	return E('div', Object.assign({ class: 'cbi-section' }, extra || {}), [E('h3', {}, [title]), ...(Array.isArray(children) ? children : [children])]);
}

/** An alert box: bold headline, explanation below. */
export function alertBox(x: Explained, attrs?: { [attr: string]: unknown }): HTMLElement {
	return E('div', Object.assign({ class: alertClass(x.severity) }, attrs || {}), [
		E('strong', {}, [x.title]),
		x.text ? E('p', {}, [x.text]) : '',
	]);
}

/** Inline status badge ("up" / "down"). */
export function badge(text: string, kind: 'ok' | 'off' | 'warn' | 'err'): HTMLElement {
	return E('span', { class: `mape-badge mape-badge-${kind}` }, [text]);
}

/** Monospace text (addresses, option names). */
export function code(text: string): HTMLElement {
	return E('code', {}, [text]);
}

/**
 * Page CSS: only layout and our own widgets; colours come from the theme (currentColor,
 * translucent greys) so light and dark themes both work.
 */
export const PAGE_CSS = `
.mape-kv td:first-child { font-weight: bold; }
.mape-kv code, .mape-diff code { word-break: break-all; }
.mape-badge { display: inline-block; padding: 0 .5em; border-radius: .8em; font-size: 90%; border: 1px solid; line-height: 1.5; }
.mape-badge-ok { color: #2e8b3a; } .mape-badge-off { opacity: .75; } .mape-badge-warn { color: #c77700; } .mape-badge-err { color: #d32f2f; }
.mape-chips { display: flex; flex-wrap: wrap; gap: .3em; }
.mape-chips code { padding: 0 .3em; border-radius: 3px; background: rgba(128,128,128,.15); }
.mape-actions { display: flex; flex-wrap: wrap; gap: .5em; align-items: center; margin: 1em 0; }
.mape-actions .cbi-value-description { flex-basis: 100%; }
.mape-diff { width: 100%; border-collapse: collapse; margin-bottom: 1em; }
.mape-diff th, .mape-diff td { text-align: left; padding: .25em .5em; border-bottom: 1px solid rgba(128,128,128,.3); vertical-align: top; }
.mape-diff th[colspan] { padding-top: .8em; }
.mape-diff .mape-add td:first-child::before { content: "+ "; }
.mape-diff .mape-remove td:first-child::before { content: "− "; }
.mape-diff .mape-change td:first-child::before { content: "~ "; }
.mape-diff .mape-add td:first-child, .mape-diff .mape-new { color: #2e8b3a; }
.mape-diff .mape-remove td:first-child, .mape-diff .mape-old { color: #d32f2f; }
.mape-diff .mape-old { text-decoration: line-through; }
.mape-bars { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5em, 1fr)); gap: .4em .8em; margin: .5em 0 1em; }
.mape-bar-label { display: flex; justify-content: space-between; font-size: 85%; gap: .5em; }
.mape-bar-track { height: .9em; border-radius: .45em; background: rgba(128,128,128,.22); overflow: hidden; }
.mape-bar-fill { height: 100%; border-radius: .45em; background: #3a9b48; min-width: 1px; }
.mape-level-high .mape-bar-fill { background: #e08a00; }
.mape-level-full .mape-bar-fill { background: #d9342b; }
.mape-total .mape-bar-track { height: 1.3em; }
.mape-total { margin: .5em 0; }
@media (max-width: 600px) { .mape-bars { grid-template-columns: repeat(auto-fill, minmax(7.5em, 1fr)); } .mape-kv td { display: block; width: auto !important; } .mape-kv td:first-child { border-bottom: 0; padding-bottom: 0; } }
`;

export function pageStyle(): HTMLElement {
	return E('style', {}, [PAGE_CSS]);
}
