# Router lab stand-in for /lib/config/uci.sh, the shell library the OpenWrt package `uci`
# installs from the OpenWrt tree's package/system/uci/files/ (not among the pinned source
# archives). /lib/functions.sh sources it; init scripts reach it through config_load
# (uci_load) and uci_get. Each function is a thin call of the real /sbin/uci with the
# arguments the OpenWrt functions of the same name take.

UCI_CLI=/sbin/uci

_uci() {
	"$UCI_CLI" ${UCI_CONFIG_DIR:+-c "$UCI_CONFIG_DIR"} "$@"
}

# Loads a config into the shell: `uci export` prints `config`/`option`/`list` lines, which
# are the functions /lib/functions.sh defines to record sections and options.
uci_load() {
	local data status
	_C=0
	data=$("$UCI_CLI" ${UCI_CONFIG_DIR:+-c "$UCI_CONFIG_DIR"} ${LOAD_STATE:+-P /var/state} -S -n export "$1" 2>/dev/null)
	status=$?
	[ "$status" = 0 ] && [ -n "$data" ] && eval "$data"
	${CONFIG_APPEND:+config_cb}
	return "$status"
}

# uci_get CONFIG [SECTION [OPTION [DEFAULT]]]
uci_get() {
	local value
	value=$(_uci -q get "$1${2:+.$2}${3:+.$3}") || value=$4
	echo "$value"
	[ -n "$value" ]
}

uci_get_state() {
	local value
	value=$("$UCI_CLI" -P /var/state -q get "$1${2:+.$2}${3:+.$3}") || value=$4
	echo "$value"
}

uci_set() { _uci -q set "$1.$2.$3=$4"; }
uci_set_state() { "$UCI_CLI" -P /var/state -q set "$1.$2${3:+.$3}=$4"; }
uci_revert_state() { "$UCI_CLI" -P /var/state -q revert "$1${2:+.$2}${3:+.$3}"; }
uci_toggle_state() { uci_revert_state "$1" "$2" "$3"; uci_set_state "$1" "$2" "$3" "$4"; }
uci_add_list() { _uci -q add_list "$1.$2.$3=$4"; }
uci_remove_list() { _uci -q del_list "$1.$2.$3=$4"; }
uci_remove() { _uci -q delete "$1.$2${3:+.$3}"; }
uci_rename() { _uci -q rename "$1.$2${4:+.$3}=${4:-$3}"; }
uci_commit() { _uci -q commit ${1:+"$1"}; }
uci_revert() { _uci -q revert "$1${2:+.$2}${3:+.$3}"; }

# uci_add CONFIG TYPE [NAME]: prints nothing; sets CONFIG_SECTION to the new section's name.
uci_add() {
	if [ -z "$3" ]; then
		CONFIG_SECTION=$(_uci -q add "$1" "$2")
	else
		_uci -q set "$1.$3=$2"
		CONFIG_SECTION=$3
	fi
}
