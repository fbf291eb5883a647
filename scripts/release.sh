#!/usr/bin/env bash
# Builds static release binaries of aula-server and aula-node for linux/amd64, linux/arm64,
# linux/arm (v7: Raspberry Pi 2/3) and windows/amd64, with the version stamped in, and a
# SHA256SUMS file. Usage: scripts/release.sh [VERSION]   (default: git describe)
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
out=dist/$version
rm -rf "$out"
mkdir -p "$out"
for target in linux/amd64 linux/arm64 linux/arm windows/amd64; do
  os=${target%/*} arch=${target#*/}
  suffix=""; [ "$os" = windows ] && suffix=.exe
  name=$os-$arch; [ "$arch" = arm ] && name=$os-armv7
  for prog in server:aula-server client-node:aula-node; do
    dir=${prog%%:*} bin=${prog##*:}
    CGO_ENABLED=0 GOOS=$os GOARCH=$arch GOARM=7 go build -trimpath \
      -ldflags "-s -w -X aula/$dir/internal/cli.Version=$version" \
      -o "$out/$bin-$version-$name$suffix" "./$dir"
  done
done
(cd "$out" && sha256sum aula-* > SHA256SUMS)
echo "release $version in $out:"
(cd "$out" && ls -l aula-* SHA256SUMS | awk '{printf "  %-48s %6.1f MB\n", $9, $5/1048576}')
