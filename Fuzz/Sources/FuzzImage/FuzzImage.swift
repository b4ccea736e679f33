import CFuzzerDriver
import Images

/// libFuzzer entry point: decodes the bytes as an image (JPEG, PNG, PGM/PPM by sniffing) under limits that keep
/// one decode well inside `-rss_limit_mb=512`; a decoded image must have exactly width × height × 3 bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = [UInt8](UnsafeBufferPointer(start: data, count: size))
    let limits = ImageLimits(maxPixels: 4_000_000, maxDimension: 16_384, maxEncodedBytes: 4 << 20)
    guard let image = try? Image(data: bytes, limits: limits) else { return 0 }
    precondition(image.channels == 3 && image.pixels.count == image.width * image.height * 3,
                 "decoded \(image.width)x\(image.height)x\(image.channels) with \(image.pixels.count) bytes")
    return 0
}

/// The executable's entry point (SwiftPM links `main` to `<Module>_main`): runs libFuzzer on `fuzzImage`.
@_cdecl("FuzzImage_main")
public func fuzzImageMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzImage(data, size) }
}
