/*
 * The backend operations shared by the CLI, the rpcd plugin and the hotplug handler:
 * status, plan, apply (backup → uci → commit → reload), backup, restore (the CLI's: files
 * back, reload), restore_plan and restore_finish (LuCI's: see below), backups.
 * Each returns a plain object; failures are { error: { code, message } } and change
 * nothing.
 *
 * Restoring from LuCI goes through LuCI's apply-with-rollback like Auto configure:
 * restorePlan() gives the uci operations from the current configuration to the backup's
 * (core/restore.ts), the Setup page stages them and applies them with rollback, and once
 * LuCI has confirmed, finishRestore() checks that the backup's content is what is live and
 * then writes the backup's files back byte for byte (comments, layout). The content being
 * identical, no service needs a reload for that.
 *
 * Reloads (apply, the CLI's restore) run each service's init script and report what
 * happened: reloaded, failed (exit status), or missing (no init script: not installed).
 *
 * Error codes (besides the plan's): PENDING_CHANGES (uncommitted uci changes of a config
 * the plan touches, e.g. staged in LuCI: apply or revert them first), BACKUP_FAILED,
 * APPLY_FAILED, NO_BACKUP, BAD_BACKUP_ID, RESTORE_FAILED, CONFIG_MISSING (the backup has a
 * config this router no longer has, which LuCI cannot stage into), RESTORE_NOT_APPLIED
 * (the live configuration is not the backup's: the restore was rolled back or something
 * changed it), APPLY_PENDING (LuCI applied the restore with rollback and has not confirmed
 * it yet), UCI_UNAVAILABLE.
 */
import * as fs from 'fs';
import { type Paths, readConfigs, readConfigFile, readLive, openCursor, run, makeDirs, writeAtomic } from './system';
import { type ConfigData, type ConfigSection, MANAGED_CONFIGS } from '../core/ucidata';
import { readSettings, uplinkName, type Settings } from '../core/settings';
import { detect, lineState, type Detection, type LiveData } from '../core/linestate';
import { withProvider } from './provision_cache';
import { makePlan, type PlanFailure } from '../core/plan';
import type { ErrorResult, LineStatus, Plan, PlanOp, ReloadReport, RestoreFinish, RestorePlan } from '../types/api';
import { restoreOps, contentDifference } from '../core/restore';
import { backupId, validBackupId, sortBackupIds, backupsToPrune, BACKUPS_KEPT } from '../core/backup';

export interface Snapshot {
	data: ConfigData;
	live: LiveData;
	detection: Detection;
	error?: null;
}

/**
 * The services that read each config, reloaded in this order after it changed (as procd's
 * reload triggers do after a LuCI apply: dnsmasq and odhcpd both read dhcp; mape needs
 * none, the hotplug handler reads it when it runs).
 */
