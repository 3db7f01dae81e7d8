#!/bin/bash
# Initialises the CockroachDB cluster once, then gives each service its own database and SQL user (which owns
# only that database). Idempotent: safe to run again on every release.
#   CRDB_SECURITY_FLAGS  --insecure (dev) or --certs-dir=<dir with ca.crt and client.root.*> (secure mode)
#   AUTH_DB_PASSWORD, TODOS_DB_PASSWORD  the services' SQL passwords (secure mode; 24+ letters and digits)
#   CRDB_ORGANIZATION, CRDB_LICENSE_KEY  the cluster's license (prod: Secret cockroachdb-license). A multi-node
#                        cluster without one is throttled once its grace period ends (deploy/README.md).
set -euo pipefail

crdb() { /cockroach/cockroach "$@" ${CRDB_SECURITY_FLAGS}; }

until output=$(crdb init --host=cockroachdb-0.cockroachdb 2>&1); do
  if grep -q 'already been initialized' <<<"${output}"; then break; fi
  echo "cockroachdb-0 is not ready to initialise yet: ${output}"
  sleep 5
done
echo 'cluster initialised'

until crdb sql --host=cockroachdb-public --execute='SELECT 1' >/dev/null; do
  echo 'waiting for SQL connections'
  sleep 5
done

if [[ -n "${CRDB_LICENSE_KEY:-}" ]]; then
  # Checked, so that both can be quoted safely in SQL.
  if [[ ! "${CRDB_LICENSE_KEY}" =~ ^[A-Za-z0-9+/=_.-]+$ || ! "${CRDB_ORGANIZATION:-}" =~ ^[^\'\\]+$ ]]; then
    echo 'CRDB_LICENSE_KEY (license characters) and CRDB_ORGANIZATION (no quotes) must both be set' >&2
    exit 1
  fi
  crdb sql --host=cockroachdb-public --execute="SET CLUSTER SETTING cluster.organization = '${CRDB_ORGANIZATION}';
    SET CLUSTER SETTING enterprise.license = '${CRDB_LICENSE_KEY}';"
  echo 'cluster license applied'
else
  echo 'no CRDB_LICENSE_KEY: the cluster runs unlicensed (fine for development; see deploy/README.md)'
fi

for service in auth todos; do
  statements="CREATE DATABASE IF NOT EXISTS ${service};
    CREATE USER IF NOT EXISTS ${service};
    GRANT ALL ON DATABASE ${service} TO ${service};
    ALTER DATABASE ${service} OWNER TO ${service};"
  if [[ "${CRDB_SECURITY_FLAGS}" != *--insecure* ]]; then
    variable="${service^^}_DB_PASSWORD"
    password="${!variable:-}"
    # Checked, so that it can be quoted safely in SQL and in the services' postgresql:// URL.
    if [[ ! "${password}" =~ ^[A-Za-z0-9]{24,}$ ]]; then
      echo "${variable} must be at least 24 letters and digits" >&2
      exit 1
    fi
    statements+=" ALTER USER ${service} WITH PASSWORD '${password}';"
  fi
  crdb sql --host=cockroachdb-public --execute="${statements}"
  echo "database and user ${service} are in place"
done
