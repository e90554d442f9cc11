#!/bin/sh
# One-shot before the Temporal server starts (docker-compose.yml, service temporal-schema), on every `up`:
# creates Temporal's two PostgreSQL databases the first time, then applies every schema migration newer than the
# version each database records. Repeating it is safe: setup-schema only adds the version table where it is
# missing (it resets nothing without --overwrite) and update-schema applies nothing to a current database. After
# the image tags move to a newer server, the same run is the schema upgrade the new server needs.
# temporal-sql-tool reads the password from SQL_PASSWORD.
set -eu

schema=/etc/temporal/schema/postgresql/v12
sql() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "${DB_PORT:-5432}" -u "$POSTGRES_USER" "$@"; }

for pair in temporal:temporal visibility:temporal_visibility; do
  kind=${pair%%:*}
  db=${pair#*:}
  # CREATE DATABASE fails once the database exists; any other failure shows in the next step.
  if sql --db "$db" create >/dev/null 2>&1; then echo "created database $db"; else echo "database $db exists"; fi
  sql --db "$db" setup-schema -v 0.0
  sql --db "$db" update-schema -d "$schema/$kind/versioned"
done
echo "Temporal schema is current"
