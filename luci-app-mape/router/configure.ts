/*
 * The backend operations shared by the CLI, the rpcd plugin and the hotplug handler:
 * status, plan, apply (backup → uci → commit → reload), backup, restore, backups.
 * Each returns a plain object; failures are { error: { code, message } } and change
 * nothing.
 *
 * Error codes (besides the plan's): PENDING_CHANGES (uncommitted uci changes of a config
 * the plan touches, e.g. staged in LuCI: apply or revert them first), BACKUP_FAILED,
 * APPLY_FAILED, NO_BACKUP, BAD_BACKUP_ID, RESTORE_FAILED, UCI_UNAVAILABLE.
 */
import * as fs from 'fs';
import { type Paths, readConfigs, readLive, openCursor, run, makeDirs, writeAtomic } from './system';
import { type ConfigData, MANAGED_CONFIGS } from '../core/ucidata';
import { readSettings, uplinkName, type Settings } from '../core/settings';
import { detect, lineState, type Detection, type LiveData } from '../core/linestate';
import { makePlan, type PlanFailure } from '../core/plan';
import type { ErrorResult, LineStatus, Plan, RestoreResult } from '../types/api';
import { backupId, validBackupId, sortBackupIds, backupsToPrune, BACKUPS_KEPT } from '../core/backup';

export interface Snapshot {
	data: ConfigData;
	live: LiveData;
	detection: Detection;
	error?: null;
}

/** What a reload of each config takes (argv arrays; mape needs none). */
const RELOAD: { [config: string]: string[] } = {
	network: ['/etc/init.d/network', 'reload'],
	dhcp: ['/etc/init.d/odhcpd', 'reload'],
	firewall: ['/etc/init.d/firewall', 'reload'],
};

function failure(code: string, message: string): ErrorResult {
	return { error: { code: code, message: message } };
}

/** Configs + live state + detection, or the settings error. */
export function snapshot(p: Paths): Snapshot | ErrorResult {
	const data = readConfigs(p);
	const settings = readSettings(data.mape);
	if (settings.error != null) return { error: settings.error };
	const s = settings as Settings;
	const live = readLive(p, uplinkName(s, data));
	return { data: data, live: live, detection: detect(s, data, live) };
}

export function getStatus(p: Paths): LineStatus | ErrorResult {
	const snap = snapshot(p);
	if (snap.error != null) return snap as ErrorResult;
	const s = snap as Snapshot;
	return lineState(s.detection, s.data, s.live);
}

export function getPlan(p: Paths): Plan | PlanFailure {
	const snap = snapshot(p);
	if (snap.error != null) return snap as ErrorResult;
	const s = snap as Snapshot;
	return makePlan(s.data, s.detection);
}

function backupRoot(p: Paths): string {
	return p.statedir + '/backup';
}

/** A backup's manifest: config → whether the file existed; null when unreadable. */
function readManifest(dir: string): { [config: string]: boolean } | null {
	const text = fs.readfile(dir + '/manifest');
	let manifest: { configs?: { [config: string]: boolean } } | null = null;
	try {
		if (text != null) manifest = json(text) as { configs?: { [config: string]: boolean } };
	} catch (e) {
		manifest = null;
	}
	if (manifest == null || type(manifest) != 'object' || type(manifest.configs) != 'object') return null;
	const configs: { [config: string]: boolean } = {};
	for (const config in manifest.configs as { [config: string]: boolean }) {
		if (match(config, /^[a-z0-9_]+$/) != null) configs[config] = (manifest.configs as { [config: string]: boolean })[config] == true;
	}
	return configs;
}

/** The backup ids, oldest first: the backup directories that still have their manifest. */
export function listBackups(p: Paths): string[] {
	const root = backupRoot(p);
	const names = fs.lsdir(root);
	return filter(sortBackupIds(names != null ? names : []), (id) => fs.stat(root + '/' + id + '/manifest') != null);
}

/** Removes a backup directory: its manifest names every file in it. */
function removeBackup(p: Paths, id: string): void {
	const dir = backupRoot(p) + '/' + id;
	const manifest = readManifest(dir);
	if (manifest != null) {
		for (const config in manifest) fs.unlink(dir + '/' + config);
	}
	fs.unlink(dir + '/manifest');
	fs.rmdir(dir);
}

/** Copies the given config files into a new backup; returns its id, or null. */
export function makeBackup(p: Paths, configs: readonly string[], reason: string): string | null {
	const root = backupRoot(p);
	if (!makeDirs(root)) return null;
	const base = backupId(localtime());
	let id = base;
	for (let n = 2; fs.stat(root + '/' + id) != null; n++) id = base + '-' + n;
	const dir = root + '/' + id;
	if (fs.mkdir(dir) != true) return null;
	const present: { [config: string]: boolean } = {};
	for (const config of configs) {
		const text = fs.readfile(p.confdir + '/' + config);
		present[config] = text != null;
		if (text != null && fs.writefile(dir + '/' + config, text) == null) return null;
	}
	if (fs.writefile(dir + '/manifest', sprintf('%J\n', { id: id, reason: reason, configs: present })) == null) return null;
	for (const old of backupsToPrune(listBackups(p), BACKUPS_KEPT)) removeBackup(p, old);
	return id;
}

