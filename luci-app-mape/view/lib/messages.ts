/*
 * Backend codes → words. The backend's `message` is English for logs; the pages explain
 * each code in the user's language instead and fall back to the backend's text only for
 * codes this file does not know (newer backend).
 *
 * Severity decides the look (LuCI's alert-message classes): 'ok' (success), 'info'
 * (notice), 'warning', 'error' (danger).
 */
import { type Message, type Status, lineTunnel } from './types.ts';

export type Severity = 'ok' | 'info' | 'warning' | 'error';

export interface Explained {
	severity: Severity;
	/** Short headline. */
	title: string;
	/** What it means and what to do. */
	text: string;
}

/** Why there is no calculation (line-state and engine error codes). */
export function explainError(error: Message): Explained {
	const e = (title: string, text: string, severity: Severity = 'error'): Explained => ({ severity, title, text });
	switch (error.code) {
		case 'RPC':
			return e(_('No answer from the router'), _('The MAP-E backend (luci.mape) did not answer. Check that luci-app-mape is completely installed, then reload the page.'));
		case 'WAN6_MISSING':
			return e(_('No IPv6 uplink interface'), _('There is no wan6 interface (or another DHCPv6 client interface) in the network configuration. Create one on the WAN port with protocol "DHCPv6 client", then reload this page.'));
		case 'WAN6_DOWN':
			return e(_('No IPv6 on the line yet'), _('The IPv6 uplink has no global IPv6 address or prefix. Check that the fibre line is connected to the WAN port and that wan6 is up; right after a reboot it can take a minute.'), 'warning');
		case 'NTT_EAST_PENDING':
			return e(_('IPv6 works, but no IPv4 service yet (NTT East)'), _('The prefix comes from NTT East\'s own address range: the line is connected, but the IPv4 over IPv6 service of your provider is not active yet. This is normal for a few days after signing up; if it persists, ask your provider whether the IPv6 IPoE option is enabled.'), 'warning');
		case 'NTT_WEST_PENDING':
			return e(_('IPv6 works, but no IPv4 service yet (NTT West)'), _('The prefix comes from NTT West\'s own address range: the line is connected, but the IPv4 over IPv6 service of your provider is not active yet. This is normal for a few days after signing up; if it persists, ask your provider whether the IPv6 IPoE option is enabled.'), 'warning');
		case 'OCN_UNKNOWN_BLOCK':
			return e(_('OCN Virtual Connect block not in the rule table'), _('The prefix is in OCN Virtual Connect\'s range, but in a block no known rule covers. Enter the rule parameters by hand under "Advanced settings" if you have them.'));
		case 'SOFTBANK_HYBRID':
			return e(_('SoftBank Hikari: not MAP-E'), _('This prefix belongs to SoftBank Hikari, whose IPv4 service ("IPv6 high-speed hybrid") is a proprietary tunnel that only SoftBank\'s own router can use. MAP-E cannot be configured on this line.'));
		case 'DSLITE':
			return e(_('DS-Lite line'), _('The prefix belongs to a DS-Lite provider (transix, Xpass or v6 Connect): IPv4 runs through a DS-Lite tunnel to the provider\'s AFTR, without port sets. "Auto configure" sets it up.'), 'info');
		case 'NOT_GLOBAL':
			return e(_('Not a global IPv6 prefix'), _('The uplink only has a link-local or private IPv6 address. Check the WAN cable and the wan6 interface.'));
		case 'UNKNOWN':
			return e(_('Unknown prefix'), _('The prefix is neither in the MAP-E rule table nor in a known DS-Lite block (transix, Xpass, v6 Connect): the provider is not known yet. If your provider gave you MAP-E parameters, enter them under "Advanced settings".'));
		case 'PREFIX_TOO_SHORT':
			return e(_('Prefix too short'), _('The delegated prefix is shorter than the MAP-E rule needs, so the IPv4 address and port sets cannot be determined.'));
		case 'MULTIPLE_MAP_INTERFACES':
			return e(_('Several MAP interfaces'), _('More than one interface uses the MAP protocol. Delete all but one under Network → Interfaces, then try again.'));
		case 'MULTIPLE_DSLITE_INTERFACES':
			return e(_('Several DS-Lite interfaces'), _('Delete all but one DS-Lite interface under Network → Interfaces, then try again.'));
		case 'BAD_AFTR':
			return e(_('Invalid AFTR'), _('The AFTR under "Advanced settings" must be a host name or an IPv6 address.'));
		case 'DSLITE_LINE':
			return e(_('DS-Lite line: no port sets'), _('The AFTR translates addresses and ports for the whole line.'), 'info');
		case 'BAD_INTERFACE_NAME':
			return e(_('Invalid interface name'), _('Under "Advanced settings", the MAP interface name must be 1 to 11 letters, digits or underscores, the DS-Lite interface name 1 to 12; not wan6_map or wan6_4, and not the same name for both.'));
		case 'BAD_MTU':
			return e(_('Invalid MTU'), _('The MTU override must be a whole number from 1280 to 9000.'));
		default:
			return e(_('Error %s').format(error.code), error.message);
	}
}

