#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks po/POTFILES.in against the source tree: every file under src/ and data/ with a
# string for translators is listed, and every listed file exists. A file left out is never
# extracted, so its strings stay in English whatever the translation says.
#
# Usage: test-data-potfiles.sh SOURCE_ROOT
set -euo pipefail

root=${1:?usage: test-data-potfiles.sh SOURCE_ROOT}
cd "$root"

potfiles=po/POTFILES.in
[[ -f $potfiles ]] || { echo "not ok: $potfiles is missing"; exit 1; }

# Listed files, without comments and blank lines.
mapfile -t listed < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$potfiles" | grep -v '^$' || true)

# gettext calls as the glib preset extracts them (_, N_, C_, NC_, Q_, g_dngettext…),
# or a GtkBuilder property marked for translation.
marker='(^|[^[:alnum:]_])(N_|C_|NC_|Q_|_)[[:space:]]*\(|(^|[^[:alnum:]_])g_d?p?n?gettext2?[[:space:]]*\(|(^|[^[:alnum:]_])ngettext[[:space:]]*\(|translatable="yes"'

declare -A is_listed=()
for file in "${listed[@]}"; do
  is_listed[$file]=1
done

missing=()
while IFS= read -r -d '' file; do
  file=${file#./}
  case $file in
    *.desktop.in | *.metainfo.xml.in | *.gschema.xml | *.mime.xml.in)
      needs=1 ;;
    *.c | *.h | *.ui)
      if grep -qE "$marker" "$file"; then needs=1; else needs=0; fi ;;
    *)
      needs=0 ;;
  esac
  if [[ $needs == 1 && -z ${is_listed[$file]:-} ]]; then
    missing+=("$file")
  fi
done < <(find src data -type f -print0 | sort -z)

gone=()
for file in "${listed[@]}"; do
  [[ -f $file ]] || gone+=("$file")
done

status=0
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "These files have translatable strings but are not in $potfiles:"
  printf '  %s\n' "${missing[@]}"
  status=1
fi
if [[ ${#gone[@]} -gt 0 ]]; then
  echo "$potfiles lists files that do not exist:"
  printf '  %s\n' "${gone[@]}"
  status=1
fi
if [[ $status == 0 ]]; then
  echo "ok: ${#listed[@]} files listed in $potfiles, none missing"
fi
exit $status
