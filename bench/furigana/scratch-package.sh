#!/usr/bin/env bash
# Builds a scratch package in /tmp that holds only the JapaneseText targets (symlinked from this
# repository) plus the leak-check driver, so they can be tested and run under valgrind without
# compiling the rest of manabi and without a Package.swift change.
#   bash bench/furigana/scratch-package.sh            # set up /tmp/jtpkg
#   cd /tmp/jtpkg && swift test                        # JapaneseText tests only
#   swift build --product jtleak --scratch-path .build-leak -Xswiftc -gnone -Xcc -g0
#   valgrind --leak-check=full .build-leak/debug/jtleak 1000
# It also holds the profiling driver `jtprof` (bench/furigana/profile/main.swift):
#   swift build -c release --product jtprof --scratch-path .build-rel -Xswiftc -gnone -Xcc -g0
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
pkg="${1:-/tmp/jtpkg}"
mkdir -p "$pkg/Sources/jtleak" "$pkg/Sources/jtprof" "$pkg/Tests"
for target in CICUShim CMeCab JapaneseText; do ln -sfn "$repo/Sources/$target" "$pkg/Sources/$target"; done
ln -sfn "$repo/Tests/JapaneseTextTests" "$pkg/Tests/JapaneseTextTests"
ln -sfn "$repo/bench" "$pkg/bench"
cp "$repo/bench/furigana/leakcheck/main.swift" "$pkg/Sources/jtleak/main.swift"
cp "$repo/bench/furigana/profile/main.swift" "$pkg/Sources/jtprof/main.swift"
cat > "$pkg/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
// Scratch copy of manabi's JapaneseText targets (same declarations as manabi's Package.swift).
import PackageDescription

let package = Package(
    name: "jtpkg",
    platforms: [.macOS(.v15)],
    targets: [
        .target(
            name: "CICUShim",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .systemLibrary(name: "CMeCab", providers: [.apt(["libmecab-dev", "mecab-ipadic-utf8"])]),
        .target(name: "JapaneseText", dependencies: ["CICUShim", "CMeCab"]),
        .executableTarget(name: "jtleak", dependencies: ["JapaneseText"]),
        .executableTarget(name: "jtprof", dependencies: ["JapaneseText", "CMeCab"]),
        .testTarget(name: "JapaneseTextTests", dependencies: ["JapaneseText"]),
    ]
)
SWIFT
echo "scratch package ready in $pkg"