/**
 * Why an action of the Setup page (Auto configure, a restore) was refused or failed:
 * the planner's and the backups' codes; anything else as explainError().
 */
export function explainActionError(error: Message): Explained {
	const e = (title: string, text: string, severity: Severity = 'error'): Explained => ({ severity, title, text });
	switch (error.code) {
		case 'NAME_CONFLICT':
			return e(_('Interface name already in use'), _('The name of the tunnel interface (MAP-E or DS-Lite) is taken by another interface or by the uplink. Choose another name under "Advanced settings".'));
		case 'DSLITE_UNAVAILABLE':
			return e(_('DS-Lite not installed'), _('Install the ds-lite package under System → Software, then try again.'));
		case 'NO_WAN_ZONE':
			return e(_('No wan firewall zone'), _('No firewall zone is named wan or contains the IPv6 uplink. Add the uplink to a zone with masquerading under Network → Firewall.'));
		case 'PENDING_CHANGES':
			return e(_('Unsaved changes'), _('Other changes to the same configuration files are waiting to be applied. Apply or revert them first (top right, "Unsaved Changes").'), 'warning');
		case 'NO_BACKUP':
			return e(_('No backup'), _('There is no saved configuration to restore yet. A backup is written before every automatic change.'), 'warning');
		case 'BAD_BACKUP_ID':
			return e(_('No such backup'), _('There is no backup by that name. Reload the page to see the current backups.'));
		case 'RESTORE_FAILED':
			return e(_('Backup unreadable'), _('The backup could not be read or written back. See the system log.'));
		case 'CONFIG_MISSING':
			return e(_('Configuration file missing'), _('The backup has a configuration file this router no longer has, which LuCI cannot create. Restore it over SSH with "mape restore".'));
		case 'APPLY_PENDING':
			return e(_('Waiting for LuCI to confirm'), _('The restore is applied but LuCI has not confirmed it yet. Keep this page open: the restore is finished once LuCI confirms, and rolled back if it cannot.'), 'warning');
		case 'RESTORE_NOT_APPLIED':
			return e(_('Previous configuration not restored'), _('The router does not have the saved configuration: LuCI rolled the change back, or something else changed it since. Nothing else was changed.'), 'warning');
		default:
			return explainError(error);
	}
}

