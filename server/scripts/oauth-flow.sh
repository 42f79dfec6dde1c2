#!/usr/bin/env bash
# US-1 over plain HTTP (curl only), as a browser would do it: sign up on the edge server, ask for the auth
# URL, open Meta's login dialog (the Meta sandbox), press Continue as a demo user, follow the redirect
# back to the edge server, and show the connection.
#
#   server/scripts/oauth-flow.sh [SERVER_URL] [USER_ID] [continue|cancel]
#   SERVER_URL  the edge server (default http://127.0.0.1:8080), started with META_GRAPH_URL and
#               META_LOGIN_URL pointing at a running meta-sandbox
#   USER_ID     a sandbox demo user (default 10000000000000001, one Page with an Instagram account)
set -euo pipefail
server="${1:-http://127.0.0.1:8080}"
user_id="${2:-10000000000000001}"
decision="${3:-continue}"
jar="$(mktemp)"
trap 'rm -f "$jar"' EXIT

json_field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval("d" + sys.argv[1]))' "$1"; }
query_field() { python3 -c 'import sys,urllib.parse as u; print(u.parse_qs(u.urlsplit(sys.argv[1]).query).get(sys.argv[2],[""])[0])' "$1" "$2"; }

email="demo-$(date +%s)-$RANDOM@example.com"
echo "1. sign up $email"
curl -sf -c "$jar" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"demo-password\",\"storeName\":\"Demo Duka\",\"currency\":\"KES\"}" \
  "$server/api/auth/signup" >/dev/null

echo "2. GET /api/instagram/auth/url"
auth_url="$(curl -sf -b "$jar" "$server/api/instagram/auth/url" | json_field '["authUrl"]')"
echo "   $auth_url"

echo "3. open the login dialog"
curl -sf "$auth_url" >/dev/null
dialog_base="${auth_url%%\?*}"
form=()
for k in client_id redirect_uri state scope response_type; do
  form+=(--data-urlencode "$k=$(query_field "$auth_url" "$k")")
done

echo "4. press '$decision' as user $user_id"
location="$(curl -s -o /dev/null -w '%{redirect_url}' "${form[@]}" --data-urlencode "user_id=$user_id" \
  --data-urlencode "decision=$decision" "$dialog_base/confirm")"
location="${location%%#*}"  # a browser never sends the fragment
echo "   Meta redirects to ${location%%\?*}?..."

echo "5. follow the redirect to the edge server"
dashboard="$(curl -s -o /dev/null -b "$jar" -w '%{redirect_url}' "$location")"
echo "   the edge server sends the browser to $dashboard"

echo "6. GET /api/instagram/connection"
curl -sf -b "$jar" "$server/api/instagram/connection"
echo
