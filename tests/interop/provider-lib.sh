# Shared by start-provider.sh and stop-provider.sh (sourced, not run). Uses $port.

# A process that exists and is not a zombie (an orphan may wait for a reaper a while).
is_running() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}

is_our_provider() {
    local cmdline
    is_running "$1" || return 1
    cmdline=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
    [[ $cmdline == *provider.mjs* ]]
}

port_is_open() {
    [[ -n ${port:-} ]] && (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null
}
