#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 for the test suite: starts the local
# cluster if it is down, installs Debian's postgresql if it is absent (as root), and lets the
# postgres user in over loopback without a password on a cluster this script installed.
set -euo pipefail
HOST=127.0.0.1
PORT=5432

ready() { pg_isready -h "$HOST" -p "$PORT" -q 2>/dev/null; }

if command -v pg_isready >/dev/null && ready; then exit 0; fi

installed_here=no
if ! command -v pg_ctlcluster >/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "ensure-postgres: PostgreSQL is not installed and this is not root; install postgresql or set GROUNDTRUTH_TEST_PG_URL" >&2
    exit 1
  fi
  echo "ensure-postgres: installing postgresql from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  installed_here=yes
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
if [ "$installed_here" = yes ]; then
  hba=/etc/postgresql/$version/main/pg_hba.conf
  # Tests connect as postgres over loopback without a password, as on the developers' machines.
  sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
fi
echo "ensure-postgres: starting cluster $version/main" >&2
pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
for _ in $(seq 1 60); do
  if ready; then exit 0; fi
  sleep 0.5
done
echo "ensure-postgres: PostgreSQL did not become ready on $HOST:$PORT" >&2
exit 1
