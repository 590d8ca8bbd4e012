/*
 * The `proto dslite` interface we want on a DS-Lite line (shared/docs/ipv4-over-ipv6-
 * provisioning.md §2.2, §2.4), as netifd's dslite.sh (package ds-lite) reads it:
 *   proto       dslite
 *   peeraddr    the AFTR: its name, which dslite.sh resolves (resolveip -6) at every ifup,
 *               so the address the line's DNS gives then is used; the address an HB46PP
 *               answer gave; or mape.aftr
 *   tunlink     the uplink (wan6): the tunnel's local address is its first global IPv6
 *   mtu         1460 (the 1500-byte NGN link minus the IPv6 header; dslite.sh's default is
 *               1280), or mape.mtu
 *   encaplimit  ignore: no encapsulation-limit option, which FLET'S AFTRs do not expect
 * `ip6addr` must be absent: a fixed local address goes stale with the prefix. Everything
 * else on a hand-made section (ttl, zone, weakif, metric…) is kept.
 *
 * Default name `wandslite` (device ds-wandslite; dslite.sh names the device ds-<name>, and
 * device names have at most 15 bytes, so interface names have at most 12 characters:
 * core/settings.ts). Not `dslite`: what is ours goes by name (as `wanmap` for MAP-E), and
 * `dslite` is what people call a DS-Lite interface they make by hand, which must not be
 * taken for ours: removed when the line moves to MAP-E, or rewritten by auto-follow.
 */
import { type DsliteCalculation } from './dslite';

export const DEFAULT_DSLITE_INTERFACE = 'wandslite';

/** Options that must be absent on a DS-Lite interface we manage. */
export const DSLITE_FORBIDDEN_OPTIONS: string[] = ['ip6addr'];

/** [option, value] pairs of our DS-Lite interface; `mtu` (when > 0) and `aftr` (when set) override. */
export function targetDsliteOptions(calc: DsliteCalculation, tunlink: string, mtu: number, aftr: string | null): string[][] {
	return [
		['proto', 'dslite'],
		['peeraddr', aftr ?? calc.aftr],
		['tunlink', tunlink],
		['mtu', '' + (mtu > 0 ? mtu : calc.mtu)],
		['encaplimit', 'ignore'],
	];
}

