#!/usr/bin/env bash
# aula-backup.sh: a dated, consistent copy of an Aula database, keeping the newest N copies.
# Run by aula-server-backup.service (nightly, as the "aula" user); safe while the program runs.
#
#   center (default):  aula-server backup --data DIR --out FILE  (SQLite VACUUM INTO)
#                      -> $AULA_BACKUP_DIR/aula-server-YYYYmmdd-HHMMSS.db
#   node:              aula-node backup (a consistent copy) plus node.key
#                      -> $AULA_BACKUP_DIR/aula-node-YYYYmmdd-HHMMSS/{aula-node.db,node.key}
#
# Settings (environment):
#   AULA_BACKUP_PROGRAM  server | node                     (default server)
#   AULA_BACKUP_DATA     data folder                       (default /var/lib/aula-PROGRAM)
#   AULA_BACKUP_DIR      where copies go                   (default /var/backups/aula)
#   AULA_BACKUP_KEEP     how many copies to keep           (default 14)
#   AULA_BACKUP_BIN      the aula-server binary            (default /usr/local/bin/aula-server)
#
# center.key is NOT copied: it never changes, so copy it once to offline media and keep it apart
# from these copies (docs/operations.md, "Backup and restore"). A node copy includes node.key,
# because a node copy is only good for salvaging records with `aula-node sync export` (never put
# an old node copy back into service: see deploy/raspberry-pi/README.md).
set -euo pipefail

program=${AULA_BACKUP_PROGRAM:-server}
data=${AULA_BACKUP_DATA:-/var/lib/aula-$program}
dir=${AULA_BACKUP_DIR:-/var/backups/aula}
keep=${AULA_BACKUP_KEEP:-14}
bin=${AULA_BACKUP_BIN:-/usr/local/bin/aula-server}

umask 077 # the copies hold PIN and password hashes
die() { echo "aula-backup: $*" >&2; exit 1; }

case $keep in '' | *[!0-9]* | 0) die "AULA_BACKUP_KEEP must be a whole number >= 1, not '$keep'" ;; esac
[ -d "$dir" ] || die "backup folder $dir does not exist"
stamp=$(date +%Y%m%d-%H%M%S)

# prune PATH...: remove all but the last $keep of the given copies (glob order: oldest first,
# since the names end in the date and time).
prune() {
  while [ "$#" -gt "$keep" ]; do
    rm -rf -- "$1"
    echo "removed old copy $1"
    shift
  done
}
shopt -s nullglob

case $program in
server)
  # The backup command opens the data folder like the server does: on a wrong or half-restored
  # folder it would create an empty database or a new center.key. Refuse instead.
  [ -s "$data/aula-server.db" ] || die "$data/aula-server.db not found: is AULA_BACKUP_DATA right?"
  [ -s "$data/center.key" ] || die "$data/center.key not found: restore it before anything opens this folder"
  out=$dir/aula-server-$stamp.db
  partial=$dir/.aula-server-$stamp.db.partial
  rm -f -- "$partial"
  "$bin" backup --data "$data" --out "$partial" >/dev/null
  mv -- "$partial" "$out"
  prune "$dir"/aula-server-*.db
  ;;
node)
  [ -s "$data/aula-node.db" ] || die "$data/aula-node.db not found: is AULA_BACKUP_DATA right?"
  out=$dir/aula-node-$stamp
  partial=$dir/.aula-node-$stamp.partial
  rm -rf -- "$partial"
  mkdir -- "$partial"
  "${AULA_BACKUP_BIN:-/usr/local/bin/aula-node}" backup --data "$data" --out "$partial/aula-node.db" >/dev/null
  if [ -f "$data/node.key" ]; then cp -p -- "$data/node.key" "$partial/node.key"; fi
  mv -- "$partial" "$out"
  prune "$dir"/aula-node-*
  ;;
*)
  die "AULA_BACKUP_PROGRAM must be server or node, not '$program'"
  ;;
esac

if command -v sqlite3 >/dev/null; then
  db=$out
  [ -d "$out" ] && db=$out/aula-node.db
  check=$(sqlite3 "$db" "PRAGMA quick_check" 2>&1) || die "$db: cannot check the copy: $check"
  [ "$check" = ok ] || die "$db: the copy does not pass PRAGMA quick_check: $check"
fi
echo "copy written to $out ($(du -sh -- "$out" | cut -f1)); keeping the newest $keep"
