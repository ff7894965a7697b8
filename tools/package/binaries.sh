#!/usr/bin/env bash
# Self-contained single-file binaries of homelab-audit, no .NET needed where they run:
#   tools/package/binaries.sh [OUT [ARCH...]]   (default: .artifacts/bin, amd64 arm64)
#     -> OUT/linux-amd64/homelab-audit, OUT/linux-arm64/homelab-audit
# Folders are named as Kubernetes tools and Docker's TARGETARCH name them (deploy/Dockerfile
# copies linux-$TARGETARCH). The homelab's nodes are arm64; CI and most laptops are amd64.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/.artifacts/bin}"
shift || true
(($# > 0)) || set -- amd64 arm64
for arch in "$@"; do
  case $arch in
    amd64) rid=linux-x64 ;;
    arm64) rid=linux-arm64 ;;
    *) echo "error: unknown architecture '$arch' (amd64 or arm64)" >&2; exit 2 ;;
  esac
  # Its own build folders (--artifacts-path), so publishing never touches the checkout's bin/ and obj/.
  dotnet publish "$root/src/Homelab.Cli/Homelab.Cli.csproj" -c Release -r "$rid" --self-contained true \
    -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -p:DebugType=none -p:PublishDocumentationFiles=false \
    --artifacts-path "$out/.build" -o "$out/linux-$arch" --nologo -v quiet
  ls -l "$out/linux-$arch/homelab-audit"
done
