// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "caunoi",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "caunoi", targets: ["caunoi"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
    ],
    targets: [
        // Framework-free domain: periods, validation, Vietnamese text, hierarchy parsing.
        .target(name: "CauNoiCore"),
        // Spreadsheets (XLSX) in and out, framework-free.
        .target(name: "CauNoiSheets", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(
            name: "CauNoiApp",
            dependencies: [
                "CauNoiCore",
                "CauNoiSheets",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources/vn-divisions-2025.csv"), .copy("Resources/vn-legacy-to-2025.csv"),
                        .copy("Resources/vietnamadminunits-LICENSE.txt"), .copy("Resources/vn-communes-2025-geo.csv"), .copy("Resources/openapi.json"), .copy("Resources/field")]
        ),
        .executableTarget(
            name: "caunoi",
            dependencies: [
                "CauNoiApp",
                "CauNoiCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CauNoiCoreTests", dependencies: ["CauNoiCore"]),
        .testTarget(name: "CauNoiSheetsTests", dependencies: ["CauNoiSheets", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(
            name: "CauNoiAppTests",
            dependencies: [
                "CauNoiApp",
                "CauNoiSheets",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
    ]
)
