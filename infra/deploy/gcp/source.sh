#!/bin/sh
# source.sh DIR — stage into DIR the source tree Cloud Functions builds:
# go.mod, go.sum, the root package (function.go) and the non-test Go files
# of every package of this module it imports, plus .gcloudignore. What the
# function does not import (the local binary, the other platforms, tests,
# test data) stays out of the upload.
set -eu
dir=$1
mod=$(go list -m)
rm -rf "$dir" && mkdir -p "$dir"
cp go.mod go.sum "$dir/"
cp infra/deploy/gcp/.gcloudignore "$dir/.gcloudignore"
GOOS=linux GOARCH=amd64 go list -deps -f '{{with .Module}}{{if eq .Path "'"$mod"'"}}{{$.Dir}}|{{join $.GoFiles " "}} {{join $.EmbedFiles " "}}{{end}}{{end}}' . |
while IFS='|' read -r pkgdir files; do
	rel=${pkgdir#"$PWD"}; rel=${rel#/}
	mkdir -p "$dir/$rel"
	for f in $files; do cp "$pkgdir/$f" "$dir/$rel/$f"; done
done
