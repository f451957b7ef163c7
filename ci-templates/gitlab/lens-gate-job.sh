#!/usr/bin/env bash
# The lens-gate GitLab CI jobs, run inside the lens-gate image (where this script is
# /usr/local/bin/lens-gate-job) by lens-gate.gitlab-ci.yml and by the CI/CD component
# (templates/lens-gate/template.yml):
#
#   lens-gate-job gate      benchmark (or `check` LENS_GATE_RESULTS), gate, write the reports to
#                           lens-gate/ (JUnit, Markdown, JSON, OpenMetrics), keep the MR note;
#                           exits with the gate's verdict
#   lens-gate-job metrics   on the target branch: the baseline's own figures as lens-gate/metrics.txt,
#                           so that GitLab's metrics widget has a target-branch report to compare with
#   lens-gate-job refresh   benchmark LENS_GATE_REPETITIONS times (default 3), one `baseline update`
#                           recording them all, then one merge request from one branch per baseline
#                           (reused every week: an open one is updated, not duplicated), or a push
#                           (LENS_GATE_REFRESH_MODE=push), with [skip ci]
#
# Settings come from LENS_GATE_* variables (see the templates); values are only ever passed as
# arguments, never evaluated. lens-gate is LENS_GATE, else `lens-gate` on PATH (the image), else
# built from the checkout this script is in (needs Swift 6.3). Long steps are collapsible log sections.
set -euo pipefail

checkout="$(cd "$(dirname "$0")/../.." && pwd)"
build_dir="${LENS_GATE_BUILD_DIR:-${CI_PROJECT_DIR:-$PWD}/.lens-gate/build}"

section_start() { # name, header, collapsed (true|false)
    printf '\033[0Ksection_start:%s:%s[collapsed=%s]\r\033[0K%s\n' "$(date +%s)" "$1" "${3:-true}" "$2"
}
section_end() {
    printf '\033[0Ksection_end:%s:%s\r\033[0K\n' "$(date +%s)" "$1"
}

install() {
    if [ -n "${LENS_GATE:-}" ]; then return 0; fi
    if command -v lens-gate >/dev/null; then
        LENS_GATE=lens-gate
        return 0
    fi
    if [ ! -f "$checkout/Package.swift" ]; then
        echo "lens-gate: lens-gate is not installed here: run the job in the lens-gate image (ghcr.io/OWNER/lens-gate:VERSION, docs/ci.md)" >&2
        exit 2
    fi
    section_start lens_gate_build "Building lens-gate (release; needs Swift 6.3)"
    "$checkout/scripts/install-deps.sh"
    swift build -c release --product lens-gate --package-path "$checkout" --scratch-path "$build_dir"
    LENS_GATE="$(swift build -c release --show-bin-path --package-path "$checkout" --scratch-path "$build_dir")/lens-gate"
    section_end lens_gate_build
}

# The note's name: LENS_GATE_COMMENT_NAME, else the component's job prefix when it is not the
# default one (so that a component included twice keeps two notes), else "default".
comment_name() {
    if [ -n "${LENS_GATE_COMMENT_NAME:-}" ]; then
        echo "$LENS_GATE_COMMENT_NAME"
    elif [ -n "${LENS_GATE_JOB_PREFIX:-}" ] && [ "$LENS_GATE_JOB_PREFIX" != lens-gate ]; then
        echo "$LENS_GATE_JOB_PREFIX"
    else
        echo default
    fi
}

gate() {
    install
    mkdir -p lens-gate
    local arguments=()
    if [ -n "${LENS_GATE_RESULTS:-}" ]; then arguments+=(check "$LENS_GATE_RESULTS"); fi
    if [ -n "${LENS_GATE_CONFIG:-}" ]; then arguments+=(--config "$LENS_GATE_CONFIG"); fi
    if [ -n "${LENS_GATE_BASELINE:-}" ]; then arguments+=(--baseline "$LENS_GATE_BASELINE"); fi
    if [ -n "${LENS_GATE_THRESHOLD:-}" ]; then arguments+=(--threshold "$LENS_GATE_THRESHOLD"); fi
    arguments+=(--junit lens-gate/junit.xml --markdown lens-gate/summary.md --json lens-gate/verdict.json
                --openmetrics lens-gate/metrics.txt)
    local extra=()
    read -r -a extra <<< "${LENS_GATE_ARGS:-}"

    section_start lens_gate_gate "lens-gate: benchmark and gate" false
    set +e
    "$LENS_GATE" "${arguments[@]}" "${extra[@]}"
    local status=$?
    set -e
    section_end lens_gate_gate

    if [ -s lens-gate/summary.md ]; then
        section_start lens_gate_summary "lens-gate: Markdown summary"
        cat lens-gate/summary.md
        section_end lens_gate_summary
    fi

    if [ "${LENS_GATE_COMMENT:-true}" = true ] && [ -s lens-gate/summary.md ]; then
        section_start lens_gate_comment "lens-gate: merge request note"
        local comment=(comment gitlab --markdown lens-gate/summary.md --name "$(comment_name)")
        if [ -n "${LENS_GATE_TOKEN_VARIABLE:-}" ]; then comment+=(--token-env "$LENS_GATE_TOKEN_VARIABLE"); fi
        if [ "${LENS_GATE_STRICT_COMMENT:-false}" = true ]; then comment+=(--strict-comment); fi
        set +e
        "$LENS_GATE" "${comment[@]}"
        local comment_status=$?
        set -e
        section_end lens_gate_comment
        # A failed note changes the job's result only when asked to, and never hides a failed gate.
        if [ "$status" = 0 ] && [ "$comment_status" != 0 ]; then status=$comment_status; fi
    fi
    exit "$status"
}

