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

# The native toolchain: cargo with clippy.
ensure_native() {
  command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first" >&2; return 1; }
  cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
}