export interface BackupResult {
	backup: string;
	error?: null;
}

/*
 * A backup of every managed config (network, dhcp, firewall, mape) on its own: LuCI's Auto
 * configure stages the plan through its uci API and applies it with rollback, so
 * applyPlan()'s backup never happens on that path; the Setup view calls this right before
 * it saves and applies, and "Restore" then brings back the files from before.
 */
export function backupNow(p: Paths, reason: string): BackupResult | ErrorResult {
	const id = makeBackup(p, MANAGED_CONFIGS, reason);
	if (id == null) return failure('BACKUP_FAILED', 'Could not write a backup under ' + backupRoot(p) + '.');
	return { backup: id };
}

function reload(p: Paths, configs: readonly string[]): string[] {
	const done: string[] = [];
	for (const config of ['network', 'dhcp', 'firewall']) {
		if (index(configs, config) >= 0) {
			run(p, RELOAD[config]);
			push(done, config);
		}
	}
	return done;
}

export interface ApplyResult {
	changed: boolean;
	applied: number;
	backup: string | null;
	reloaded: string[];
	plan: Plan;
	error?: null;
}

/** Applies a plan: refuse on pending changes, back up, set, commit, reload. */
export function applyPlan(p: Paths, plan: Plan, reason: string): ApplyResult | ErrorResult {
	if (length(plan.ops) == 0) return { changed: false, applied: 0, backup: null, reloaded: [], plan: plan };
	const check = openCursor(p);
	if (check == null) return failure('UCI_UNAVAILABLE', 'The uci module could not open ' + p.confdir + '.');
	for (const config of plan.configs) {
		if (fs.stat(p.confdir + '/' + config) == null) continue;
		const pending = check.changes(config);
		if (pending != null && pending[config] != null && length(pending[config]) > 0) {
			return failure('PENDING_CHANGES', sprintf('There are uncommitted changes to %s (staged in LuCI or by uci): apply or revert them first.', config));
		}
	}
	const id = makeBackup(p, plan.configs, reason);
	if (id == null) return failure('BACKUP_FAILED', 'Could not write a backup under ' + backupRoot(p) + ': nothing was changed.');
	for (const config of plan.configs) {
		if (fs.stat(p.confdir + '/' + config) == null) fs.writefile(p.confdir + '/' + config, '');
	}
	const cur = openCursor(p);
	if (cur == null) return failure('UCI_UNAVAILABLE', 'The uci module could not open ' + p.confdir + '.');
	for (const op of plan.ops) {
		let ok: boolean | null = false;
		if (op.op == 'add') ok = cur.set(op.config, op.section, op.type);
		else if (op.op == 'set') ok = cur.set(op.config, op.section, op.option as string, op.new as string | string[]);
		else if (op.op == 'delete') ok = cur.delete(op.config, op.section, op.option as string);
		if (ok != true) {
			for (const config of plan.configs) cur.revert(config);
			return failure('APPLY_FAILED', sprintf('uci refused %s %s.%s%s: %s. Nothing was changed.', op.op, op.config, op.section, op.option != null ? '.' + op.option : '', '' + cur.error()));
		}
	}
	for (const config of plan.configs) {
		if (cur.commit(config) != true) {
			return failure('APPLY_FAILED', sprintf('uci commit %s failed (%s); restore backup %s.', config, '' + cur.error(), id));
		}
	}
	return { changed: true, applied: length(plan.ops), backup: id, reloaded: reload(p, plan.configs), plan: plan };
}

/** Plan and apply in one go (the CLI path). */
export function applyNow(p: Paths, reason: string): ApplyResult | ErrorResult {
	const plan = getPlan(p);
	if (plan.error != null) return plan as ErrorResult;
	return applyPlan(p, plan as Plan, reason);
}

/** Copies a backup's files back byte for byte (the newest when id is null), then reloads. */
export function restoreBackup(p: Paths, id: string | null): RestoreResult | ErrorResult {
	if (id != null && !validBackupId(id)) return failure('BAD_BACKUP_ID', 'A backup id looks like 20250102-030405.');
	const ids = listBackups(p);
	if (length(ids) == 0) return failure('NO_BACKUP', 'There is no backup to restore.');
	const chosen = id != null ? id : ids[length(ids) - 1];
	if (index(ids, chosen) < 0) return failure('NO_BACKUP', sprintf('There is no backup %s.', chosen));
	const dir = backupRoot(p) + '/' + chosen;
	const present = readManifest(dir);
	if (present == null) return failure('RESTORE_FAILED', sprintf('Backup %s has no readable manifest.', chosen));
	const configs: string[] = [];
	for (const config in present) {
		const target = p.confdir + '/' + config;
		if (present[config]) {
			const text = fs.readfile(dir + '/' + config);
			if (text == null || !writeAtomic(target, text)) return failure('RESTORE_FAILED', sprintf('Could not restore %s from backup %s.', config, chosen));
		} else if (fs.stat(target) != null) {
			fs.unlink(target);
		}
		push(configs, config);
	}
	return { restored: chosen, configs: configs, reloaded: reload(p, configs) };
}
