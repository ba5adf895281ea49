#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The application's command line, as a user meets it: `tessera corpus.tessera` opens that
# project; a second `tessera article.txt` (or a TEI `article.xml`) does not start a second
# Tessera but hands the article to the running one, which imports it into its project and
# shows it; a second `tessera other.tessera` switches the running window to that project.
#
# Needs an X display (xvfb-run) and xdotool; runs on its own D-Bus session bus, so that the
# single-instance check sees only the Tessera started here.
#
# Usage: test-command-line.sh TESSERA TESSERA_CLI SCHEMA_DIR
set -euo pipefail

usage="usage: test-command-line.sh TESSERA TESSERA_CLI SCHEMA_DIR"
gui=$(realpath "${1:?$usage}")
cli=$(realpath "${2:?$usage}")
schema_dir=$(realpath "${3:?$usage}")

for tool in xdotool dbus-run-session gsettings; do
  if ! command -v "$tool" > /dev/null; then
    echo "skipped: $tool is not installed"
    exit 77
  fi
done
if [[ -z ${DISPLAY:-} ]]; then
  echo "skipped: no X display (run under xvfb-run)"
  exit 77
fi
if [[ -z ${TESSERA_TEST_PRIVATE_BUS:-} ]]; then
  TESSERA_TEST_PRIVATE_BUS=1 exec dbus-run-session -- "$0" "$@"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tessera-command-line-XXXXXX")
first_pid=

cleanup ()
{
  if [[ -n $first_pid ]]; then
    kill "$first_pid" 2> /dev/null || true
    wait "$first_pid" 2> /dev/null || true
  fi
  rm -rf "$tmp" || true
}
trap cleanup EXIT
trap 'exit 143' TERM INT

fail ()
{
  printf 'not ok: %s\n' "$*"
  if [[ -f $tmp/first.log ]]; then
    sed 's/^/# tessera: /' "$tmp/first.log"
  fi
  exit 1
}

ok ()
{
  printf 'ok: %s\n' "$*"
}

# Both launches and this script share one settings file, so the test can read which
# document the window shows (last-document) the way the application records it.
export GSETTINGS_BACKEND=keyfile
export GSETTINGS_SCHEMA_DIR=$schema_dir
export XDG_CONFIG_HOME=$tmp/config
export XDG_DATA_HOME=$tmp/data
export XDG_CACHE_HOME=$tmp/cache
export GDK_BACKEND=x11
# No accessibility bus: its launcher would outlive the private session bus.
export GTK_A11Y=none
unset WAYLAND_DISPLAY

mkdir -p "$tmp/articles"
printf 'Premier article\n\nLe texte du premier article.\n' > "$tmp/articles/premier.txt"
printf 'Second article\n\nLe texte du second article, ouvert depuis la ligne de commande.\n' \
  > "$tmp/articles/second.txt"
cat > "$tmp/articles/troisieme.xml" << 'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Troisième article</title></titleStmt>
      <publicationStmt><p>Essai</p></publicationStmt>
      <sourceDesc><p>Écrit pour le test</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text><body><p>Le texte du troisième article, selon <persName>Marie Curie</persName>.</p></body></text>
</TEI>
EOF
"$cli" --project "$tmp/corpus.tessera" init > /dev/null
"$cli" --project "$tmp/corpus.tessera" import "$tmp/articles/premier.txt" > /dev/null
"$cli" --project "$tmp/other.tessera" init > /dev/null

# Waits until "$1" (a shell test) holds, looking every 0.2 s, for at most 60 s (a loaded
# machine is slow, never that slow).
wait_for ()
{
  local deadline=$((SECONDS + 60))

  until eval "$1"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

windows ()
{
  xdotool search --onlyvisible --classname '^tessera$' 2> /dev/null || true
}

window_name ()
{
  local window
  window=$(windows | sed -n 1p)
  [[ -n $window ]] && xdotool getwindowname "$window"
}

documents ()
{
  "$cli" --project "$1" list --json | grep -c '"id" *:' || true
}

shown_document ()
{
  gsettings get org.tessera.Tessera last-document 2> /dev/null | sed 's/^int64 //'
}

# A second launch must hand over its files and exit.
second_launch ()
{
  local status=0
  (cd "$tmp/articles" && timeout 30 "$gui" "$@") > "$tmp/second.log" 2>&1 || status=$?
  [[ $status == 0 ]] || { cat "$tmp/second.log"; fail "second launch ($*) exited with $status"; }
  kill -0 "$first_pid" 2> /dev/null || fail "the first Tessera exited"
}

# 1. `tessera corpus.tessera` opens that project.
"$gui" "$tmp/corpus.tessera" > "$tmp/first.log" 2>&1 &
first_pid=$!
wait_for '[[ $(window_name) == corpus.tessera* ]]' \
  || fail "no window on corpus.tessera (window: “$(window_name)”)"
ok "tessera corpus.tessera opens the project"

# 2. A second launch with an article, by a path relative to where it was started.
second_launch second.txt
wait_for '[[ $(documents "$tmp/corpus.tessera") == 2 ]]' \
  || fail "second.txt was not imported into corpus.tessera"
ok "a second launch imports second.txt into the running instance's project"
wait_for '[[ $(shown_document) == 2 ]]' \
  || fail "the window shows document $(shown_document), not the imported one (2)"
ok "the imported article is shown"
[[ $(windows | wc -l) == 1 ]] || fail "$(windows | wc -l) Tessera windows, expected 1"
ok "one instance, one window"

# 3. An article that is already in the project is shown, not imported twice.
second_launch premier.txt
wait_for '[[ $(shown_document) == 1 ]]' \
  || fail "the window shows document $(shown_document), not premier.txt (1)"
[[ $(documents "$tmp/corpus.tessera") == 2 ]] || fail "premier.txt was imported twice"
ok "an article already in the project is shown"

# 4. A TEI article goes to the TEI importer, with its annotations.
second_launch troisieme.xml
wait_for '[[ $(documents "$tmp/corpus.tessera") == 3 ]]' \
  || fail "troisieme.xml was not imported into corpus.tessera"
wait_for '[[ $(shown_document) == 3 ]]' \
  || fail "the window shows document $(shown_document), not troisieme.xml (3)"
"$cli" --project "$tmp/corpus.tessera" list --json | grep -q '"title" *: "Troisième article"' \
  || fail "troisieme.xml was not read as TEI"
ok "a TEI article is imported as TEI and shown"

# 5. A second launch with a project switches the window to it.
second_launch "$tmp/other.tessera"
wait_for '[[ $(window_name) == other.tessera* ]]' \
  || fail "the window did not switch to other.tessera (window: “$(window_name)”)"
[[ $(windows | wc -l) == 1 ]] || fail "$(windows | wc -l) Tessera windows, expected 1"
ok "a second launch with a project opens it in the running window"
