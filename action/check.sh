#!/usr/bin/env bash
# Checks the site once, for action.yml: annotations on the diff, the job
# summary, the step's outputs (errors, warnings, infos: written by
# `--format github`), and, when asked, SARIF and the editors' report, all from
# the same run, so external links are fetched once.
#
# Inputs come only from the environment:
#   GALLEY_PATH          the site folder
#   GALLEY_ARGS          more arguments, one per line (no word splitting)
#   GALLEY_SARIF         write SARIF here ("" = no)
#   GALLEY_REPORT        write the editors' HTML report here ("" = no)
#   GALLEY_FAIL          "true": error-level findings fail the step
#   GALLEY_CHANGED_ONLY  "true": on a pull request, only what it changed or broke
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_NAME, GITHUB_BASE_REF:
#   set by the runner
set -uo pipefail

args=()
while IFS= read -r line || [ -n "$line" ]; do
  line="${line%$'\r'}"
  [ -n "$line" ] && args+=("$line")
done <<< "${GALLEY_ARGS:-}"

# On a pull request: findings on its own lines and what it broke, judged
# against the whole site. The base branch is fetched if the checkout is
# shallow; `fetch-depth: 0` lets git find where the branches meet (else the
# base's tip is compared).
if [ "${GALLEY_CHANGED_ONLY:-true}" = "true" ] && [ "${GITHUB_EVENT_NAME:-}" = "pull_request" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
  git fetch --no-tags --quiet origin "+refs/heads/$GITHUB_BASE_REF:refs/remotes/origin/$GITHUB_BASE_REF" || true
  args+=(--changed-since "origin/$GITHUB_BASE_REF")
fi
[ -n "${GALLEY_SARIF:-}" ] && args+=(--write "sarif=$GALLEY_SARIF")
[ -n "${GALLEY_REPORT:-}" ] && args+=(--write "html=$GALLEY_REPORT")

galley check "${GALLEY_PATH:-.}" --format github ${args[@]+"${args[@]}"}
code=$?
echo "exit_code=$code" >> "$GITHUB_OUTPUT"

case "$code" in
  0) exit 0 ;;
  # Error-level findings: the step fails unless `fail: false`.
  1) [ "${GALLEY_FAIL:-true}" = "true" ] && exit 1 || exit 0 ;;
  # Galley could not check (a bad config, bad arguments): always a failure,
  # since nothing was checked.
  *) exit "$code" ;;
esac
