// swift-tools-version:6.1
import PackageDescription

// Release-grade code generation for the numerical targets even in debug builds
// would need unsafe flags; instead the README runs tests with `-c release`.

// The FWHT kernels need a whole-vector `llvm.fma`, which Swift reaches only through
// the Builtin module. Swift has no per-function target attribute, so each
// instruction set gets its own small target compiled with its flags; RandomFeatures
// picks one at run time (HadamardInstructionSet) and itself needs no flags.
let builtinModule: [SwiftSetting] = [.enableExperimentalFeature("BuiltinModule")]
func instructionSet(_ flags: [String]) -> [SwiftSetting] {
    #if arch(x86_64)
    return [.unsafeFlags(flags.flatMap { ["-Xcc", $0] })]
    #else
    return []
    #endif
}

let package = Package(
    name: "rftool",
    products: [
        .library(name: "RandomFeatures", targets: ["RandomFeatures"]),
        .library(name: "Estimators", targets: ["Estimators"]),
        .library(name: "Layers", targets: ["Layers"]),
        .executable(name: "rftool", targets: ["rftool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        // MARK: - C libraries (system-library targets: a module map and a shim header each)
        .systemLibrary(
            name: "CFFTW", pkgConfig: "fftw3",
            providers: [.apt(["libfftw3-dev"])]),
        // No pkgConfig: `pkg-config gsl` adds -lgslcblas. The module map links libgsl.a
        // statically so the only CBLAS in a binary is OpenBLAS.
        .systemLibrary(
            name: "CGSL",
            providers: [.apt(["libgsl-dev"])]),
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),

        // MARK: - Public API
        .target(
            name: "RandomFeatures",
            dependencies: [
                "CFFTW", "CGSL", "CBLAS",
                .product(name: "RealModule", package: "swift-numerics"),
                "_HadamardKernels", "_HadamardKernelsAVX2", "_HadamardKernelsAVX512",
                "_RandomKernels", "_RandomKernelsAVX2", "_RandomKernelsAVX512",
            ]),
        .target(
            name: "Estimators",
            dependencies: [
                "RandomFeatures", "CGSL", "CBLAS",
                "_TrigonometricKernels", "_TrigonometricKernelsAVX2", "_TrigonometricKernelsAVX512",
                .product(name: "RealModule", package: "swift-numerics"),
            ]),
        .target(
            name: "Layers",
            dependencies: [
                "RandomFeatures", "Estimators", "CGSL", "CBLAS", "CFFTW",
                .product(name: "RealModule", package: "swift-numerics"),
            ]),

        // MARK: - Implementation details
        .target(name: "_HadamardKernels", swiftSettings: builtinModule),
        .target(
            name: "_HadamardKernelsAVX2", dependencies: ["_HadamardKernels"],
            swiftSettings: instructionSet(["-mavx2", "-mfma"])),
        .target(
            name: "_HadamardKernelsAVX512", dependencies: ["_HadamardKernels"],
            swiftSettings: instructionSet(["-mavx2", "-mfma", "-mavx512f", "-mavx512dq", "-mavx512bw", "-mavx512vl"])),
        .target(name: "_TrigonometricKernels"),
        .target(
            name: "_TrigonometricKernelsAVX2", dependencies: ["_TrigonometricKernels"],
            swiftSettings: instructionSet(["-mavx2", "-mfma"])),
        .target(
            name: "_TrigonometricKernelsAVX512", dependencies: ["_TrigonometricKernels"],
            swiftSettings: instructionSet(["-mavx2", "-mfma", "-mavx512f", "-mavx512dq", "-mavx512bw", "-mavx512vl"])),
        .target(name: "_RandomKernels"),
        .target(
            name: "_RandomKernelsAVX2", dependencies: ["_RandomKernels"],
            swiftSettings: instructionSet(["-mavx2", "-mfma"])),
        .target(
            name: "_RandomKernelsAVX512", dependencies: ["_RandomKernels"],
            swiftSettings: instructionSet(["-mavx2", "-mfma", "-mavx512f", "-mavx512dq", "-mavx512bw", "-mavx512vl"])),
        .target(
            name: "RFToolCore",
            dependencies: ["RandomFeatures", "Estimators", "Layers", "CGSL", "CFFTW", "CBLAS"]),
        .executableTarget(
            name: "rftool",
            dependencies: [
                "RFToolCore", "RandomFeatures", "Estimators", "Layers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(
            name: "_TestSupport",
            dependencies: ["RandomFeatures", "CGSL"]),

        // MARK: - Unit test bundles
        .testTarget(
            name: "RandomFeaturesTests",
            dependencies: ["RandomFeatures", "_TestSupport", "CGSL", "CBLAS", "CFFTW"]),
        .testTarget(
            name: "EstimatorsTests",
            dependencies: ["Estimators", "RandomFeatures", "_TestSupport", "CGSL",
                           "_TrigonometricKernels", "_TrigonometricKernelsAVX2", "_TrigonometricKernelsAVX512"]),
        .testTarget(
            name: "LayersTests",
            dependencies: ["Layers", "RandomFeatures", "_TestSupport", "CBLAS"]),
        .testTarget(
            name: "RFToolCoreTests",
            dependencies: ["RFToolCore", "rftool", "Estimators", "RandomFeatures", "_TestSupport"]),
    ]
)
