#!/usr/bin/env bash
# Self-contained single-file binaries of homelab-audit, no .NET needed where they run:
#   tools/package/binaries.sh [OUT]   (default: .artifacts/bin) -> OUT/linux-x64/homelab-audit,
#                                                                  OUT/linux-arm64/homelab-audit
# The homelab's nodes are arm64; CI and most laptops are x64.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/.artifacts/bin}"
# Its own build folders (--artifacts-path), so publishing never touches the checkout's bin/ and obj/.
for rid in linux-x64 linux-arm64; do
  dotnet publish "$root/src/Homelab.Cli/Homelab.Cli.csproj" -c Release -r "$rid" --self-contained true \
    -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -p:DebugType=none -p:PublishDocumentationFiles=false \
    --artifacts-path "$out/.build" -o "$out/$rid" --nologo -v quiet
  ls -l "$out/$rid/homelab-audit"
done
