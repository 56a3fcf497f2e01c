#!/usr/bin/env bash
# Posts the real OpenLineage events of tests/data/openlineage
# to a running linea server
# with curl, the way an OpenLineage HTTP transport would:
#   examples/openlineage/post_corpus.sh http://127.0.0.1:8686 [TOKEN]
# Single events go to POST /api/v1/lineage (gzip-compressed, as `compression=gzip` clients
# send them); files holding a JSON array go to POST /api/v1/lineage/batch. The Marquez demo
# template gets its {{…}} time placeholders filled first. Running it twice changes nothing.
set -euo pipefail
url=${1:?usage: post_corpus.sh URL [TOKEN]}
token=${2:-${LINEA_TOKEN:-}}
here="$(cd "$(dirname "$0")" && pwd)"
corpus=${LINEA_OL_CORPUS:-$here/../../tests/data/openlineage}
auth=()
[ -n "$token" ] && auth=(-H "Authorization: Bearer $token")

# post PATH FILE [gzip]: prints the response body, then a last line with the HTTP status.
post() {
  local args=(-sS -w '\n%{http_code}' -X POST "${auth[@]}" -H 'Content-Type: application/json')
  if [ "${3:-}" = gzip ]; then
    gzip -c "$2" | curl "${args[@]}" -H 'Content-Encoding: gzip' --data-binary @- "$url$1"
  else
    curl "${args[@]}" --data-binary @"$2" "$url$1"
  fi
}

sent=0
for f in "$corpus"/*.json; do
  reply=$(post /api/v1/lineage "$f" gzip)
  [ "${reply##*$'\n'}" = 201 ] || { echo "$(basename "$f"): $reply" >&2; exit 1; }
  sent=$((sent + 1))
done

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
sed -e 's/{{RUN_START_TIME}}/2026-11-28T10:00:00Z/g' \
    -e 's/{{RUN_END_TIME_AFTER_\([0-9]\)_MINUTES}}/2026-11-28T10:0\1:00Z/g' \
    -e 's/{{RUN_END_TIME_AFTER_\([0-9][0-9]\)_MINUTES}}/2026-11-28T10:\1:00Z/g' \
    "$corpus/nonconforming/marquez_docker_metadata.template.json" > "$tmp"
for f in "$tmp" "$corpus/nonconforming/ol_dbt_no_test_metadata_result.json"; do
  reply=$(post /api/v1/lineage/batch "$f")
  case "$reply" in
    *'"status":"success"'*) ;;
    *) echo "batch $(basename "$f"): $reply" >&2; exit 1 ;;
  esac
  sent=$((sent + $(printf '%s' "$reply" | grep -o '"received":[0-9]*' | cut -d: -f2)))
done
echo "posted $sent events to $url"
