#!/usr/bin/env bash
# Real Gopher servers for the interoperability tests (tests/it/interop.rs): gophernicus and
# pygopherd from Debian, bound to 127.0.0.1 on free ports and serving generated content.
#
# Sourced by .ci/run, which calls:
#   interop_install   install gophernicus, pygopherd and socat with apt-get if any is missing
#   interop_start     generate the content, start both servers, wait until each answers and
#                     export BURROW_INTEROP_GOPHERNICUS, BURROW_INTEROP_PYGOPHERD (127.0.0.1:PORT)
#                     and BURROW_INTEROP_ROOT (the generated content)
#   interop_stop      stop both servers by PID and remove the temporary files (safe to call twice)
#
# Run directly, it starts the servers around one command (the packages must be installed):
#   .ci/gopher-servers.sh cargo test --test it interop::

INTEROP_DIR=""
INTEROP_PIDS=()

interop_log() {
  echo "interop: $*" >&2
}

# Installs the packages that are missing. Packaged services must not start while installing,
# so a policy-rc.d that denies every start is in place for the duration of apt-get.
interop_install() {
  local missing=() pkg
  for pkg in gophernicus pygopherd socat; do
    if ! dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      missing+=("$pkg")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    interop_log "gophernicus, pygopherd and socat are installed"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    interop_log "missing ${missing[*]}; install them (apt-get needs root)"
    return 1
  fi
  interop_log "installing ${missing[*]} with apt-get"

  local policy=/usr/sbin/policy-rc.d backup="" status=0
  if [ -e "$policy" ]; then
    backup="$(mktemp)"
    cp -p "$policy" "$backup"
  fi
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"

  {
    DEBIAN_FRONTEND=noninteractive apt-get -qq update &&
      DEBIAN_FRONTEND=noninteractive apt-get -qq -y -o Dpkg::Use-Pty=0 \
        install --no-install-recommends "${missing[@]}"
  } >/dev/null || status=$?

  if [ -n "$backup" ]; then
    cp -p "$backup" "$policy"
    rm -f "$backup"
  else
    rm -f "$policy"
  fi
  if [ "$status" -ne 0 ]; then
    interop_log "apt-get failed with status $status"
    return "$status"
  fi
}

# A TCP port on 127.0.0.1 that nothing listens on right now.
interop_free_port() {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# Whether the server at 127.0.0.1:$1 answers a request for the root menu.
interop_answers() {
  python3 - "$1" <<'EOF'
import socket, sys
try:
    with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2) as s:
        s.settimeout(2)
        s.sendall(b"\r\n")
        reply = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            reply += chunk
except OSError:
    sys.exit(1)
sys.exit(0 if reply else 1)
EOF
}

# Waits (bounded, about 15 seconds) until server $1 (PID $2) answers on port $3.
interop_wait_for() {
  local name="$1" pid="$2" port="$3" attempt
  for attempt in $(seq 1 60); do
    if ! kill -0 "$pid" 2>/dev/null; then
      interop_log "$name exited before answering; its log:"
      cat "$INTEROP_DIR/$name.log" >&2 || true
      return 1
    fi
    if interop_answers "$port"; then
      interop_log "$name answers on 127.0.0.1:$port (PID $pid)"
      return 0
    fi
    sleep 0.25
  done
  interop_log "$name did not answer on 127.0.0.1:$port in time; its log:"
  cat "$INTEROP_DIR/$name.log" >&2 || true
  return 1
}

# The content both servers serve: UTF-8 text, text with escape sequences, Windows-1252 text,
# texts with "." and ".." lines, random binary bytes, a subdirectory and the quirks below.
interop_generate() {
  local root="$1"
  mkdir -p "$root/subdir"
  printf 'Burrow interop readme\nUTF-8: café, 日本語, 你好\nlast line\n' >"$root/readme.txt"
  printf 'before \033[31mred\033[0m after\n\033]0;pwned\007title line\n' >"$root/escapes.txt"
  # 8-bit text that is not UTF-8: Windows-1252 punctuation and letters, CP437 money signs.
  printf 'Smart \x93quotes\x94 \x96 dash \x97 ellipsis\x85 euro \x80 5\x99, \x98tilde \x9ezh \x9fY \x8aS end\nCP437 money: \x9e5 \x9d9 end\n' >"$root/cp1252.txt"
  head -c 4096 /dev/urandom >"$root/blob.bin"
  printf 'Inside the subdirectory\n' >"$root/subdir/inner.txt"
  # Files as real gopherholes hold them: a lone "." line in the middle, lines starting with
  # dots, and one ending with a "." line. Servers send them raw (no dot-stuffing).
  printf 'Before the lone dot line.\n.\n(a naive client stops above)\n..two dots\n...three dots\n.one dot\nThe last line.\n' \
    >"$root/dotline.txt"
  printf 'A poem that ends with a dot line\n..stays as written\n.\n' >"$root/dotend.txt"
  interop_generate_quirks "$root/quirks"
}

