#!/bin/sh
# Runs once, when the postgres container initialises its data directory: the least-privileged
# login role the ledger service connects as. Its grants come from the ledger's migrations
# (1763800000008-service-role.ts), which the service runs as the owner (LEDGER_DATABASE_OWNER_URL).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="$LEDGER_SERVICE_PASSWORD" <<'SQL'
CREATE ROLE ledger_service LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password';
SQL
