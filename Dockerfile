# lens-gate as an OCI image: `docker run --rm -v "$PWD:/work" ghcr.io/OWNER/lens-gate:X.Y.Z check results.json --baseline baselines/main.json`.
# Built by .github/workflows/release.yml for linux/amd64 and linux/arm64 (each natively). The GitLab
# templates run their jobs in it: /usr/local/bin/lens-gate-job is ci-templates/gitlab/lens-gate-job.sh,
# and git is there for the weekly baseline refresh.
#
# Both stages are Debian 12 (bookworm), so the runtime's glibc, libcurl, libxml2 and libyaml are the
# ones lens-gate was linked against. The Swift runtime is linked in (--static-swift-stdlib).
# Base images are pinned by tag and digest: the multi-platform index digests docker-library/repo-info
# records (swift:6.3-bookworm 2026-09-19, debian:bookworm-slim 2026-08-04); refresh them with
# `docker buildx imagetools inspect IMAGE:TAG` when the base images get security updates.

FROM swift:6.3-bookworm@sha256:7060a792f4cd9eaa0d00826d941cec00ab8d252d33b8b28bc8e105f51f2dba73 AS build
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends libcurl4-openssl-dev libxml2-dev libyaml-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so that a change to the sources reuses the resolved packages' layer.
COPY Package.swift ./
RUN swift package resolve
# The manifest names targets in all four folders, and SwiftPM needs each to exist; only Sources/ is built.
COPY Sources ./Sources
COPY Tests ./Tests
COPY Benchmarks ./Benchmarks
COPY Fuzz ./Fuzz
RUN swift build -c release --static-swift-stdlib --product lens-gate \
    && install -D -m 0755 "$(swift build -c release --static-swift-stdlib --show-bin-path)/lens-gate" /out/lens-gate \
    && strip /out/lens-gate

FROM debian:bookworm-slim@sha256:abd67ffcfa541b485a3dff59865ab629aa048a6c613e639d36e7456b0b229241
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends libcurl4 libxml2 libyaml-0-2 ca-certificates git \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /work --shell /usr/sbin/nologin lens-gate \
    && mkdir -p /work && chown lens-gate /work
COPY --from=build /out/lens-gate /usr/local/bin/lens-gate
COPY --chmod=0755 ci-templates/gitlab/lens-gate-job.sh /usr/local/bin/lens-gate-job
USER lens-gate
WORKDIR /work
# A smoke test at build time: the image refuses to build when the binary cannot start.
RUN lens-gate --version
ENTRYPOINT ["lens-gate"]
