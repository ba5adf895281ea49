#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The core's include fences (scripts/check-layers): the tree keeps them, and a file that
# crosses one is named.
set -eu
root=$1
check=$root/scripts/check-layers

"$check" "$root"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/src" "$tmp/src"

expect_refused () {
  file=$1 include=$2
  cp "$tmp/src/$file" "$tmp/saved"
  printf '#include %s\n' "$include" >> "$tmp/src/$file"
  if out=$("$check" "$tmp"); then
    echo "not refused: $include in src/$file"
    exit 1
  fi
  case $out in
    *"src/$file:"*) ;;
    *) echo "the message does not name src/$file: $out"; exit 1 ;;
  esac
  cp "$tmp/saved" "$tmp/src/$file"
}

expect_refused core/model/tessera-claim.c '<sqlite3.h>'
expect_refused core/formats/tessera-import.c '<sqlite3.h>'
expect_refused cli/tessera-cli.c '<sqlite3.h>'
expect_refused core/store/tessera-store.c '<libxml/parser.h>'
expect_refused gui/tessera-window.c '<libxml/tree.h>'
expect_refused core/util/tessera-text.c '<gtk/gtk.h>'
expect_refused gui/tessera-window.c '"tessera-store-private.h"'
"$check" "$tmp"
echo "ok"
