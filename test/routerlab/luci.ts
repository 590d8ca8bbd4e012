/*
 * Real LuCI in the router lab: the router's uhttpd serves the LuCI of the pinned sources
 * (its JS, CSS, bootstrap theme and translations) with the real rpcd behind it, and
 * headless Chromium runs on the lab's LAN host, so the browser reaches the router at
 * http://192.168.1.1 exactly as a user's PC does, and LuCI's apply-with-rollback has a
 * real connection to lose and regain.
 *
 * Chromium is started through a wrapper that enters the LAN namespace (playwright talks to
 * it over a pipe, which `ip netns exec` passes through).
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { scratchDir } from '../scratch.ts';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const ROUTER_URL = 'http://192.168.1.1';
export const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
	'--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

export interface PageOptions {
	lang?: 'en' | 'ja';
	size?: { width: number; height: number };
	dark?: boolean;
}

/** A page plus what went wrong on it (console errors and warnings, page errors, failed requests). */
export interface LuciPage {
	page: Page;
	problems: string[];
	close(): Promise<void>;
}

export class LuciBrowser {
	private constructor(readonly browser: Browser) {}

	/** Chromium on the LAN host of the given namespace. */
	static async launch(lanNetns: string): Promise<LuciBrowser> {
		const { chromium } = await import('playwright-core');
		const wrapper = join(scratchDir('mape-chromium'), 'chromium-in-lan');
		writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${lanNetns} ${CHROMIUM} "$@"\n`);
		chmodSync(wrapper, 0o755);
		const browser = await chromium.launch({ executablePath: wrapper, headless: true, args: FLAGS });
		return new LuciBrowser(browser);
	}

	/** LuCI's session cookie from the first login, which later pages reuse. */
	private session: Awaited<ReturnType<BrowserContext['storageState']>> | null = null;

	/**
	 * A fresh browser profile logged in to LuCI as root (empty password, as shipped): the
	 * first one through the login form, later ones with that login's session cookie (the
	 * language comes from each profile's Accept-Language, as LuCI's `lang auto` reads it).
	 */
	async open(options: PageOptions = {}): Promise<LuciPage> {
		const context: BrowserContext = await this.browser.newContext({
			viewport: options.size ?? WIDTHS.desktop, deviceScaleFactor: 1,
			locale: options.lang == 'ja' ? 'ja-JP' : 'en-US', colorScheme: options.dark ? 'dark' : 'light',
			...(this.session ? { storageState: this.session } : {}),
		});
		const page = await context.newPage();
		const problems: string[] = [];
		page.on('console', (m) => { if (m.type() == 'error' || m.type() == 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
		page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
		page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
		if (!this.session) {
			await logIn(page);
			this.session = await context.storageState();
			// The login page itself is a 403 answer, which Chromium logs as a failed resource.
			problems.length = 0;
		}
		return { page, problems, close: () => context.close() };
	}

	close(): Promise<void> {
		return this.browser.close();
	}
}

/** LuCI's login form: it answers 403 with the form, which its JS then moves into a modal dialog. */
async function logIn(page: Page): Promise<void> {
	await page.goto(`${ROUTER_URL}/cgi-bin/luci/`, { waitUntil: 'networkidle' });
	const password = page.locator('input[name=luci_password]:visible');
	await password.fill('');
	await Promise.all([page.waitForURL(() => true, { waitUntil: 'load' }), password.press('Enter')]);
	await page.waitForLoadState('networkidle');
	if (await page.locator('input[name=luci_password]:visible').count()) {
		throw new Error('LuCI login failed: the login form is shown again');
	}
}

/** Opens a LuCI view by its menu path (admin/network/mape/setup) and waits until it rendered. */
export async function openView(p: LuciPage, path: string, ready: string): Promise<void> {
	await p.page.goto(`${ROUTER_URL}/cgi-bin/luci/${path}`);
	await p.page.waitForSelector(ready, { timeout: 20000 });
}
