// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "manabi",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "manabi", targets: ["manabi"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // HTML templates for the learner pages (issue 4), as the stack names it.
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        // gzip for pages and JSON on slow phone connections (issue 4); a thin layer over the system zlib.
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
    ],
    targets: [
        // ICU renames every C symbol per version through macros, which Swift cannot import,
        // so the shim is a tiny C target with real functions rather than a modulemap of static inlines.
        .target(
            name: "CICUShim",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .systemLibrary(name: "CMeCab", providers: [.apt(["libmecab-dev", "mecab-ipadic-utf8"])]),
        .target(name: "JapaneseText", dependencies: ["CICUShim", "CMeCab"]),
        .target(
            name: "Classroom",
            dependencies: [
                "JapaneseText",
                "Curriculum",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "Curriculum"),
        .target(
            name: "Web",
            dependencies: [
                "Classroom",
                "Curriculum",
                "JapaneseText",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "manabi",
            dependencies: [
                "Web",
                "Classroom",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["Classroom"], path: "Tests/TestSupport"),
        .testTarget(name: "JapaneseTextTests", dependencies: ["JapaneseText"]),
        .testTarget(name: "ClassroomTests", dependencies: ["Classroom", "TestSupport"]),
        .testTarget(name: "CurriculumTests", dependencies: ["Curriculum"]),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web",
                "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