/** netifd's error codes on the tunnel interface (map.sh / mapcalc, dslite.sh). */
export function explainNetifdError(code: string): Explained {
	switch (code) {
		case 'INVALID_MAP_RULE':
			return { severity: 'error', title: _('MAP rule rejected (INVALID_MAP_RULE)'), text: _('mapcalc found no IPv6 prefix on the uplink that matches the rule. On /64 lines this means wan6 does not offer its /64 as a prefix; Auto configure fixes this by enabling "extendprefix" on wan6.') };
		case 'NO_MATCHING_PD':
			return { severity: 'error', title: _('No matching prefix (NO_MATCHING_PD)'), text: _('The rule does not match the prefix on the uplink: the prefix has probably changed. Run Auto configure again.') };
		case 'AFTR_DNS_FAIL':
			return { severity: 'error', title: _('AFTR name not resolved (AFTR_DNS_FAIL)'), text: _('The name resolves only through the line\'s own DNS servers. If the router uses other DNS servers (custom or DoH), enter the AFTR\'s address under "Advanced settings".') };
		case 'NO_WAN_LINK':
			return { severity: 'error', title: _('No IPv6 address for the tunnel (NO_WAN_LINK)'), text: _('The DS-Lite interface found no IPv6 address on the uplink to send from. Check that wan6 is up with a global address.') };
		case 'UNSUPPORTED_TYPE':
			return { severity: 'error', title: _('Unsupported tunnel type (UNSUPPORTED_TYPE)'), text: _('The MAP interface has a tunnel type other than map-e, map-t or lw4o6.') };
		default:
			return { severity: 'error', title: _('Interface error %s').format(code), text: TUNNEL_ERROR() };
	}
}

const TUNNEL_ERROR = () => _('netifd reports this error for the tunnel interface. See System → System Log for details.');

/** Warnings that do not block Auto configure. */
export function explainWarning(w: Message): Explained {
	switch (w.code) {
		case 'PD_WITHOUT_SUBNET_ZERO':
			return { severity: 'warning', title: _('Delegated prefix without subnet 00'), text: _('The border relay sends IPv4 return traffic to subnet 00 of your /56, which the prefix delegated to this router does not contain. This happens behind an NTT home gateway; connect the router so that it receives the whole /56, or IPv4 may not work.') };
		case 'SUBNET_NOT_ZERO':
			return { severity: 'warning', title: _('The /64 is not subnet 00'), text: _('The IPv6 /64 on the line is not the first subnet of its block. MAP-E uses subnet 00; if IPv4 does not work, check whether another router in front of this one hands out prefixes.') };
		case 'DUID_MAC_UNKNOWN':
			return { severity: 'warning', title: _('DUID-LL client ID not set'), text: _('FLET\'S requires a DUID-LL client ID for DHCPv6, but the WAN MAC address could not be read. Set it by hand: 00030001 followed by the MAC address without colons.') };
		case 'FOREIGN_TUNNEL_KEPT':
			return { severity: 'warning', title: _('Other tunnel interface kept'), text: _('An interface of the other method (MAP-E or DS-Lite) that this page did not create stays as it is. It has no use on this line: delete it under Network → Interfaces if you do not need it.') };
		case 'MAP_ADDRESS_DIFFERS':
			return { severity: 'warning', title: _('MAP-E still runs with the previous address'), text: _('The IPv6 prefix of the line changed within the same MAP-E rule, but the MAP interface still uses the IPv4 address and port sets of the previous prefix, so IPv4 does not work yet. With "Follow prefix changes automatically" on, the router sets the interface up again (or reconnects wan6) by itself; otherwise restart wan6 under Network → Interfaces.') };
		case 'PROVIDER_DIFFERS_FROM_TABLE':
			return { severity: 'info', title: _('The provider\'s parameters are used'), text: _('The provider\'s provisioning server (HB46PP) gives other MAP-E parameters for this line than the built-in table. The provider\'s are used: they are the ones its border relay expects. Differences:') + ' ' + (w.fields ?? []).join(', ') };
		case 'HB46PP_DIFFERS_FROM_TABLE':
			return { severity: 'info', title: _('The provider\'s method is used'), text: _('The provider\'s provisioning server (HB46PP) names another method for this line (MAP-E or DS-Lite) than the built-in table. The provider\'s answer is used.') };
		case 'NO_LAN':
			return { severity: 'info', title: _('LAN left unchanged'), text: _('There is no lan interface or no DHCP section for it, so the LAN IPv6 settings were not touched.') };
		default:
			return { severity: 'warning', title: _('Warning %s').format(w.code), text: w.message };
	}
}

