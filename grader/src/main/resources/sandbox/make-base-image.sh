#!/bin/sh
# Builds the offline base image of the tensorgrade sandbox: a minimal Debian with python3, numpy and
# torch from a Debian mirror (debootstrap), imported into Docker without any registry.
# Usage: make-base-image.sh TAG MIRROR [SUITE]   (run as root; needs debootstrap, tar and docker)
set -eu
tag=${1:?usage: make-base-image.sh TAG MIRROR [SUITE]}
mirror=${2:?usage: make-base-image.sh TAG MIRROR [SUITE]}
suite=${3:-bookworm}
root=$(mktemp -d "${TMPDIR:-/var/tmp}/tensorgrade-rootfs.XXXXXX")
trap 'rm -rf "$root"' EXIT INT TERM
echo "tensorgrade: debootstrap $suite from $mirror into $root (several minutes)"
debootstrap --variant=minbase --include=python3,python3-numpy,python3-torch "$suite" "$root" "$mirror"
# Package caches are not needed at run time and would only make the image larger.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
echo "tensorgrade: importing the root file system as $tag"
tar -C "$root" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    - "$tag"
