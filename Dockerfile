# syntax=docker/dockerfile:1
# cogtok in an image with nothing else in it: FROM scratch, one static binary at /cogtok.
#
#   docker build -t cogtok .                       # this machine's architecture
#   docker buildx build --platform linux/amd64,linux/arm64 -t cogtok .
#
# The build stage runs `make static` (the same flags, remapped paths and embedded dependency
# list as the release tarballs; README: Install) for the image's architecture, on the build
# machine's own: an amd64 one, which cross-compiles arm64 with Debian's cross gcc (the
# packages below are amd64's; an arm64 build machine would need other ones). The image has no shell, no libc and no CA store: cogtok trusts
# the Mozilla roots compiled into it, plus whatever PEM file AWS_CA_BUNDLE (or --ca-bundle)
# names, mounted at run time. It runs as uid/gid 65532 (no passwd entry needed), so a cache
# needs --cache-dir on a volume that user may write.
#
# tests/static_root.rs assembles this final stage's root filesystem (the binary from `make
# static`, the USER and the ENTRYPOINT read from here) and runs it with chroot, as no container
# daemon is needed for that; `make lint` runs hadolint on this file.

ARG RUST_VERSION=1.95.0

FROM --platform=$BUILDPLATFORM rust:${RUST_VERSION}-slim-bookworm AS build
SHELL ["/bin/bash", "-euo", "pipefail", "-c"]
# Debian's packages are not pinned (DL3008): the slim image's own release tracks them, and the
# compilers' output is checked by the release's reproducibility check, not by this pin.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends make musl-tools gcc-aarch64-linux-gnu libc6-dev-arm64-cross \
 && rm -rf /var/lib/apt/lists/*
RUN rustup target add x86_64-unknown-linux-musl aarch64-unknown-linux-musl \
 && rustup component add rust-src \
 && cargo install --locked cargo-auditable --version 0.7.7
WORKDIR /cogtok
# .dockerignore lets in only what the build reads.
COPY . .
# What `cogtok --version` names: the context has no .git, so the commit is passed in
# (`--build-arg COGTOK_COMMIT=$(git rev-parse HEAD)`); "unknown" otherwise.
ARG COGTOK_COMMIT=
ARG SOURCE_DATE_EPOCH=0
ARG TARGETARCH
RUN case "$TARGETARCH" in \
      amd64) triple=x86_64-unknown-linux-musl ;; \
      arm64) triple=aarch64-unknown-linux-musl ;; \
      *) echo "cogtok: no build for $TARGETARCH (amd64 and arm64 are)" >&2; exit 1 ;; \
    esac \
 && make static STATIC_TARGET="$triple" COGTOK_COMMIT="$COGTOK_COMMIT" SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" \
 && install -m 0755 "$(cat target/static-bin)" /cogtok-bin

FROM scratch
LABEL org.opencontainers.image.title="cogtok" \
      org.opencontainers.image.description="Sign in to Amazon Cognito user pools and print the tokens" \
      org.opencontainers.image.source="https://github.com/cogtok/cogtok" \
      org.opencontainers.image.licenses="MIT OR Apache-2.0"
COPY --from=build /cogtok-bin /cogtok
USER 65532:65532
ENTRYPOINT ["/cogtok"]
