# Sourced by the other scripts: functions that install what a step needs when
# it is missing, and do nothing (quickly) when it is there. Idempotent.

# Runs a command as root (directly when we are root, else through sudo).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
# Installs Debian packages that are not installed yet.
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing Debian packages: ${missing[*]}"
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The native toolchain: cargo with clippy and rustfmt.
ensure_native() {
  command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first" >&2; return 1; }
  cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
  cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
}

# Installs a crate's binaries with the versions its own lock file names,
# and, when the registry no longer serves one of those (a yanked or missing
# release: seen with wasm-bindgen-cli 0.2.130's webpki-roots 1.0.11), with
# the newest versions its manifest allows.
cargo_install() {
  cargo install --locked "$@" && return 0
  echo "cargo install --locked $* failed; trying again without --locked"
  cargo install "$@"
}

# The wasm-bindgen version the crate is locked to, read from Cargo.lock: the
# CLI must match it exactly, or the generated glue refuses the module.
wasm_bindgen_lock_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
    "$(dirname "${BASH_SOURCE[0]}")/../Cargo.lock"
}

# The binaryen release whose wasm-opt the build uses, from npm (a JS/wasm
# build, no native download). Debian 12's binaryen (version 108) turns the
# externref table that wasm-bindgen emits into one the browser rejects
# ("WebAssembly.Table.set(): Argument 1 is invalid"), so it cannot be used.
BINARYEN_NPM_VERSION=132.0.0

# Sets WASM_OPT to the pinned wasm-opt, installing it under
# $CARGO_TARGET_DIR/tools (default target/tools) when it is missing.
ensure_wasm_opt() {
  local tools="${CARGO_TARGET_DIR:-target}/tools"
  WASM_OPT="$tools/node_modules/.bin/wasm-opt"
  if ! "$WASM_OPT" --version 2>/dev/null | grep -q "version ${BINARYEN_NPM_VERSION%%.*} "; then
    echo "installing binaryen $BINARYEN_NPM_VERSION (wasm-opt) from npm into $tools"
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-audit --no-fund --silent "binaryen@$BINARYEN_NPM_VERSION"
  fi
}

# The wasm toolchain: the wasm32 target, wasm-bindgen-cli at exactly the
# Cargo.lock version of wasm-bindgen, and wasm-opt (see ensure_wasm_opt).
ensure_wasm() {
  ensure_native
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
  local want have
  want="$(wasm_bindgen_lock_version)"
  [ -n "$want" ] || { echo "no wasm-bindgen in Cargo.lock" >&2; return 1; }
  # `|| true`: on a fresh machine there is no wasm-bindgen yet, and under
  # `set -e -o pipefail` the failed look would end the calling script.
  have="$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" || true
  if [ "$have" != "$want" ]; then
    echo "installing wasm-bindgen-cli $want (found: ${have:-none})"
    cargo_install wasm-bindgen-cli --version "=$want"
  fi
  ensure_wasm_opt
}

# The browsers and their WebDriver servers for the browser tests: Debian's
# Chromium with chromedriver, Firefox ESR, and geckodriver from crates.io.
ensure_browsers() {
  apt_install chromium chromium-driver firefox-esr
  command -v geckodriver >/dev/null || cargo_install geckodriver
}