metrics() {
    install
    local baseline="${LENS_GATE_BASELINE:-baselines/main.json}"
    mkdir -p lens-gate
    if [ ! -f "$baseline" ]; then
        echo "lens-gate: no baseline at $baseline yet: no metrics report for this branch"
        return 0
    fi
    # GitLab's widget compares a merge request's metrics.txt with the target branch's pipeline's one:
    # here, the baseline checked against itself, i.e. the figures the merge request is gated against.
    "$LENS_GATE" check "$baseline" --baseline "$baseline" --openmetrics lens-gate/metrics.txt --markdown lens-gate/summary.md
}

refresh() {
    install
    local baseline="${LENS_GATE_BASELINE:-baselines/main.json}"
    # Repetitions spread over the job: every one goes into the history (the last becomes the
    # baseline), so the run-to-run model has 3 runs from the first refresh on.
    local repetitions="${LENS_GATE_REPETITIONS:-3}"
    local pause="${LENS_GATE_REPETITION_PAUSE:-120}"
    local config=()
    if [ -n "${LENS_GATE_CONFIG:-}" ]; then config=(--config "$LENS_GATE_CONFIG"); fi

    section_start lens_gate_run "lens-gate: benchmark ($repetitions repetitions)" false
    local from=()
    for i in $(seq 1 "$repetitions"); do
        if [ "$i" -gt 1 ]; then sleep "$pause"; fi
        "$LENS_GATE" run --output "results-$i.json" "${config[@]}"
        from+=(--from "results-$i.json")
    done
    section_end lens_gate_run

    section_start lens_gate_update "lens-gate: baseline update" false
    # One update records every repetition. Exit 4 leaves the old baseline and history untouched
    # when any run is not good enough to become one.
    "$LENS_GATE" baseline update --baseline "$baseline" "${from[@]}"
    section_end lens_gate_update

    # The image runs as a non-root user and the runner cloned the project as another one: trust
    # this checkout for git (environment config counts as command-line config, which git honours).
    export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0="$PWD"
    # Exactly the baseline and its history: nothing else in the folder is ever committed.
    local history
    history="$(dirname "$baseline")/history/$(basename "$baseline" .json).jsonl"
    git add -- "$baseline" "$history"
    if git diff --cached --quiet; then
        echo "lens-gate: the baseline did not change"
        return 0
    fi
    if [ -z "${LENS_GATE_PUSH_TOKEN:-}" ]; then
        echo "lens-gate: LENS_GATE_PUSH_TOKEN is not set: cannot push the new baseline (see docs/ci.md)" >&2
        exit 2
    fi
    git config user.name "${GITLAB_USER_NAME:-lens-gate}"
    git config user.email "${GITLAB_USER_EMAIL:-lens-gate@noreply.invalid}"
    git commit --quiet -m "Refresh the lens-gate baseline ($(date -u +%Y-%m-%d)) [skip ci]"
    local remote="https://lens-gate:${LENS_GATE_PUSH_TOKEN}@${CI_SERVER_HOST}/${CI_PROJECT_PATH}.git"
    local target="${CI_COMMIT_BRANCH:-$CI_DEFAULT_BRANCH}"
    if [ "${LENS_GATE_REFRESH_MODE:-merge-request}" = push ]; then
        git push --quiet -o ci.skip "$remote" "HEAD:$target"
    else
        # One branch per baseline, force-pushed each week from the target branch's tip: an open merge
        # request from it is updated in place (merge_request.create then creates none), and the
        # newest refresh replaces one nobody merged.
        local branch="${LENS_GATE_REFRESH_BRANCH:-lens-gate/refresh-$(basename "$baseline" .json)}"
        git push --quiet --force -o ci.skip -o merge_request.create -o "merge_request.target=$target" \
            -o "merge_request.title=Refresh the lens-gate baseline ($baseline)" -o merge_request.remove_source_branch \
            "$remote" "HEAD:refs/heads/$branch"
    fi
}

case "${1:-}" in
    gate) gate ;;
    metrics) metrics ;;
    refresh) refresh ;;
    *) echo "usage: $0 gate|metrics|refresh" >&2; exit 2 ;;
esac
