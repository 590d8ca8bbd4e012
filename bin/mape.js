#!/usr/bin/env node
// `npx mape …`: the MAP-E calculator and router tool on a PC (run `make` first).
import { existsSync } from 'node:fs';

const bundle = new URL('../build/mape.mjs', import.meta.url);
if (!existsSync(bundle)) {
	process.stderr.write('mape: build/mape.mjs is missing; run `make` in the repository first\n');
	process.exit(2);
}
await import(bundle.href);
