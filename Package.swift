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
        // Hummingbird's own service runner (already in the build through it), named so Web can add a service.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // HTML templates for the learner pages (issue 4), as the stack names it.
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        // gzip for pages and JSON on slow phone connections (issue 4); a thin layer over the system zlib.
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        // Sessions, authorization policies, bcrypt and TOTP for teachers' and staff accounts (issue 9).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        // SHA-256 for one-time tokens and session keys at rest; already in the build through HummingbirdOTP.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
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
        // The one SQLite pool, the ordered migration plan, backups and change detection; every domain stores through it.
        .target(name: "Storage", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "Classroom",
            dependencies: [
                "JapaneseText",
                "Curriculum",
                "Storage",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                // SHA-256 of a reporter's address, the only form in which the report rate limit keeps it.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "Curriculum"),
        // Teachers', staff and admin accounts: passwords, one-time links, sign-in throttling, roles and scopes.
        .target(
            name: "Accounts",
            dependencies: [
                "Storage",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "Web",
            dependencies: [
                "Accounts",
                "Classroom",
                "Curriculum",
                "JapaneseText",
                "Storage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                // Already built with Hummingbird; runs the watcher for other processes' writes beside the server.
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
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
                "Accounts",
                "Classroom",
                "Storage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["Classroom", "Storage"], path: "Tests/TestSupport"),
        .testTarget(name: "JapaneseTextTests", dependencies: ["JapaneseText"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ClassroomTests", dependencies: ["Classroom", "Storage", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "CurriculumTests", dependencies: ["Curriculum"]),
        .testTarget(name: "AccountsTests", dependencies: ["Accounts", "Classroom", "TestSupport", "Storage", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "HummingbirdOTP", package: "hummingbird-auth")]),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web",
                "Accounts",
                "TestSupport",
                "Storage",
                // Reads the upgrade fixture's rows directly, as SQL, before and after the migration.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
