#!/usr/bin/env bash
# Start a local PostgreSQL (Debian package) for the tests and print its URL.
# Used by .ci/run; safe to run again. Needs root (or the postgres user) on Debian.
set -euo pipefail
user=capaciteit
password=capaciteit
if ! command -v pg_lsclusters >/dev/null; then
  echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi
version=$(pg_lsclusters -h | awk 'NR==1 {print $1}')
cluster=$(pg_lsclusters -h | awk 'NR==1 {print $2}')
if [ -z "$version" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -1)
  cluster=main
  pg_createcluster "$version" "$cluster" >/dev/null
fi
pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 1
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='$user'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE ROLE $user LOGIN SUPERUSER PASSWORD '$password'\""
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='$user'\"" | grep -q 1 ||
  su postgres -c "createdb -O $user $user"
echo "postgresql+psycopg://$user:$password@127.0.0.1:5432/$user"
