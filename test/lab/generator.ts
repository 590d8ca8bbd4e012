/*
 * The SNAT generator as the lab and the benchmark use it: core/snat.ts compiled by tools/ucc
 * (the JavaScript build of the same source the router runs), without the rest of the backend.
 */
import { buildEngine } from '../engine-build.ts';
import type { Shape } from './portset.ts';

let snat: any = null;

export interface ScriptOptions { ipv4: string; iface?: string; device?: string; reserved?: number[][]; strategy?: string }

/** The replacement script for a port-set shape (throws on an engine failure). */
export async function snatScriptFor(shape: Shape, o: ScriptOptions): Promise<string> {
	snat ??= await buildEngine().load('snat');
	const portsets = snat.portSetsFor(shape.psid, shape.psidlen, shape.offset);
	if (portsets.error) throw new Error(portsets.error.message);
	const script = snat.snatScript({ iface: o.iface ?? 'wanmap', device: o.device ?? null, ipv4: o.ipv4, portsets, reserved: o.reserved ?? null, strategy: o.strategy ?? null });
	if (typeof script != 'string') throw new Error(script.error.message);
	return script;
}

export async function snatRemoveFor(iface: string): Promise<string> {
	snat ??= await buildEngine().load('snat');
	return snat.snatRemoveScript(iface);
}
