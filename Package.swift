// swift-tools-version:6.0
import PackageDescription

/// Release builds drop the run-time exclusivity checks: they cost a fifth of
/// the instructions of the hot loops (measured with callgrind), and debug
/// builds, which every test runs, keep them.
let releaseSettings: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "profconv",
    products: [
        .library(name: "ProfileCore", targets: ["ProfileCore"]),
        .library(name: "ProfileFormats", targets: ["ProfileFormats"]),
        .executable(name: "profconv", targets: ["profconv"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation`: the API documentation (a plugin only; nothing links it).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // What has no format knowledge: the seeded hash table every interning
        // table uses, threads and the budget they share. No dependencies.
        .target(name: "ProfileSupport", swiftSettings: releaseSettings),

        // The model and what can be done to it: no I/O, and no C but one
        // engine: NamePattern matches pprof's filters (Go regexps) with RE2,
        // the library Go's regexp syntax comes from, in linear time. Only
        // NamePattern imports CRE2Shim.
        .target(name: "ProfileCore", dependencies: ["ProfileSupport", "CRE2Shim"], swiftSettings: releaseSettings),

        // A C interface to RE2's C++ API (compile with Go's options, match,
        // free), since Swift imports C headers without C++ interoperability.
        // Links what `pkg-config --libs re2` names (Debian's libre2-dev).
        // DWARF 4, not clang's default 5: Debian 12's valgrind cannot read 5,
        // and Scripts/bench.sh's instruction guard runs under callgrind.
        .target(
            name: "CRE2Shim",
            cxxSettings: [.unsafeFlags(["-gdwarf-4"])],
            linkerSettings: [.linkedLibrary("re2"), .linkedLibrary("pthread")]),

        // Thin module maps over the system libraries.
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),

        // Codecs: one folder per format, registered in FormatRegistry.
        .target(
            name: "ProfileFormats",
            dependencies: ["ProfileSupport", "ProfileCore", "CZlib", "CLibXML2"],
            resources: [
                .embedInCode("FlameGraph/Assets/flamegraph.js"),
                .embedInCode("FlameGraph/Assets/flamegraph.css"),
                .embedInCode("Report/Assets/report.html"),
                .embedInCode("Report/Assets/report.js"),
                .embedInCode("Report/Assets/report.css"),
                .embedInCode("Report/Assets/index.html"),
                .embedInCode("Report/Assets/index.js"),
            ],
            swiftSettings: releaseSettings),

        // Deterministic synthetic inputs for benchmarks and tests
        // (`profconv generate`), kept out of the public core.
        .target(name: "ProfileSynthetic", dependencies: ["ProfileCore"], swiftSettings: releaseSettings),

        // The command-line tool: option parsing and calls into the library.
        .executableTarget(
            name: "profconv",
            dependencies: [
                "ProfileCore", "ProfileFormats", "ProfileSynthetic",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // The README's library example, compiled and run by profconvTests.
        .executableTarget(name: "LibraryExample", dependencies: ["ProfileCore", "ProfileFormats"]),

        // What the test targets share: fixture paths, the bad-fixture table, small profiles.
        .target(name: "ProfileTestSupport", dependencies: ["ProfileCore"], path: "Tests/ProfileTestSupport"),
        .testTarget(name: "ProfileSupportTests", dependencies: ["ProfileSupport"]),
        .testTarget(name: "ProfileCoreTests", dependencies: ["ProfileSupport", "ProfileCore", "ProfileTestSupport"]),
        .testTarget(name: "ProfileFormatsTests", dependencies: ["ProfileSupport", "ProfileCore", "ProfileFormats", "ProfileTestSupport"]),
        .testTarget(name: "ProfileSyntheticTests", dependencies: ["ProfileCore", "ProfileSynthetic"]),
        .testTarget(name: "profconvTests", dependencies: ["profconv", "LibraryExample", "ProfileTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets for every reader, only when asked for (Scripts/fuzz.sh sets
// PROFCONV_FUZZ=1 and builds with -sanitize=fuzzer), so normal builds never see them.
if Context.environment["PROFCONV_FUZZ"] != nil {
    package.targets.append(.target(name: "CFuzzMain", path: "Sources/CFuzzMain"))
    package.targets.append(.executableTarget(
        name: "ProfconvFuzz",
        dependencies: ["ProfileCore", "ProfileFormats", "CFuzzMain"],
        path: "Sources/ProfconvFuzz",
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    package.products.append(.executable(name: "ProfconvFuzz", targets: ["ProfconvFuzz"]))
}
