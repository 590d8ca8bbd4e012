# Router lab stand-in for procd's shell API (/lib/functions/procd.sh on a router).
#
# The lab runs without procd. This file gives the init scripts (via /etc/rc.common) the
# functions they call, with the effects the lab needs: start_service's instances are run
# as plain background processes, procd_send_signal signals them (rpcd and odhcpd reload on
# SIGHUP), procd_kill stops them, and the configs named by reload triggers are recorded so
# procd-ubus.uc (the `service` object) knows which service reloads for which config.
# Respawn, jails, limits and validation are accepted and ignored.
#
# State: /var/run/labprocd/<service>/<n>.cmd (one argument per line), <n>.env, <n>.pid,
# triggers (one config name per line).

PROCD_LAB_DIR=/var/run/labprocd

procd_lock() { :; }

procd_open_service() {
	_procd_service="$1"
	_procd_instance=0
	_procd_started=""
	mkdir -p "$PROCD_LAB_DIR/$_procd_service"
}

procd_close_service() {
	local dir="$PROCD_LAB_DIR/$_procd_service"
	: >"$dir/triggers"
	type service_triggers >/dev/null 2>&1 && service_triggers
	# "set" replaces the service: instances start_service did not declare this time go.
	[ "$1" = "add" ] && return 0
	local f n
	for f in "$dir"/*.pid; do
		[ -e "$f" ] || continue
		n=$(basename "$f" .pid)
		case " $_procd_started " in *" $n "*) ;; *) _procd_stop_pidfile "$f" ;; esac
	done
}

procd_open_instance() {
	_procd_instance=$((_procd_instance + 1))
	_procd_cur="$PROCD_LAB_DIR/$_procd_service/$_procd_instance"
	: >"$_procd_cur.cmd.new"
	: >"$_procd_cur.env.new"
}

procd_set_param() {
	local key="$1"
	shift
	case "$key" in
	command) printf '%s\n' "$@" >"$_procd_cur.cmd.new" ;;
	env) printf '%s\n' "$@" >>"$_procd_cur.env.new" ;;
	esac
}

procd_append_param() {
	local key="$1"
	shift
	case "$key" in
	command) printf '%s\n' "$@" >>"$_procd_cur.cmd.new" ;;
	env) printf '%s\n' "$@" >>"$_procd_cur.env.new" ;;
	esac
}

_procd_alive() {
	[ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

_procd_stop_pidfile() {
	local pid
	pid=$(cat "$1" 2>/dev/null)
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -f "$1"
}

# Starts the instance unless the same command already runs (as procd leaves an unchanged
# instance alone on reload); a changed command replaces it.
procd_close_instance() {
	local cur="$_procd_cur"
	_procd_started="$_procd_started $_procd_instance"
	if _procd_alive "$cur.pid" && cmp -s "$cur.cmd" "$cur.cmd.new" && cmp -s "$cur.env" "$cur.env.new"; then
		rm -f "$cur.cmd.new" "$cur.env.new"
		return 0
	fi
	_procd_alive "$cur.pid" && _procd_stop_pidfile "$cur.pid"
	mv "$cur.cmd.new" "$cur.cmd"
	mv "$cur.env.new" "$cur.env"
	[ -s "$cur.cmd" ] || return 0
	(
		while IFS= read -r kv; do export "$kv"; done <"$cur.env"
		set --
		while IFS= read -r arg; do set -- "$@" "$arg"; done <"$cur.cmd"
		exec "$@" </dev/null >>"/tmp/$_procd_service.log" 2>&1
	) &
	echo $! >"$cur.pid"
}

procd_running() {
	local f
	for f in "$PROCD_LAB_DIR/$1"/*.pid; do
		_procd_alive "$f" && return 0
	done
	return 1
}

procd_send_signal() {
	local service="$1" instance="$2" signal="${3:-HUP}" f
	for f in "$PROCD_LAB_DIR/$service"/*.pid; do
		[ -e "$f" ] || continue
		case "$instance" in ''|'*') ;; *) [ "$(basename "$f" .pid)" = "$instance" ] || continue ;; esac
		kill "-$signal" "$(cat "$f")" 2>/dev/null
	done
}

procd_kill() {
	local f
	for f in "$PROCD_LAB_DIR/$1"/*.pid; do
		[ -e "$f" ] && _procd_stop_pidfile "$f"
	done
}

procd_add_reload_trigger() {
	local c
	for c in "$@"; do echo "$c" >>"$PROCD_LAB_DIR/$_procd_service/triggers"; done
}

_procd_status() {
	if procd_running "$1"; then echo "running"; else echo "not running"; return 3; fi
}

# Accepted and ignored: what procd enforces or watches beyond starting and signalling.
procd_open_trigger() { :; }
procd_close_trigger() { :; }
procd_add_config_trigger() { :; }
procd_add_raw_trigger() { :; }
procd_add_reload_data_trigger() { :; }
procd_add_interface_trigger() { :; }
procd_add_reload_interface_trigger() { :; }
procd_add_reload_mount_trigger() { :; }
procd_add_validation() { :; }
procd_open_validate() { :; }
procd_close_validate() { :; }
procd_open_data() { :; }
procd_close_data() { :; }
procd_add_jail() { :; }
procd_add_jail_mount() { :; }
procd_add_jail_mount_rw() { :; }
procd_set_config_changed() { :; }
procd_add_mdns() { :; }
procd_add_instance_trigger() { :; }
