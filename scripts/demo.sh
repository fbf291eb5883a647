#!/usr/bin/env bash
# Aula demo: builds both programs, starts a center with the starter courses, an admin and a
# trainer, a station with five officers, enrolls and syncs a station node, prints where to go
# and who to log in as, and keeps both running until Ctrl-C. Each run starts from fresh demo
# data in ./demo-data (nothing else is touched), so running it twice works.
#
# Ports: AULA_DEMO_CENTER_ADDR (default 127.0.0.1:8080), AULA_DEMO_NODE_ADDR (127.0.0.1:8090).
# Scripted runs (scripts/demo-to-postgres): AULA_DEMO_DIR puts the demo data elsewhere, and
# AULA_DEMO_THEN is a command run once both programs are up, after which both stop and the script
# exits with that command's status instead of waiting for Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

center_addr=${AULA_DEMO_CENTER_ADDR:-127.0.0.1:8080}
node_addr=${AULA_DEMO_NODE_ADDR:-127.0.0.1:8090}
demo=${AULA_DEMO_DIR:-demo-data}
bin=$demo/bin

echo "== building aula-server and aula-node"
mkdir -p "$bin"
CGO_ENABLED=0 go build -o "$bin/aula-server" ./server
CGO_ENABLED=0 go build -o "$bin/aula-node" ./client-node
go build -o "$bin/demodraft" ./scripts/demodraft

rm -rf "$demo/center" "$demo/node" "$demo/logs"
mkdir -p "$demo/logs"
center=$demo/center
node=$demo/node

admin_password=centro-demo-2026
trainer_password=cursos-demo-2026
echo "== center: staff accounts, a station, five officers"
echo "$admin_password" | "$bin/aula-server" user add --data "$center" --username admin --role admin --password-stdin
echo "$trainer_password" | "$bin/aula-server" user add --data "$center" --username formador --role trainer --password-stdin
"$bin/aula-server" agency add --data "$center" --code CPNB --name "Cuerpo de Policía Nacional Bolivariana"
"$bin/aula-server" agency add --data "$center" --code PEZ --name "Policía del estado Zulia"
token=$("$bin/aula-server" station add --data "$center" --code DEMO-01 --name "Estación de demostración" --agency CPNB --state "Distrito Capital" | tail -n 1)
"$bin/aula-server" station add --data "$center" --code MCB-01 --name "Maracaibo Norte" --agency PEZ --state Zulia >/dev/null
cat > "$demo/officers.csv" <<'CSV'
badge,given_names,family_names,rank,station_code,pin
DEMO-1001,María José,Pérez Rojas,Oficial,DEMO-01,2468
DEMO-1002,José Ángel,Núñez Díaz,Oficial Agregado,DEMO-01,1357
DEMO-1003,Carmen Elena,Rodríguez Peña,Supervisora,DEMO-01,8642
DEMO-1004,Luis Alberto,González Briceño,Oficial Jefe,DEMO-01,9753
DEMO-1005,Ana Sofía,Márquez Ávila,Comisaria,DEMO-01,1122
CSV
"$bin/aula-server" officer import --data "$center" --csv "$demo/officers.csv"
"$bin/aula-server" station commander --data "$center" --code DEMO-01 --badge DEMO-1003

pids=()
stop() {
  echo
  echo "== stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "stopped; demo data kept in $demo/ (logs in $demo/logs/)"
}
trap stop EXIT
trap 'exit 0' INT TERM

# healthy HOST:PORT: GET /healthz answers 200 (bash's /dev/tcp: no curl needed on a bare machine).
healthy() {
  local host=${1%:*} port=${1##*:} status
  { exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null || return 1
  printf 'GET /healthz HTTP/1.0\r\nHost: %s\r\n\r\n' "$host" >&3
  read -r status <&3 || true
  exec 3>&-
  [[ $status == *" 200 "* ]]
}

wait_for() { # HOST:PORT name
  for _ in $(seq 1 200); do
    if healthy "$1"; then return 0; fi
    sleep 0.1
  done
  echo "$2 did not start; see $demo/logs/" >&2
  return 1
}

for addr in "$center_addr" "$node_addr"; do
  if healthy "$addr"; then
    echo "something already answers on $addr (another demo still running?): stop it, or set AULA_DEMO_CENTER_ADDR / AULA_DEMO_NODE_ADDR" >&2
    exit 1
  fi
done

echo "== starting the center on http://$center_addr (it publishes the three starter courses)"
"$bin/aula-server" serve --data "$center" --addr "$center_addr" --public-url "http://$center_addr" >"$demo/logs/center.log" 2>&1 &
pids+=($!)
wait_for "$center_addr" "the center"
echo "== required training: the use-of-force course for CPNB, due on a day already passed (so officers are overdue)"
"$bin/aula-server" requirement add --data "$center" --course uso-de-la-fuerza --agency CPNB --due-date 2026-01-15
if command -v curl >/dev/null; then
  echo "== an in-person workshop today at DEMO-01 (officers sign in at /workshops on the node; docs/workshops.md)"
  api_token=$(curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$admin_password\"}" \
    "http://$center_addr/api/v1/auth/login" | sed 's/.*"token":"\([^"]*\)".*/\1/')
  curl -fsS -H "Authorization: Bearer $api_token" -H 'Content-Type: application/json' \
    -d "{\"title\":{\"es\":\"Uso progresivo de la fuerza\",\"en\":\"Progressive use of force\"},\"area\":\"use-of-force\",\"hours\":6,\"station\":\"DEMO-01\",\"date\":\"$(date +%F)\",\"course_id\":\"uso-de-la-fuerza\"}" \
    "http://$center_addr/api/v1/workshops" >/dev/null
fi

echo "== studio: the trainer leaves a draft of a starter course (a changed lesson) in review"
"$bin/demodraft" --center "http://$center_addr" --user formador --password "$trainer_password"

echo "== enrolling the station node with the one-time token"
"$bin/aula-node" enroll --data "$node" --server "http://$center_addr" --token "$token"
echo "== first sync: courses and roster down"
"$bin/aula-node" sync --data "$node"

echo "== starting the station node on http://$node_addr"
"$bin/aula-node" serve --data "$node" --addr "$node_addr" >"$demo/logs/node.log" 2>&1 &
pids+=($!)
wait_for "$node_addr" "the node"

if [ -n "${AULA_DEMO_THEN:-}" ]; then
  echo "== $AULA_DEMO_THEN"
  status=0
  bash -c "$AULA_DEMO_THEN" || status=$?
  exit "$status"
fi

cat <<INFO

Aula is running.

  Central course server   http://$center_addr
    administrator         admin    / $admin_password
    trainer               formador / $trainer_password

  Station node (officers) http://$node_addr
    badge       PIN    name
    DEMO-1001   2468   María José Pérez Rojas
    DEMO-1002   1357   José Ángel Núñez Díaz
    DEMO-1003   8642   Carmen Elena Rodríguez Peña
    DEMO-1004   9753   Luis Alberto González Briceño
    DEMO-1005   1122   Ana Sofía Márquez Ávila

In the center, "Borradores" holds a draft of "Uso de la fuerza" in review (one changed lesson),
written by formador: log in as admin to read the diff and approve it (or write your own draft
as formador: "Nuevo curso", or "Nuevo borrador desde la versión publicada" on a course page).

  Compliance dashboard    http://$center_addr/compliance  (the use-of-force course is overdue for
                          every CPNB officer: national → Distrito Capital → CPNB → DEMO-01)

The node syncs with the center every 5 minutes ("Sincronizar" on the node syncs now).
Press Ctrl-C to stop both.
INFO
wait
