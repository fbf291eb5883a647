#!/usr/bin/env bash
# check.sh: checks deploy/docker/Dockerfile's build without Docker. It
#   1. copies into a temporary build context only what the Dockerfile's build stage COPYs
#      (so a package missing from those COPY lines fails here as it would in `docker build`);
#   2. runs the Dockerfile's own `go build` RUN instruction, read from the Dockerfile (same
#      command, same flags), for linux/amd64, writing to a temporary /out;
#   3. checks that both binaries are static (`file`, `ldd`), answer --version with the stamped
#      version, and start: GET /healthz and /readyz on a temporary data folder.
# Usage: deploy/docker/check.sh [VERSION]     (needs Go 1.26; no Docker, no network)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dockerfile=$here/Dockerfile
version=${1:-check-$(date +%Y%m%d%H%M%S)}

tmp=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# The build stage: from "FROM ... AS build" to the next FROM.
stage=$(awk '/^FROM .* AS build$/ {on=1; next} /^FROM / {on=0} on' "$dockerfile")
[ -n "$stage" ] || fail "no 'FROM ... AS build' stage in $dockerfile"

# 1. The build context: the sources of every COPY in the build stage (all but the last argument).
ctx=$tmp/src
mkdir -p "$ctx"
while read -r -a words; do
  if [ "${#words[@]}" -eq 0 ] || [ "${words[0]}" != COPY ]; then continue; fi
  n=${#words[@]}
  for ((i = 1; i < n - 1; i++)); do
    src=${words[i]}
    [[ $src == --* ]] && fail "unexpected COPY option in the build stage: $src"
    [ -e "$root/$src" ] || fail "the Dockerfile copies $src, which is not in the repository"
    mkdir -p "$ctx/$(dirname "$src")"
    cp -a "$root/$src" "$ctx/$src"
  done
done <<<"$stage"
ok "build context: $(cd "$ctx" && echo *)"

# 2. The RUN instruction that runs `go build`, joined across its continuation lines.
run=$(awk '
  /^RUN / && /go build/ {on=1}
  on {
    line=$0; cont=sub(/\\[ \t]*$/, "", line); buf=buf line " "
    if (!cont) {print buf; exit}
  }' <<<"$stage")
[ -n "$run" ] || fail "no RUN ... go build instruction in the build stage"
run=${run#RUN }
run=${run//\/out\//$tmp/out/}
mkdir -p "$tmp/out"
echo "running the Dockerfile's build for linux/amd64, VERSION=$version:"
echo "  $run"
(cd "$ctx" && env TARGETOS=linux TARGETARCH=amd64 TARGETVARIANT= VERSION="$version" sh -ec "$run")

# 3. The binaries.
for prog in aula-server aula-node; do
  bin=$tmp/out/$prog
  [ -x "$bin" ] || fail "$prog was not built"
  info=$(file -b "$bin")
  [[ $info == *"ELF 64-bit"*"x86-64"* ]] || fail "$prog is not a linux/amd64 executable: $info"
  [[ $info == *"statically linked"* ]] || fail "$prog is not statically linked: $info"
  if lddout=$(ldd "$bin" 2>&1); then fail "ldd lists libraries for $prog: $lddout"; fi
  [[ $lddout == *"not a dynamic executable"* || $lddout == *"statically linked"* ]] || fail "ldd: $lddout"
  ok "$prog is static ($(du -h "$bin" | cut -f1); ldd: ${lddout##*$'\t'})"
  got=$("$bin" --version)
  [ "$got" = "$prog $version" ] || fail "$prog --version printed '$got', want '$prog $version'"
  ok "$prog --version: $got"
done

# get PORT PATH: HTTP status of GET http://127.0.0.1:PORT/PATH (bash /dev/tcp: no curl needed).
get() {
  local status=""
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || { echo 000; return; }
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
  read -r _ status _ <&3 || true
  exec 3>&-
  echo "${status:-000}"
}
free_port() { # a port nothing listens on, from the ephemeral range
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    [ "$(get "$p" /)" = 000 ] && { echo "$p"; return; }
  done
  fail "no free port"
}
# smoke NAME PORT WANT_READY ARGS...: start the program, wait for /healthz 200, check /readyz.
smoke() {
  local name=$1 port=$2 want_ready=$3 status=000
  shift 3
  "$@" >"$tmp/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    status=$(get "$port" /healthz)
    [ "$status" = 200 ] && break
    sleep 0.1
  done
  [ "$status" = 200 ] || { cat "$tmp/$name.log" >&2; fail "$name: /healthz answered $status"; }
  status=$(get "$port" /readyz)
  [ "$status" = "$want_ready" ] || { cat "$tmp/$name.log" >&2; fail "$name: /readyz answered $status, want $want_ready"; }
  ok "$name serves: /healthz 200, /readyz $status"
}
port=$(free_port)
smoke aula-server "$port" 200 "$tmp/out/aula-server" serve --addr "127.0.0.1:$port" --data "$tmp/center-data"
port=$(free_port)
# A node that has not enrolled has no course yet: /readyz says 503 until its first sync.
smoke aula-node "$port" 503 "$tmp/out/aula-node" serve --addr "127.0.0.1:$port" --data "$tmp/node-data"

echo "PASS: the Dockerfile's build gives static linux/amd64 binaries that run"
