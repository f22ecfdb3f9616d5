#!/usr/bin/env bash
# Extracts the job specification of every Nomad release from 1.6.0 on, one JSON file per release:
#   tools/nomad-spec/extract-all.sh <Nomad git dir> <output dir>
# then compare it with the table: node dist/tools/nomad-spec/check.js <output dir>
# Needs Go (Debian's golang-go); builds offline with the standard library only.
set -euo pipefail
repo=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tag in $(git -C "$repo" tag | grep -E '^v(1\.([6-9]|[1-9][0-9])|[2-9]\.[0-9]+)\.[0-9]+$' | sort -V); do
  rm -rf "$work/api"
  git -C "$repo" archive "$tag" api | tar -x -C "$work"
  GO111MODULE=off go run "$here/extract.go" "$work/api" >"$out/$tag.json"
  echo "$tag"
done
