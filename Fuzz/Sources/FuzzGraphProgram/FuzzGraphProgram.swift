import CFuzzerDriver
import Foundation
import FuzzSupport
import GraphDefReader
import LandmarkNet

/// libFuzzer entry point: builds a graph of supported ops from the bytes (``GraphProgram``), loads it under
/// ``FuzzLimits/model`` and runs its sinks on deterministic feeds with NaN and infinities among the floats.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGraphProgram(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = [UInt8](UnsafeBufferPointer(start: data, count: size))
    var program = GraphProgram(bytes)
    let graph = program.build()
    guard let model = try? Model(graphDef: graph, options: Model.Options(limits: FuzzLimits.model)) else { return 0 }
    var maker = FeedMaker(bytes: bytes)
    guard let feeds = maker.feeds(for: model.inputs) else { return 0 }
    _ = try? model.run(feeds)
    return 0
}

/// The executable's entry point (SwiftPM links `main` to `<Module>_main`): runs libFuzzer on `fuzzGraphProgram`.
@_cdecl("FuzzGraphProgram_main")
public func fuzzGraphProgramMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzGraphProgram(data, size) }
}
