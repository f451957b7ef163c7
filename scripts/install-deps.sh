#!/usr/bin/env bash
# Installs what lens-gate needs on a fresh Debian machine, skipping what is already there.
#   - Debian: the C libraries fixed by the design (libcurl, libxml2, libyaml) and pkg-config;
#     libxml2-utils (xmllint) for the JUnit schema test.
#   - With --with-test-tools, the Python test tools, into a virtual environment at
#     .build/test-venv (reused when present; LENS_GATE_TEST_VENV names another), never into the
#     system Python, which Debian refuses (PEP 668): junitparser, check-jsonschema, jsonschema,
#     prometheus-client (the OpenMetrics reference parser), cmarkgfm (GitHub's own Markdown
#     renderer, cmark-gfm), zizmor (the GitHub Actions auditor) and kubernetes-validate (the
#     Kubernetes templates, offline). scripts/test.sh puts the
#     environment's bin/ first on PATH. Debian's python3-venv is installed when venvs need it.
#     The tool itself never needs Python.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
updated=false
apt_install() {
    echo "install-deps: installing $*" >&2
    if [ "$updated" = false ]; then
        $sudo apt-get update -qq
        updated=true
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

packages=(libcurl4-openssl-dev libxml2-dev libyaml-dev pkg-config libxml2-utils)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then apt_install "${missing[@]}"; fi

if [ "${1:-}" = "--with-test-tools" ]; then
    venv="${LENS_GATE_TEST_VENV:-$root/.build/test-venv}"
    # zizmor is pinned: each release may add audits, and the suite expects no findings.
    tools=(junitparser check-jsonschema jsonschema prometheus-client cmarkgfm kubernetes-validate zizmor==1.32.0)
    command -v python3 >/dev/null || apt_install python3
    # A venv whose Python is gone (e.g. after an upgrade) is made again.
    if [ -e "$venv" ] && ! "$venv/bin/python3" -c '' 2>/dev/null; then rm -rf -- "$venv"; fi
    if [ ! -e "$venv" ]; then
        echo "install-deps: creating the test virtual environment $venv" >&2
        if ! python3 -m venv "$venv" >/dev/null 2>&1; then
            # Debian's Python makes venvs only with python3-venv (ensurepip).
            rm -rf -- "$venv"
            apt_install python3-venv "python3.$(python3 -c 'import sys; print(sys.version_info[1])')-venv"
            python3 -m venv "$venv"
        fi
    fi
    present=true
    for module in junitparser check_jsonschema jsonschema prometheus_client cmarkgfm kubernetes_validate; do
        "$venv/bin/python3" -c "import $module" 2>/dev/null || present=false
    done
    [ "$("$venv/bin/zizmor" --version 2>/dev/null)" = "zizmor 1.32.0" ] || present=false
    if [ "$present" = false ]; then
        echo "install-deps: installing ${tools[*]} into $venv" >&2
        "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check "${tools[@]}" >/dev/null
    fi
fi
