#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs Tessera into a temporary prefix with `meson install` and checks that what a
# distribution would ship is there and works from there: both programs, the sample
# articles, the desktop file, the metainfo, the icons, the schema, the translations, the
# MIME type and the D-Bus service. With a display (xvfb-run), it also launches the installed
# desktop file as GNOME Shell does (D-Bus activation through the installed service file)
# and waits for the window.
#
# Usage: test-install.sh SOURCE_ROOT VERSION
set -euo pipefail

source_root=$(cd "${1:?usage: test-install.sh SOURCE_ROOT VERSION}" && pwd)
version=${2:?usage: test-install.sh SOURCE_ROOT VERSION}

if [[ -z ${TESSERA_INSTALL_TMP:-} ]]; then
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/tessera-install-XXXXXX")
  prefix=$tmp/prefix
  export TESSERA_INSTALL_TMP=$tmp

  # The installed programs must find everything through the prefix: nothing from the
  # source or build tree, nothing from the user's own data. Set before the session bus
  # starts, because the programs it activates get its environment.
  unset TESSERA_SEEDS_DIR WAYLAND_DISPLAY
  export XDG_DATA_HOME=$tmp/home/.local/share
  export XDG_CONFIG_HOME=$tmp/home/.config
  export XDG_CACHE_HOME=$tmp/home/.cache
  export XDG_DATA_DIRS=$prefix/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}
  # GIO hides desktop files whose program is not on the PATH.
  export PATH=$prefix/bin:$PATH
  export GSETTINGS_SCHEMA_DIR=$prefix/share/glib-2.0/schemas
  # No accessibility bus: its launcher would outlive the private session bus.
  export GSETTINGS_BACKEND=memory GDK_BACKEND=x11 GTK_A11Y=none

  # Its own session bus, so that no other Tessera on the test bus answers the launch; when
  # the bus ends, so does the Tessera it started.
  trap 'rm -rf "$tmp" || true' EXIT
  trap 'exit 143' TERM INT
  status=0
  if command -v dbus-run-session > /dev/null; then
    dbus-run-session -- "$0" "$@" || status=$?
  else
    "$0" "$@" || status=$?
  fi
  exit "$status"
fi

tmp=$TESSERA_INSTALL_TMP
prefix=$tmp/prefix
app_pid=

cleanup ()
{
  if [[ -n $app_pid ]]; then
    gapplication action org.tessera.Tessera quit 2> /dev/null || kill "$app_pid" 2> /dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$app_pid" 2> /dev/null || break
      sleep 0.1
    done
    kill "$app_pid" 2> /dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT

step ()
{
  printf '# %s\n' "$*"
}

fail ()
{
  printf 'not ok: %s\n' "$*"
  exit 1
}

ok ()
{
  printf 'ok: %s\n' "$*"
}

step "meson setup and install into $prefix"
meson setup --prefix "$prefix" -Dtests=false "$tmp/build" "$source_root" > "$tmp/setup.log" 2>&1 \
  || { cat "$tmp/setup.log"; fail "meson setup"; }
meson install -C "$tmp/build" > "$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log"; fail "meson install"; }
ok "installed"

bindir=$prefix/bin
datadir=$prefix/share

expected=(
  "$bindir/tessera"
  "$bindir/tessera-cli"
  "$datadir/applications/org.tessera.Tessera.desktop"
  "$datadir/metainfo/org.tessera.Tessera.metainfo.xml"
  "$datadir/icons/hicolor/scalable/apps/org.tessera.Tessera.svg"
  "$datadir/icons/hicolor/symbolic/apps/org.tessera.Tessera-symbolic.svg"
  "$datadir/glib-2.0/schemas/org.tessera.Tessera.gschema.xml"
  "$datadir/mime/packages/org.tessera.Tessera.xml"
  "$datadir/dbus-1/services/org.tessera.Tessera.service"
  "$datadir/locale/fr/LC_MESSAGES/tessera.mo"
  # Written by the post-install steps (gnome.post_install).
  "$datadir/glib-2.0/schemas/gschemas.compiled"
  "$datadir/mime/mime.cache"
  "$datadir/applications/mimeinfo.cache"
  "$datadir/icons/hicolor/icon-theme.cache"
)
for file in "${expected[@]}"; do
  [[ -f $file ]] || fail "missing: ${file#"$prefix"/}"
