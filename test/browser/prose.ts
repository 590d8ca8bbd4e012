/*
 * What a Japanese page must not show: English that escaped translation. Shared by the
 * real-LuCI tests (routerlab-luci.test.ts) and the DS-Lite pages on the harness.
 */
import type { Page } from 'playwright-core';

/**
 * Latin words of four letters or more in the visible prose of #view (outside <code>,
 * which holds router values, and <style>/<script>) that `allowed` does not list.
 */
export async function untranslatedWords(page: Page, allowed: Set<string>): Promise<string[]> {
	// A string, so that the test transpiler's helpers (__name) do not end up in the page.
	const prose: string = await page.evaluate(`(() => {
		const out = [];
		const walk = (n) => {
			if (n.nodeType == 3) out.push(n.textContent);
			else if (n.nodeType == 1 && !['CODE', 'STYLE', 'SCRIPT'].includes(n.tagName) && n.offsetParent !== null) n.childNodes.forEach(walk);
		};
		walk(document.getElementById('view'));
		return out.join(' ');
	})()`);
	return [...new Set(prose.match(/[A-Za-z][A-Za-z0-9_.-]{3,}/g) ?? [])].filter((w) => !allowed.has(w));
}