# Real servers' quirks (issue 9): a gophermap with a title (gophernicus `!`, sent as a TITLE
# line) and a `+` mirror item, gophermap source served unprocessed as a file (raw.txt, asked
# for as a menu), and an empty file. quirks/missing.txt does not exist, on purpose.
interop_generate_quirks() {
  local dir="$1"
  mkdir -p "$dir"
  printf '!Burrow quirks\nQuirks below\n0Readme\t/readme.txt\n+Readme mirror\t/readme.txt\n' \
    >"$dir/gophermap"
  printf 'i  __   \t/\ni\tnull.host\t1\n1About\t/about\n0Missing port\t/about.txt\t127.0.0.1\n1Plus host\t/x\t+\t70\n' \
    >"$dir/raw.txt"
  : >"$dir/empty.txt"
}

interop_start() {
  INTEROP_DIR="$(mktemp -d "${TMPDIR:-/tmp}/burrow-interop.XXXXXX")"
  # The path goes into socat's EXEC address, where spaces, commas and colons have meanings.
  case "$INTEROP_DIR" in
    *[!A-Za-z0-9/._-]*)
      interop_log "the temporary directory $INTEROP_DIR has characters socat would misread"
      return 1
      ;;
  esac
  # gophernicus runs as nobody and must read its root.
  chmod 755 "$INTEROP_DIR"
  interop_generate "$INTEROP_DIR/content"
  # Each server gets its own copy: pygopherd writes a listing cache into the directories.
  cp -a "$INTEROP_DIR/content" "$INTEROP_DIR/gophernicus-root"
  cp -a "$INTEROP_DIR/content" "$INTEROP_DIR/pygopherd-root"
  chmod -R a+rX "$INTEROP_DIR"

  # gophernicus serves one connection on stdin/stdout; socat accepts and forks one per
  # connection. It refuses to run as root, so as root it runs as nobody. -ns: no syslog;
  # -nm: no shared memory, so no hit counters (and no throttling) outlive a run.
  local gport su=""
  gport="$(interop_free_port)"
  if [ "$(id -u)" -eq 0 ]; then
    su=",su=nobody"
  fi
  socat "TCP-LISTEN:$gport,bind=127.0.0.1,reuseaddr,fork" \
    "EXEC:/usr/sbin/gophernicus -h 127.0.0.1 -p $gport -r $INTEROP_DIR/gophernicus-root -ns -nm$su" \
    </dev/null >"$INTEROP_DIR/gophernicus.log" 2>&1 &
  INTEROP_PIDS+=("$!")
  interop_wait_for gophernicus "$!" "$gport"

  # pygopherd: the packaged configuration without comments, pointed at our root and port.
  local pport config="$INTEROP_DIR/pygopherd.conf"
  pport="$(interop_free_port)"
  grep -vE '^\s*(#|$)' /etc/pygopherd/pygopherd.conf |
    sed -E \
      -e "s|^port *=.*|port = $pport|" \
      -e "s|^usechroot *=.*|usechroot = no|" \
      -e "s|^root *=.*|root = $INTEROP_DIR/pygopherd-root|" \
      -e "s|^pidfile *=.*|pidfile = $INTEROP_DIR/pygopherd.pid|" \
      -e "s|^detach *=.*|detach = no|" \
      -e "s|^logmethod *=.*|logmethod = none|" \
      -e "s|^\[pygopherd\]$|[pygopherd]\nservername = 127.0.0.1\ninterface = 127.0.0.1|" \
      >"$config"
  pygopherd "$config" </dev/null >"$INTEROP_DIR/pygopherd.log" 2>&1 &
  INTEROP_PIDS+=("$!")
  interop_wait_for pygopherd "$!" "$pport"

  export BURROW_INTEROP_GOPHERNICUS="127.0.0.1:$gport"
  export BURROW_INTEROP_PYGOPHERD="127.0.0.1:$pport"
  export BURROW_INTEROP_ROOT="$INTEROP_DIR/content"
}

# Stops every server this shell started, by PID: TERM, then KILL after about 5 seconds.
interop_stop() {
  local pid attempt
  for pid in "${INTEROP_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || continue
    for attempt in $(seq 1 20); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
      interop_log "PID $pid ignored TERM; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  if [ "${#INTEROP_PIDS[@]}" -gt 0 ]; then
    interop_log "stopped PIDs ${INTEROP_PIDS[*]}"
  fi
  INTEROP_PIDS=()
  if [ -n "$INTEROP_DIR" ]; then
    rm -rf "$INTEROP_DIR"
    INTEROP_DIR=""
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]   (runs COMMAND with the servers up)" >&2
    exit 2
  fi
  trap interop_stop EXIT
  interop_start
  "$@"
fi
