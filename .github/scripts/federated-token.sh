#!/usr/bin/env bash
# Keeps a fresh GitHub OIDC token in a file for the Azure SDK (AZURE_FEDERATED_TOKEN_FILE). GitHub's tokens last about
# five minutes and a live run can last longer; @azure/identity re-reads the file when its copy is five minutes old, so
# this writes a new token now and then every FEDERATED_TOKEN_EVERY_S seconds (default 120) in the background until the
# job ends. The token never reaches the log: it goes straight from curl to the file (mode 600, replaced atomically).
#
# usage: federated-token.sh <file>     (needs ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN: the job's `id-token: write`)
set -euo pipefail
file="${1:?usage: federated-token.sh <file>}"
every="${FEDERATED_TOKEN_EVERY_S:-120}"
audience="${FEDERATED_TOKEN_AUDIENCE:-api://AzureADTokenExchange}"
: "${ACTIONS_ID_TOKEN_REQUEST_URL:?ACTIONS_ID_TOKEN_REQUEST_URL is not set: give the job permissions id-token: write}"
: "${ACTIONS_ID_TOKEN_REQUEST_TOKEN:?ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set: give the job permissions id-token: write}"
umask 077

write_token() {
  local body
  body="$(curl -fsS --max-time 30 -H "Authorization: bearer ${ACTIONS_ID_TOKEN_REQUEST_TOKEN}" \
    "${ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${audience}")" || return 1
  printf '%s' "$body" | node -e 'let s="";process.stdin.on("data",(d)=>{s+=d}).on("end",()=>{const v=JSON.parse(s).value;if(typeof v!=="string"||!v)process.exit(1);process.stdout.write(v)})' >"${file}.new" || return 1
  mv -f "${file}.new" "$file"
}

write_token || { echo "could not get a federated token from GitHub (ACTIONS_ID_TOKEN_REQUEST_URL)" >&2; exit 1; }
# The refresher outlives this step (the runner ends it with the job); a failed refresh keeps the last token and tries again.
nohup bash -c "$(declare -f write_token); file='$file'; audience='$audience'; while sleep '$every'; do write_token || true; done" >/dev/null 2>&1 &
echo "refreshing $file every ${every} s (pid $!)"
