import CFuzzerDriver
import Foundation
import FuzzSupport
import LandmarkNet

/// libFuzzer entry point: loads the bytes as a model under ``FuzzLimits/model`` and, when that succeeds, runs its
/// sinks once on small deterministic feeds (with NaN and infinities among the floats).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelRun(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = [UInt8](UnsafeBufferPointer(start: data, count: size))
    guard let model = try? Model(data: Data(bytes), options: Model.Options(limits: FuzzLimits.model)) else { return 0 }
    var maker = FeedMaker(bytes: bytes)
    guard let feeds = maker.feeds(for: model.inputs) else { return 0 }
    _ = try? model.run(feeds)
    return 0
}

/// The executable's entry point (SwiftPM links `main` to `<Module>_main`): runs libFuzzer on `fuzzModelRun`.
@_cdecl("FuzzModelRun_main")
public func fuzzModelRunMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzModelRun(data, size) }
}
