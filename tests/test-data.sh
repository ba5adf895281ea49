#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The `data` suite: validates what desktops, software centres and translators read.
# Exits 77 (skipped) when the validator is not installed; scripts/setup.sh installs them all.
#
# Usage:
#   test-data.sh desktop FILE.desktop
#   test-data.sh metainfo FILE.metainfo.xml
#   test-data.sh schemas DIR
#   test-data.sh po FILE.po
#   test-data.sh mime FILE.xml TESSERA_CLI
#   test-data.sh icons ICONS_DIR
set -euo pipefail

need ()
{
  local tool
  for tool in "$@"; do
    if ! command -v "$tool" > /dev/null; then
      echo "skipped: $tool is not installed"
      exit 77
    fi
  done
}

fail ()
{
  echo "not ok: $*"
  exit 1
}

check_desktop ()
{
  need desktop-file-validate
  # Errors fail; hints are printed for the reader.
  desktop-file-validate "$1"
  # Every GApplication launch that passes files must name them: %F (local paths) here.
  grep -q '^Exec=tessera %F$' "$1" || fail "Exec= must be 'tessera %F'"
  grep -q '^MimeType=.*application/x-tessera-project;' "$1" \
    || fail "MimeType= must include application/x-tessera-project"
  echo "ok: $1"
}

check_metainfo ()
{
  need appstreamcli
  appstreamcli validate --no-net --pedantic "$1"
}

check_schemas ()
{
  need glib-compile-schemas
  glib-compile-schemas --strict --dry-run "$1"
  echo "ok: schemas in $1 compile"
}

check_po ()
{
  need msgfmt
  # --check: format strings, header, domain. --statistics shows what is left to translate.
  msgfmt --check --statistics --output-file=/dev/null "$1"
}

check_mime ()
{
  local package cli
  package=$(realpath "$1")
  cli=$(realpath "$2")
  need update-mime-database gio
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT

  mkdir -p "$tmp/share/mime/packages" "$tmp/files" "$tmp/home"
  for system in /usr/share/mime/packages/freedesktop.org.xml \
                /usr/local/share/mime/packages/freedesktop.org.xml; do
    if [[ -f $system ]]; then
      cp "$system" "$tmp/share/mime/packages/"
      break
    fi
  done
  if [[ ! -f $tmp/share/mime/packages/freedesktop.org.xml ]]; then
    echo "skipped: shared-mime-info's freedesktop.org.xml is not installed"
    exit 77
  fi
  cp "$package" "$tmp/share/mime/packages/"
  update-mime-database "$tmp/share/mime"

  XDG_DATA_HOME=$tmp/home "$cli" --project "$tmp/files/corpus.tessera" init > /dev/null
  cp "$tmp/files/corpus.tessera" "$tmp/files/corpus-renamed"
  # Any other SQLite file: the header without Tessera's application id.
  { printf 'SQLite format 3\0'; head -c 84 /dev/zero; } > "$tmp/files/other.sqlite3"
  cp "$tmp/files/other.sqlite3" "$tmp/files/other-renamed"

  expect ()
  {
    local file=$1 type=$2 found
    found=$(XDG_DATA_DIRS=$tmp/share XDG_DATA_HOME=$tmp/home \
              gio info --attributes=standard::content-type "$tmp/files/$file" \
            | sed -n 's/^ *standard::content-type: //p')
    [[ $found == "$type" ]] || fail "$file is $found, expected $type"
    echo "ok: $file is $type"
  }
  # What SQLite keeps beside a project is typed by its name, never opened to be sniffed
  # (closing a descriptor of it would drop the locks of the window's connection): a copy of
  # the project named like its -shm is not taken for a project.
  cp "$tmp/files/corpus.tessera" "$tmp/files/corpus.tessera-shm"
  cp "$tmp/files/corpus.tessera" "$tmp/files/corpus.tessera-wal"
  expect corpus.tessera application/x-tessera-project
  expect corpus-renamed application/x-tessera-project
  expect corpus.tessera-shm application/x-tessera-project-log
  expect corpus.tessera-wal application/x-tessera-project-log
  expect other.sqlite3 application/vnd.sqlite3
  expect other-renamed application/vnd.sqlite3
}

check_icons ()
{
  local dir=$1 scalable symbolic
  need xmllint
  scalable=$dir/hicolor/scalable/apps/org.tessera.Tessera.svg
  symbolic=$dir/hicolor/symbolic/apps/org.tessera.Tessera-symbolic.svg
  xmllint --noout "$scalable" "$symbolic"
  grep -q 'viewBox="0 0 128 128"' "$scalable" || fail "$scalable is not drawn on 128×128"
  grep -q 'viewBox="0 0 16 16"' "$symbolic" || fail "$symbolic is not drawn on 16×16"
  # Symbolic icons are recoloured by the theme: one fill, no strokes, no gradients.
  if grep -qE 'stroke|Gradient|opacity' "$symbolic"; then
    fail "$symbolic has strokes, gradients or opacity"
  fi
  [[ $(grep -oE 'fill="[^"]*"' "$symbolic" | sort -u | wc -l) == 1 ]] \
    || fail "$symbolic uses more than one fill"
  echo "ok: icons"
}

command=${1:?usage: test-data.sh desktop|metainfo|schemas|po|mime|icons ARGS…}
shift
case $command in
  desktop) check_desktop "$@" ;;
  metainfo) check_metainfo "$@" ;;
  schemas) check_schemas "$@" ;;
  po) check_po "$@" ;;
  mime) check_mime "$@" ;;
  icons) check_icons "$@" ;;
  *) echo "unknown check: $command" >&2; exit 2 ;;
esac