const SERVICES: { [config: string]: string[] } = {
	network: ['network'],
	dhcp: ['dnsmasq', 'odhcpd'],
	firewall: ['firewall'],
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
	// The provider's HB46PP answer, when there is one for the line, wins over the tables.
	return { data: data, live: live, detection: withProvider(p, s, detect(s, data, live)) };
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

/** Reloads the services of the changed configs; says for each what really happened. */
export function reload(p: Paths, configs: readonly string[]): ReloadReport {
	const report: ReloadReport = { reloaded: [], failed: [], missing: [] };
	for (const config of ['network', 'dhcp', 'firewall']) {
		if (index(configs, config) < 0) continue;
		for (const service of SERVICES[config]) {
			const script = p.initdir + '/' + service;
			if (fs.access(script, 'x') != true) {
				push(report.missing, service);
				continue;
			}
			const status = run(p, [script, 'reload']);
			if (status == 0) push(report.reloaded, service);
			else push(report.failed, { service: service, status: status });
		}
	}
	return report;
}

export interface ApplyResult extends ReloadReport {
	changed: boolean;
	applied: number;
	backup: string | null;
	plan: Plan;
	error?: null;
}

/** Applies a plan: refuse on pending changes, back up, set, commit, reload. */
export function applyPlan(p: Paths, plan: Plan, reason: string): ApplyResult | ErrorResult {
	if (length(plan.ops) == 0) return { changed: false, applied: 0, backup: null, reloaded: [], failed: [], missing: [], plan: plan };
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
		else if (op.op == 'remove') ok = cur.delete(op.config, op.section);
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
	const report = reload(p, plan.configs);
	return { changed: true, applied: length(plan.ops), backup: id, reloaded: report.reloaded, failed: report.failed, missing: report.missing, plan: plan };
}

/** Plan and apply in one go (the CLI path). */
export function applyNow(p: Paths, reason: string): ApplyResult | ErrorResult {
	const plan = getPlan(p);
	if (plan.error != null) return plan as ErrorResult;
	return applyPlan(p, plan as Plan, reason);
}

export interface RestoreResult extends ReloadReport {
	restored: string;
	configs: string[];
	error?: null;
}

/** A backup: its id (the newest when `id` is null), directory and manifest, or why not. */
interface ChosenBackup {
	id: string;
	dir: string;
	present: { [config: string]: boolean };
	error?: null;
}

function chooseBackup(p: Paths, id: string | null): ChosenBackup | ErrorResult {
	if (id != null && !validBackupId(id)) return failure('BAD_BACKUP_ID', sprintf('"%s" is not a backup id: they look like 20250102-030405 (mape backups lists them).', id));
	const ids = listBackups(p);
	if (length(ids) == 0) return failure('NO_BACKUP', 'There is no backup to restore.');
	const chosen = id != null ? id : ids[length(ids) - 1];
	if (index(ids, chosen) < 0) return failure('NO_BACKUP', sprintf('There is no backup %s.', chosen));
	const dir = backupRoot(p) + '/' + chosen;
	const present = readManifest(dir);
	if (present == null) return failure('RESTORE_FAILED', sprintf('Backup %s has no readable manifest.', chosen));
	return { id: chosen, dir: dir, present: present };
}

/** The CLI's restore: copies a backup's files back byte for byte (the newest when id is null), then reloads. */
export function restoreBackup(p: Paths, id: string | null): RestoreResult | ErrorResult {
	const chosen = chooseBackup(p, id);
	if (chosen.error != null) return chosen as ErrorResult;
	const b = chosen as ChosenBackup;
	const configs: string[] = [];
	for (const config in b.present) {
		const target = p.confdir + '/' + config;
		if (b.present[config]) {
			const text = fs.readfile(b.dir + '/' + config);
			if (text == null || !writeAtomic(target, text)) return failure('RESTORE_FAILED', sprintf('Could not restore %s from backup %s.', config, b.id));
		} else if (fs.stat(target) != null) {
			fs.unlink(target);
		}
		push(configs, config);
	}
	const report = reload(p, configs);
	return { restored: b.id, configs: configs, reloaded: report.reloaded, failed: report.failed, missing: report.missing };
}

/** One config of a backup as content: the backup's sections and the live ones. */
interface ConfigPair {
	config: string;
	backup: ConfigSection[];
	live: ConfigSection[];
	/** Whether the backup / the router has the file. */
	inBackup: boolean;
	onRouter: boolean;
}

/** Reads each config of a backup and of the router (committed files, no staged changes). */
function readPairs(p: Paths, b: ChosenBackup): ConfigPair[] | ErrorResult {
	const pairs: ConfigPair[] = [];
	for (const config in b.present) {
		const livePath = p.confdir + '/' + config;
		const backup = b.present[config] ? readConfigFile(b.dir + '/' + config) : [];
		if (backup == null) return failure('RESTORE_FAILED', sprintf('uci cannot read %s in backup %s.', config, b.id));
		const live = readConfigFile(livePath);
		if (live == null) return failure('RESTORE_FAILED', sprintf('uci cannot read %s.', livePath));
		push(pairs, { config: config, backup: backup, live: live, inBackup: b.present[config], onRouter: fs.stat(livePath) != null });
	}
	return pairs;
}

/**
 * The uci operations that turn the current configuration into backup `id`'s (the newest
 * when null), for LuCI to stage and apply with rollback. Changes nothing.
 */
export function restorePlan(p: Paths, id: string | null): RestorePlan | ErrorResult {
	const chosen = chooseBackup(p, id);
	if (chosen.error != null) return chosen as ErrorResult;
	const b = chosen as ChosenBackup;
	const pairs = readPairs(p, b);
	if (type(pairs) != 'array') return pairs as ErrorResult;
	const ops: PlanOp[] = [];
	const configs: string[] = [];
	const files: string[] = [];
	const counter = { next: 0 };
	for (const pair of pairs as ConfigPair[]) {
		push(files, pair.config);
		const changes = restoreOps(pair.config, pair.live, pair.backup, counter);
		if (length(changes) == 0) continue;
		if (!pair.onRouter) {
			return failure('CONFIG_MISSING', sprintf('Backup %s has /etc/config/%s, which this router no longer has, so LuCI cannot stage it: restore over SSH with "mape restore %s".', b.id, pair.config, b.id));
		}
		for (const op of changes) push(ops, op);
		push(configs, pair.config);
	}
	return { backup: b.id, ops: ops, configs: configs, files: files };
}

/**
 * The configs among `configs` that an apply with rollback replaced and LuCI has not
 * confirmed yet: rpcd keeps a copy of each in its snapshot directory until LuCI confirms
 * (or it rolls back) and removes them then. A copy older than the rollback window
 * (luci.apply.rollback, at least 90 s as LuCI applies it) is left over from an apply
 * without rollback, which rpcd does not clean up.
 */
function awaitingConfirmation(p: Paths, configs: string[]): string[] {
	const c = openCursor(p);
	const value = c != null ? c.get('luci', 'apply', 'rollback') : null;
	const configured = type(value) == 'string' ? +(value as string) : 0;
	const since = time() - (configured > 90 ? configured : 90);
	return filter(configs, (config) => {
		const st = fs.stat(p.rpcd_snapshots + '/' + config);
		return st != null && st.type == 'file' && st.mtime >= since;
	});
}

/**
 * After LuCI applied a restore plan: when every config of backup `id` holds the backup's
 * content, writes the backup's files back byte for byte (a config the backup did not have
 * is removed) and says which were rewritten. Otherwise writes nothing: APPLY_PENDING while
 * LuCI may still roll the apply back, RESTORE_NOT_APPLIED when it did or something changed
 * a config since.
 */
export function finishRestore(p: Paths, id: string): RestoreFinish | ErrorResult {
	const chosen = chooseBackup(p, id);
	if (chosen.error != null) return chosen as ErrorResult;
	const b = chosen as ChosenBackup;
	const pairs = readPairs(p, b);
	if (type(pairs) != 'array') return pairs as ErrorResult;
	const waiting = awaitingConfirmation(p, map(pairs as ConfigPair[], (pair) => pair.config));
	if (length(waiting) > 0) {
		return failure('APPLY_PENDING', sprintf('LuCI has applied the changes to %s but not confirmed them yet (rpcd rolls them back unless it does): the restore is finished once LuCI confirms. Nothing was written.', join(', ', waiting)));
	}
	const differing: string[] = [];
	for (const pair of pairs as ConfigPair[]) {
		const where = contentDifference(pair.live, pair.backup);
		if (where != null) push(differing, pair.config + ' (' + where + ')');
	}
	if (length(differing) > 0) {
		return failure('RESTORE_NOT_APPLIED', sprintf('The configuration is not the one of backup %s (%s differs): the restore was rolled back or something changed it since. Nothing was written.', b.id, join(', ', differing)));
	}
	const configs: string[] = [];
	const rewritten: string[] = [];
	for (const pair of pairs as ConfigPair[]) {
		const target = p.confdir + '/' + pair.config;
		push(configs, pair.config);
		if (pair.inBackup) {
			const text = fs.readfile(b.dir + '/' + pair.config);
			if (text == null) return failure('RESTORE_FAILED', sprintf('Could not read %s in backup %s.', pair.config, b.id));
			if (fs.readfile(target) == text) continue;
			if (!writeAtomic(target, text)) return failure('RESTORE_FAILED', sprintf('Could not write %s (already restored: %s).', target, join(', ', rewritten)));
			push(rewritten, pair.config);
		} else if (pair.onRouter) {
			if (fs.unlink(target) != true) return failure('RESTORE_FAILED', sprintf('Could not remove %s (already restored: %s).', target, join(', ', rewritten)));
			push(rewritten, pair.config);
		}
	}
	return { restored: b.id, configs: configs, rewritten: rewritten };
}
