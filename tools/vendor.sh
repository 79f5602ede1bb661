#!/usr/bin/env bash
# Refresh the browser libraries the research pages draw with (make vendor).
#
# The versions are pinned in tools/web-vendor/package.json and package-lock.json (change them
# there, then run `npm install --package-lock-only` in tools/web-vendor/). This installs exactly
# the locked packages from the npm registry into a temporary folder (no install scripts
# run) and copies each library's built browser file and its licence into
# src/navokg/web/static/vendor/<name>-<version>/. d3.min.js bundles d3's own modules and
# three small libraries; their licences are copied beside it. vendor.json names the files
# for the templates. The server needs no network: the files ship in the package.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dest=$root/src/navokg/web/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp "$root/tools/web-vendor/package.json" "$root/tools/web-vendor/package-lock.json" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
modules=$work/node_modules

version() { node -p "require('$modules/$1/package.json').version"; }

rm -rf "$dest"
mkdir -p "$dest"
manifest="{"

# copy NAME FILE [BUNDLED...]: the built FILE of package NAME, its LICENSE, and the
# licences of the packages its build bundles, in THIRD-PARTY-LICENSES.
copy() {
    local name=$1 file=$2
    shift 2
    local folder
    folder=$name-$(version "$name")
    mkdir -p "$dest/$folder"
    cp "$modules/$name/$file" "$dest/$folder/"
    cp "$modules/$name/LICENSE" "$dest/$folder/LICENSE"
    if [ "$#" -gt 0 ]; then
        for bundled in "$@"; do
            printf '%s %s\n\n' "$bundled" "$(version "$bundled")"
            cat "$modules/$bundled/LICENSE"*
            printf '\n\n'
        done > "$dest/$folder/THIRD-PARTY-LICENSES"
    fi
    manifest="$manifest\"$name\": \"$folder/$(basename "$file")\", "
    echo "vendored $folder/$(basename "$file") ($(wc -c < "$dest/$folder/$(basename "$file")") bytes)"
}

copy cytoscape dist/cytoscape.min.js
# d3's browser build holds its modules (d3-*) and what they use: internmap, delaunator,
# robust-predicates. d3-dsv's command-line helpers (commander, iconv-lite, rw) are not in it.
d3_bundled=$(cd "$modules" && ls -d d3-* | sort)
# shellcheck disable=SC2086 # one argument per module
copy d3 dist/d3.min.js $d3_bundled internmap delaunator robust-predicates

printf '%s\n' "${manifest%, }}" > "$dest/vendor.json"
