import CFuzzerDriver
import LandmarkNet

/// libFuzzer entry point: decodes the bytes as a `.npy` file; whatever decodes must encode and decode again to
/// the same dtype, shape and bytes (a mismatch traps, which libFuzzer reports).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPY(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = [UInt8](UnsafeBufferPointer(start: data, count: size))
    guard let tensor = try? NPY.decode(bytes) else { return 0 }
    guard tensor.dtype != .bfloat16 else { return 0 }
    guard let encoded = try? NPY.encode(tensor), let again = try? NPY.decode(encoded) else {
        fatalError("a decoded \(tensor) does not round-trip through NPY.encode")
    }
    let same = again.dtype == tensor.dtype && again.shape == tensor.shape
        && tensor.withUnsafeBytes { a in again.withUnsafeBytes { b in a.elementsEqual(b) } }
    precondition(same, "NPY round trip changed \(tensor) into \(again)")
    return 0
}

/// The executable's entry point (SwiftPM links `main` to `<Module>_main`): runs libFuzzer on `fuzzNPY`.
@_cdecl("FuzzNPY_main")
public func fuzzNPYMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzNPY(data, size) }
}
