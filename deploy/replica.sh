#!/bin/bash
# docker-compose's `replica` profile: a hot standby of db, copied once with pg_basebackup -R
# (which writes primary_conninfo and standby.signal), then streaming.
set -e
DATA=/var/lib/postgresql/18/docker
if [ ! -s "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA" && chmod 700 "$DATA"
  until pg_basebackup -h db -U pledgewatch -D "$DATA" -R -X stream; do
    echo "waiting for db to accept replication"; sleep 2
  done
fi
exec postgres -D "$DATA" -c hot_standby=on
