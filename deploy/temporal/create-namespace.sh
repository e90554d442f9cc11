#!/bin/sh
# One-shot once the Temporal server listens (docker-compose.yml, service temporal-namespace): registers the
# namespace the api and the worker use, which the retired auto-setup image used to do. Waits until the cluster
# reports healthy; an existing namespace is left as it is.
set -eu

ns=${TEMPORAL_NAMESPACE:-default}
tries=0
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 90 ]; then
    echo "Temporal at $TEMPORAL_ADDRESS did not become healthy" >&2
    exit 1
  fi
  sleep 2
done

if temporal operator namespace describe --namespace "$ns" --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; then
  echo "namespace $ns exists"
else
  temporal operator namespace create --namespace "$ns" --retention "$NAMESPACE_RETENTION" --address "$TEMPORAL_ADDRESS"
  echo "namespace $ns created (closed workflows kept $NAMESPACE_RETENTION)"
fi
