#!/usr/bin/env bash
# Fetch the map's browser assets (Leaflet, jQuery, Bootstrap, Font Awesome and the
# Leaflet plugins folium loads from CDNs) from npm into DEST, so the app runs offline.
#
# Usage: bash data/fetch_assets.sh [DEST]        (default: static/vendor)
#
# Versions are pinned to what folium 0.20 references (Supercluster: the map's own point
# clustering, put inline by geo/mapview/runtime.py). Nothing third-party is
# committed: the tarballs are fetched with `npm pack` into a temporary folder and
# only the files the map needs are copied. Idempotent: when DEST/.stamp records
# the same manifest, nothing is fetched. geo/mapview.py maps folium's CDN URLs to
# these files (keep both in step).
set -euo pipefail

DEST=${1:-static/vendor}

# npm spec | local folder | files to copy, relative to the package root (folders allowed)
MANIFEST=(
  "leaflet@1.9.3|leaflet|dist/leaflet.js dist/leaflet.css dist/images"
  "jquery@3.7.1|jquery|dist/jquery.min.js"
  "bootstrap@5.2.2|bootstrap|dist/js/bootstrap.bundle.min.js dist/css/bootstrap.min.css"
  "@fortawesome/fontawesome-free@6.2.0|fontawesome|css/all.min.css webfonts"
  "drmonty-leaflet-awesome-markers@2.0.2|awesome-markers|js/leaflet.awesome-markers.js css/leaflet.awesome-markers.css css/images"
  "leaflet.markercluster@1.1.0|markercluster|dist/leaflet.markercluster.js dist/MarkerCluster.css dist/MarkerCluster.Default.css"
  "supercluster@8.0.1|supercluster|dist/supercluster.min.js"
  "leaflet-timedimension@1.1.1|timedimension|dist/leaflet.timedimension.min.js dist/leaflet.timedimension.control.css"
  "iso8601-js-period@0.2.1|iso8601|iso8601.js"
  "moment@2.18.1|moment|min/moment.min.js"
  "jquery-ui@1.13.2|jquery-ui|dist/jquery-ui.min.js"
  "bootstrap@3.4.1|glyphicons|dist/fonts"
)
# Rewrites of remote URLs inside the fetched CSS: file | remote prefix | local prefix.
# (The TimeDimension control loads the Glyphicons font from a CDN.)
REWRITES=(
  "timedimension/dist/leaflet.timedimension.control.css|//netdna.bootstrapcdn.com/bootstrap/3.0.0/fonts/|../../glyphicons/dist/fonts/"
)

want_stamp=$(printf '%s\n' "${MANIFEST[@]}" "${REWRITES[@]}")
if [[ -f "$DEST/.stamp" ]] && [[ "$(cat "$DEST/.stamp")" == "$want_stamp" ]]; then
  echo "fetch_assets: $DEST is up to date"
  exit 0
fi

command -v npm >/dev/null || { echo "fetch_assets: npm is required (apt-get install npm)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stage="$tmp/stage"
mkdir -p "$stage" "$tmp/tgz"

for entry in "${MANIFEST[@]}"; do
  IFS='|' read -r spec folder files <<<"$entry"
  echo "fetch_assets: $spec"
  tarball=$(cd "$tmp/tgz" && npm pack "$spec" --silent | tail -n 1)
  unpack="$tmp/unpack/$folder"
  mkdir -p "$unpack"
  tar -xzf "$tmp/tgz/$tarball" -C "$unpack"
  for f in $files; do
    src="$unpack/package/$f"
    [[ -e "$src" ]] || { echo "fetch_assets: $spec has no $f" >&2; exit 1; }
    mkdir -p "$stage/$folder/$(dirname "$f")"
    cp -R "$src" "$stage/$folder/$(dirname "$f")/"
  done
  # keep the licence next to the files
  for lic in LICENSE LICENSE.txt LICENSE.md; do
    [[ -f "$unpack/package/$lic" ]] && cp "$unpack/package/$lic" "$stage/$folder/"
  done
done

for rw in "${REWRITES[@]}"; do
  IFS='|' read -r file remote local <<<"$rw"
  sed -i "s#${remote}#${local}#g" "$stage/$file"
done
# nothing fetched may load anything from the internet
if grep -rIlE "url\((['\"]?)(https?:)?//" "$stage" --include='*.css'; then
  echo "fetch_assets: remote URLs left in the CSS above" >&2
  exit 1
fi

printf '%s\n' "$want_stamp" >"$stage/.stamp"
mkdir -p "$(dirname "$DEST")"
rm -rf "$DEST.old"
[[ -e "$DEST" ]] && mv "$DEST" "$DEST.old"
mv "$stage" "$DEST"
rm -rf "$DEST.old"
echo "fetch_assets: assets in $DEST"