done
[[ -x $bindir/tessera && -x $bindir/tessera-cli ]] || fail "programs are not executable"
seeds=("$datadir"/tessera/seeds/*.txt)
[[ ${#seeds[@]} == 5 && -f ${seeds[0]} ]] || fail "expected 5 sample articles in share/tessera/seeds"
ok "${#expected[@]} files and 5 sample articles installed"

grep -qx "Exec=$bindir/tessera --gapplication-service" \
  "$datadir/dbus-1/services/org.tessera.Tessera.service" \
  || fail "the D-Bus service does not start the installed program"

step "validators on the installed files"
desktop-file-validate "$datadir/applications/org.tessera.Tessera.desktop" \
  || fail "desktop-file-validate: exit status $?"
appstreamcli validate --no-net "$datadir/metainfo/org.tessera.Tessera.metainfo.xml" \
  || fail "appstreamcli validate: exit status $?"
ok "desktop file and metainfo validate"

step "installed tessera-cli"
said=$("$bindir/tessera-cli" --version)
[[ $said == "tessera-cli $version" ]] || fail "tessera-cli --version says “$said”"
ok "$said"
documents=$("$bindir/tessera-cli" list --json | grep -c '"id" *:' || true)
[[ $documents == 5 ]] || fail "the default project has $documents documents, expected 5"
ok "the default project starts with the 5 installed sample articles"

step "MIME association"
project=$XDG_DATA_HOME/tessera/default.tessera
type=$(gio info --attributes=standard::content-type "$project" \
         | sed -n 's/^ *standard::content-type: //p')
[[ $type == application/x-tessera-project ]] || fail "default.tessera is $type"
default=$(gio mime application/x-tessera-project | sed -n 1p)
[[ $default == *org.tessera.Tessera.desktop* ]] \
  || fail "Tessera does not open application/x-tessera-project: $default"
ok "*.tessera is application/x-tessera-project, opened by org.tessera.Tessera.desktop"

step "installed tessera, launched from its desktop file"
if [[ -z ${DISPLAY:-} || -z ${DBUS_SESSION_BUS_ADDRESS:-} ]] || ! command -v xdotool > /dev/null; then
  echo "# no X display, session bus or xdotool: the window check is skipped (run under xvfb-run)"
  exit 0
fi

# DBusActivatable: the bus starts the program named in the installed service file.
gio launch "$datadir/applications/org.tessera.Tessera.desktop" > "$tmp/launch.log" 2>&1 \
  || { cat "$tmp/launch.log"; fail "gio launch org.tessera.Tessera.desktop"; }

# Looked for every 0.2 s, for at most 60 s (a loaded machine is slow, never that slow).
window=
deadline=$((SECONDS + 60))
while ((SECONDS < deadline)); do
  # The title is the project's name; WM_CLASS is the program's.
  window=$(xdotool search --onlyvisible --classname '^tessera$' 2> /dev/null | head -n 1 || true)
  [[ -n $window ]] && break
  sleep 0.2
done
[[ -n $window ]] || { cat "$tmp/launch.log"; fail "no window of the installed tessera appeared"; }
app_pid=$(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
            --method org.freedesktop.DBus.GetConnectionUnixProcessID org.tessera.Tessera \
          | sed -n 's/^(uint32 \([0-9]*\),)$/\1/p')
[[ -n $app_pid ]] || fail "nothing owns org.tessera.Tessera on the session bus"
[[ $(readlink -f "/proc/$app_pid/exe") == "$(readlink -f "$bindir/tessera")" ]] \
  || fail "the window belongs to $(readlink -f "/proc/$app_pid/exe"), not the installed tessera"
name=$(xdotool getwindowname "$window")
[[ $name == default.tessera* ]] || fail "the window shows “$name”, expected the default project"
ok "the installed tessera shows “$name”"
