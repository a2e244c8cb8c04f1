#!/usr/bin/env bash
# npm start: installs what is missing, builds the site and serves it at
# http://127.0.0.1:8080/ (PORT overrides the port) until interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-site.sh
port="${PORT:-8080}"
echo
echo "rethread is at http://127.0.0.1:$port/  (Ctrl+C stops the server)"
exec node scripts/serve.mjs site "$port"
