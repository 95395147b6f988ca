# shellcheck shell=bash
# Shared by the README's two commands: install what is missing, loudly, from the project's own files.

# node_modules from the lockfile, when absent or older than the lockfile.
ensure_node_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "==> npm ci (installing from package-lock.json)"
    npm ci --no-audit --no-fund
  fi
}

# A command on PATH, or a file by glob (PostgreSQL's server binaries live in /usr/lib/postgresql/<version>/bin).
found() {
  case $1 in
    /*) compgen -G "$1" >/dev/null ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

# Debian packages by name, when the command (or file) they provide is missing:
# ensure_debian_package <command or /path/glob> <package>.
ensure_debian_package() {
  local command=$1 package=$2
  if found "$command"; then
    return 0
  fi
  echo "==> apt-get install $package (provides $command)"
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo="sudo"
    else
      echo "error: $command is missing and this user cannot install the Debian package $package (no root, no sudo)" >&2
      return 1
    fi
  fi
  # Debian's postinst may try to start the service; nothing here needs it running, so do not let it fail the install.
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$package" ||
    { $sudo apt-get update && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$package"; }
  found "$command" || { echo "error: $package installed but $command is still missing" >&2; return 1; }
}
