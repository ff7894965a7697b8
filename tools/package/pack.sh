#!/usr/bin/env bash
# Packs homelab-audit as a .NET tool into a folder feed:
#   tools/package/pack.sh [FEED]   (default: .artifacts/feed)
# then: dotnet tool install -g homelab-audit --add-source FEED
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
feed="${1:-$root/.artifacts/feed}"
mkdir -p "$feed"
# Its own build folders (--artifacts-path), so packing never touches the checkout's bin/ and obj/.
dotnet pack "$root/src/Homelab.Cli/Homelab.Cli.csproj" -c Release --artifacts-path "$feed/.build" -o "$feed" --nologo -v quiet
ls "$feed"/homelab-audit.*.nupkg
