# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
#
# Shared by scripts/run and scripts/test; sourced, never executed.
# Installs missing Debian packages, then configures and compiles the build tree.
#
# Environment:
#   TESSERA_BUILD_DIR  build directory (default: build/ at the repository top)
#   TESSERA_SKIP_DEPS  set to 1 to skip the apt-get step (e.g. on a non-Debian system)

# Where the caller stood, so relative paths they pass keep their meaning.
TESSERA_CALLER_DIR=$PWD
TESSERA_ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)

TESSERA_BUILD_DIR=${TESSERA_BUILD_DIR:-$TESSERA_ROOT/build}
case $TESSERA_BUILD_DIR in
  /*) ;;
  *) TESSERA_BUILD_DIR=$TESSERA_CALLER_DIR/$TESSERA_BUILD_DIR ;;
esac

cd "$TESSERA_ROOT" || exit 1

# Everything needed to build, run and test on Debian 12. README.md says why each is here.
TESSERA_PACKAGES=(
  meson ninja-build pkg-config gcc
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsqlite3-dev libxml2-dev libjson-glib-dev
  gettext desktop-file-utils appstream libglib2.0-bin shared-mime-info
  xvfb xauth dbus-daemon at-spi2-core
  jing libxml2-utils sqlite3
  xdotool imagemagick
  clang libclang-rt-14-dev
)

tessera_say ()
{
  printf 'tessera: %s\n' "$*" >&2
}

tessera_die ()
{
  tessera_say "$@"
  exit 1
}

# Prints, one per line, the packages among "$@" that dpkg does not report as installed.
tessera_missing_packages ()
{
  local package status
  for package in "$@"; do
    # Multi-arch packages print one status per architecture; any installed one will do.
    status=$(dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null || true)
    if ! grep -q ' installed$' <<< "$status"; then
      printf '%s\n' "$package"
    fi
  done
}

# Runs "$@" as root: directly when we are root, otherwise through sudo.
tessera_as_root ()
{
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo > /dev/null; then
    sudo "$@"
  else
    tessera_die "need root to run '$*', and sudo is not installed"
  fi
}

tessera_install_dependencies ()
{
  local -a missing

  if [[ ${TESSERA_SKIP_DEPS:-0} == 1 ]]; then
    return 0
  fi
  if ! command -v dpkg-query > /dev/null; then
    tessera_say "dpkg-query not found: not a Debian system, not installing packages;"
    tessera_say "install the equivalents of: ${TESSERA_PACKAGES[*]}"
    return 0
  fi

  mapfile -t missing < <(tessera_missing_packages "${TESSERA_PACKAGES[@]}")
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi

  tessera_say "installing missing packages: ${missing[*]}"
  # Wait for a running unattended-upgrades instead of failing on the dpkg lock.
  tessera_as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get -o DPkg::Lock::Timeout=300 update
  tessera_as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get -o DPkg::Lock::Timeout=300 install -y "${missing[@]}"
}

tessera_build ()
{
  # Build output goes to stderr so that stdout carries only what the program prints
  # (scripts/run --json | jq).
  {
    if [[ ! -f $TESSERA_BUILD_DIR/build.ninja ]]; then
      if [[ -f $TESSERA_BUILD_DIR/meson-private/coredata.dat ]]; then
        # A configured tree whose build.ninja is gone: let meson regenerate it.
        meson setup --reconfigure "$TESSERA_BUILD_DIR"
      else
        meson setup "$TESSERA_BUILD_DIR"
      fi
    fi
    # ninja reruns meson by itself whenever a meson.build changed.
    meson compile -C "$TESSERA_BUILD_DIR"
  } >&2
}

tessera_has_display ()
{
  [[ -n ${DISPLAY:-} || -n ${WAYLAND_DISPLAY:-} ]]
}
