import CFuzzerDriver
import Foundation
import FuzzSupport
import LandmarkNet

/// libFuzzer entry point: loads the bytes as a model (decode, import, check every node, plan the sinks for the
/// declared input shapes) under ``FuzzLimits/model``.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelLoad(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    _ = try? Model(data: bytes, options: Model.Options(limits: FuzzLimits.model))
    return 0
}

/// The executable's entry point (SwiftPM links `main` to `<Module>_main`): runs libFuzzer on `fuzzModelLoad`.
@_cdecl("FuzzModelLoad_main")
public func fuzzModelLoadMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzModelLoad(data, size) }
}
