#!/usr/bin/env bash
# Compiles tensorgrade.cu as host C++ (TG_EMULATE) with emulate.cpp and runs it: the kernels' index
# arithmetic against naive loops, without a GPU. Needs a C++ compiler (g++ or clang++).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"${CXX:-g++}" -std=c++17 -O1 -DTG_EMULATE -Wall -Wno-unknown-pragmas -pthread -I"$here" "$here/emulate.cpp" \
    -o "$out/emulate"
"$out/emulate"
