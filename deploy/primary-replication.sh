#!/bin/bash
# Runs once, when db's data directory is created: lets the replica profile's standby stream WAL.
set -e
echo "host replication pledgewatch all scram-sha-256" >> "$PGDATA/pg_hba.conf"
