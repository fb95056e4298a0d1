#!/usr/bin/env bash
# Vendors uPlot (MIT, https://github.com/leeoniya/uPlot) from the npm registry into the dashboard's
# static files: `npm pack` fetches the published tarball (no install, no node_modules), and the
# three files used are checked against the sha256 sums recorded when it was first vendored.
# Nothing fetches uPlot at build or run time; the files are in the repository.
#   framework/web/vendor-uplot.sh        (needs npm and network to registry.npmjs.org)
set -euo pipefail
version=1.6.32
dest="$(cd "$(dirname "$0")" && pwd)/src/main/resources/org/rnnlab/web/static/uplot"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "uplot@$version" >/dev/null && tar xzf "uplot-$version.tgz")
cp "$work/package/dist/uPlot.iife.min.js" "$work/package/dist/uPlot.min.css" "$work/package/LICENSE" "$dest/"
(cd "$dest" && sha256sum -c --quiet - <<'SUMS'
19c8d4c6ad88929a79f4ae49d6f7161566dfd0ba3d15cc495e974f787eb78f1f  uPlot.iife.min.js
df630c6a8d6f8eeaff264b50f73ce5b114f646ffd9a0bb74f049b0a00135fa04  uPlot.min.css
8f989229699b4fe2f1a0432d0e9edc338a8a911e250e2d1b01ecd770a5f5b1bd  LICENSE
SUMS
)
echo "uPlot $version vendored into $dest"
