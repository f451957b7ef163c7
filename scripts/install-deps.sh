#!/usr/bin/env bash
# Installs what lens-gate needs on a fresh Debian machine, skipping what is already there.
#   - Debian: the C libraries fixed by the design (libcurl, libxml2, libyaml) and pkg-config;
#     libxml2-utils (xmllint) for the JUnit schema test.
#   - PyPI (tests only): junitparser, check-jsonschema, jsonschema, prometheus-client (the
#     OpenMetrics reference parser) and cmarkgfm (GitHub's own Markdown renderer, cmark-gfm).
#     The tool itself never needs Python.
set -euo pipefail

packages=(libcurl4-openssl-dev libxml2-dev libyaml-dev pkg-config libxml2-utils)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "install-deps: installing ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "${1:-}" = "--with-test-tools" ]; then
    for module in junitparser check_jsonschema jsonschema prometheus_client cmarkgfm; do
        python3 -c "import $module" 2>/dev/null || {
            echo "install-deps: installing Python package ${module//_/-}" >&2
            python3 -m pip install --quiet --disable-pip-version-check "${module//_/-}" >/dev/null
        }
    done
fi
