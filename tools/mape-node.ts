/*
 * Entry point of `npx mape`: runs the router's `mape` CLI (luci-app-mape/router/cli.ts,
 * compiled to JavaScript by the build) on Node through the ucode runtime, so the PC and
 * the router run the same program. Bundled by tools/build.ts into build/mape.mjs.
 */
import { runModule } from '../luci-app-mape/runtime/index.ts';

const result = await runModule(
	// @ts-ignore: generated JavaScript without declarations (built from typed ucode)
	() => import('../build/js/luci-app-mape/router/cli.js'),
	{ argv: process.argv.slice(2), capture: false },
);
process.exitCode = result.code;
