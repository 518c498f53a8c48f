#!/usr/bin/env bash
# Builds a course outline from a shell, through the same channels as the app's course editor:
# sections and lectures added, renamed, reordered, described, one removed and restored from the trash.
# With VIDEO=<file> it also imports and encodes the first lecture; with HUB=<hub id or name> it publishes.
#
#   LECTERN_DATA_DIR=/tmp/lectern-example scripts/examples/author-course.sh
#   LECTERN="npx tsx main/cli/lectern.ts" scripts/examples/author-course.sh   # without `npm run build`
set -euo pipefail
read -r -a L <<< "${LECTERN:-npx lectern}"
lectern() { "${L[@]}" "$@"; }
# Prints one field of the JSON on stdin (node is there wherever Lectern is; jq may not be).
field() { node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>process.stdout.write(String(process.argv[1].split(".").reduce((o,k)=>o[k],JSON.parse(s)))))' "$1"; }

course=$(lectern --json courses create "Signals 101" | field id)
basics=$(lectern --json sections add "$course" "Basics" | field id)
advanced=$(lectern --json sections add "$course" "Advanced" | field id)
l1=$(lectern --json lectures add "$basics" "Sampling" | field id)
l2=$(lectern --json lectures add "$basics" "Aliasing" | field id)
l3=$(lectern --json lectures add "$advanced" "Filters" | field id)

lectern sections rename "$advanced" "Filtering"
lectern lectures move "$l3" 1 --to-section "$basics"
lectern lectures move "$l2" 1
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
printf 'What sampling does to a signal, and the Nyquist rate.\n' > "$summary"
lectern lectures set "$l1" --free-preview yes --status ready --summary-file "$summary"
printf '<p>An introduction to discrete-time signals.</p>\n' > "$summary"
lectern courses describe "$course" "$summary" --subtitle "Nyquist and friends"

token=$(lectern --json sections remove "$advanced" | field undoToken)
lectern trash restore "$token"

if [[ -n "${VIDEO:-}" ]]; then
  lectern media import "$l1" "$VIDEO"
  lectern media build "$l1" --wait
fi
if [[ -n "${HUB:-}" ]]; then
  lectern publish "$course" --hub "$HUB"
fi
lectern courses show "$course"
