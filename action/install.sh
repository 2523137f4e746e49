#!/usr/bin/env bash
# Puts `galley` on the job's PATH, for action.yml.
#
# A released version (the `version` input, else the action's own tag when it
# is vX.Y.Z) is downloaded: the release archive for this runner, into
# $RUNNER_TEMP, checked against the release's SHA256SUMS before it is
# unpacked. Any other ref (a branch, a commit, `uses: ./`) has no release, so
# this writes `build=true` and a cache key made from the action's own
# sources, and the next steps build it with cargo.
#
# Inputs come only from the environment:
#   GALLEY_VERSION            the `version` input ("" = the action's own tag)
#   GALLEY_ACTION_REF         github.action_ref
#   GALLEY_ACTION_REPOSITORY  github.action_repository ("" for `uses: ./`)
#   GITHUB_SERVER_URL, GITHUB_ACTION_PATH, GITHUB_OUTPUT, GITHUB_PATH,
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP: set by the runner
set -euo pipefail

# Where releases are published, when the action runs from a checkout of its
# own (`uses: ./`) and names a version.
readonly HOME_REPOSITORY="galley-lint/galley"

fail() {
  echo "::error title=galley action::$1"
  exit 1
}

sha256() {
  if command -v sha256sum > /dev/null; then
    sha256sum "$@" | cut -d' ' -f1
  else
    shasum -a 256 "$@" | cut -d' ' -f1
  fi
}

version="${GALLEY_VERSION:-}"
if [ -z "$version" ] && [[ "${GALLEY_ACTION_REF:-}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  version="$GALLEY_ACTION_REF"
fi
version="${version#v}"

if [ -z "$version" ]; then
  # Unreleased: built from the action's sources and cached by what they are
  # (the commit's tree), so a moving branch never keeps a stale binary.
  key=$(
    cd "$GITHUB_ACTION_PATH"
    find Cargo.toml Cargo.lock src crates -type f -print0 \
      | LC_ALL=C sort -z \
      | while IFS= read -r -d '' file; do echo "$(sha256 "$file")  $file"; done \
      | sha256
  )
  {
    echo "build=true"
    echo "cache-key=galley-$RUNNER_OS-$RUNNER_ARCH-$key"
  } >> "$GITHUB_OUTPUT"
  echo "galley: '${GALLEY_ACTION_REF:-./}' is not a release; building Galley from the action's sources"
  exit 0
fi
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.+-][0-9A-Za-z.+-]+)?$ ]] \
  || fail "version '$version' is not a release number such as 0.1.0"

case "$RUNNER_OS/$RUNNER_ARCH" in
  # The static build: it runs in any Linux job, containers included.
  Linux/X64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64) target=aarch64-unknown-linux-gnu ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
  *) fail "no release binary for $RUNNER_OS on $RUNNER_ARCH; use a branch or commit of the action to build it" ;;
esac
archive="galley-$target.tar.gz"
[ "$RUNNER_OS" = Windows ] && archive="galley-$target.zip"

repository="${GALLEY_ACTION_REPOSITORY:-$HOME_REPOSITORY}"
base="$GITHUB_SERVER_URL/$repository/releases/download/v$version"
dir="$RUNNER_TEMP/galley-$version"
rm -rf "$dir"
mkdir -p "$dir/download" "$dir/bin"

fetch() {
  curl --fail --silent --show-error --location --retry 3 --max-time 120 \
    --output "$dir/download/$1" "$base/$1" \
    || fail "cannot download $base/$1"
}
fetch "$archive"
fetch SHA256SUMS

expected=$(awk -v name="$archive" '$2 == name || $2 == "*" name { print $1 }' "$dir/download/SHA256SUMS")
[ -n "$expected" ] || fail "SHA256SUMS of v$version has no line for $archive"
actual=$(sha256 "$dir/download/$archive")
[ "$expected" = "$actual" ] \
  || fail "$archive does not match its checksum (expected $expected, got $actual); not installed"

if [ "$RUNNER_OS" = Windows ]; then
  7z x -y -o"$dir/bin" "$dir/download/$archive" > /dev/null
else
  tar -xzf "$dir/download/$archive" -C "$dir/bin"
fi
echo "$dir/bin" >> "$GITHUB_PATH"
echo "build=false" >> "$GITHUB_OUTPUT"
echo "galley: installed v$version for $target ($("$dir/bin/galley" --version))"