/** The configuration state as a headline and an explanation. */
export function explainState(status: Status): Explained {
	const ds = status.method == 'dslite';
	// The tunnel interface of the line's method (without one, the one there is).
	const map = lineTunnel(status);
	switch (status.state) {
		case 'NOT_CONFIGURED':
			if (ds) return { severity: 'info', title: _('Not configured'), text: _('DS-Lite is not set up on this router yet. Press "Auto configure" to set it up with the parameters below.') };
			return { severity: 'info', title: _('Not configured'), text: status.calc ? _('MAP-E is not set up on this router yet. Press "Auto configure" to set it up with the parameters below.') : _('MAP-E is not set up on this router yet.') };
		case 'CONFIGURED':
			if (ds) return { severity: 'info', title: _('Configured, tunnel not up'), text: _('The DS-Lite interface %s matches the line, but it is not up yet.').format(map ? map.name : '') };
			return { severity: 'info', title: _('Configured, tunnel not up'), text: _('The MAP interface %s matches the line, but it is not up yet. If this persists, check the uplink and the system log.').format(map ? map.name : '') };
		case 'MAP_UP':
			return { severity: 'ok', title: _('Configured and working'), text: _('The MAP-E tunnel %s is up with IPv4 address %s.').format(map ? map.name : '', status.map && status.map.ipv4 ? status.map.ipv4 : '-') };
		case 'DSLITE_UP':
			return { severity: 'ok', title: _('Configured and working'), text: _('The DS-Lite tunnel %s to %s is up.').format(map ? map.name : '', status.dslite && status.dslite.aftr ? status.dslite.aftr : '-') };
		case 'STALE':
			// The line moved between MAP-E and DS-Lite (another provider): the router has the other one.
			if (!map) return { severity: 'warning', title: _('Configuration out of date'), text: _('The line now uses %s, but the router is set up for %s. Press "Auto configure" to switch.').format(ds ? 'DS-Lite' : 'MAP-E', ds ? 'MAP-E' : 'DS-Lite') };
			if (ds) return { severity: 'warning', title: _('Configuration out of date'), text: _('The DS-Lite interface %s differs from what the line needs now (another AFTR, MTU or uplink). Press "Auto configure" to update it.').format(map.name) };
			return { severity: 'warning', title: _('Configuration out of date'), text: _('The MAP interface %s was set up for another prefix (the line\'s prefix has changed). Press "Auto configure" to update it.').format(map ? map.name : '') };
		case 'FOREIGN':
			if (ds) return { severity: 'warning', title: _('Hand-made DS-Lite interface differs'), text: _('The DS-Lite interface %s was not created by this page and its options differ from the planned ones. It may still work; "Auto configure" will update it and manage it from then on.').format(map ? map.name : '') };
			return { severity: 'warning', title: _('Hand-made MAP interface differs'), text: _('The MAP interface %s was not created by this page and its parameters differ from the calculated ones. "Auto configure" will update it.').format(map ? map.name : '') };
		case 'MAP_ERROR':
		case 'DSLITE_ERROR':
			return map && map.errors.length > 0
				? explainNetifdError(map.errors[0])
				: { severity: 'error', title: _('Configured, but the tunnel reports an error'), text: TUNNEL_ERROR() };
		default:
			return { severity: 'warning', title: status.state, text: '' };
	}
}

/** LuCI alert class for a severity. */
export function alertClass(severity: Severity): string {
	return severity == 'ok' ? 'alert-message success' : severity == 'info' ? 'alert-message notice' : severity == 'warning' ? 'alert-message warning' : 'alert-message danger';
}
