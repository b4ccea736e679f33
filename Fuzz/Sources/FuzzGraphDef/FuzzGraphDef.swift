import CFuzzerDriver
import GraphDefReader

/// libFuzzer entry point: decodes the bytes as a GraphDef, parses every input reference and packs every tensor
/// attribute's elements. Any error is fine; a trap, a leak past the RSS limit or a hang is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGraphDef(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = [UInt8](UnsafeBufferPointer(start: data, count: size))
    let limits = ReaderLimits(maxNodes: 100_000, maxTensorBytes: 1 << 20, maxAttrNesting: 64)
    guard let graph = try? GraphDef(serializedBytes: bytes, limits: limits) else { return 0 }
    for node in graph.nodes {
        for input in node.inputs { _ = try? TensorReference(parsing: input) }
        for value in node.attributes.values { visit(value) }
    }
    return 0
}

/// Packs the elements of every tensor in an attribute value.
private func visit(_ value: AttrValue) {
    switch value {
    case .tensor(let tensor):
        _ = try? tensor.elementBytes(maxBytes: 1 << 20)
    case .list(let list):
        for tensor in list.tensors { _ = try? tensor.elementBytes(maxBytes: 1 << 20) }
    case .bytes, .int, .float, .bool, .type, .shape, .function, .placeholder, .empty:
        break
    }
}

/// The executable's entry point (SwiftPM links `main` to `<Module>_main`): runs libFuzzer on `fuzzGraphDef`.
@_cdecl("FuzzGraphDef_main")
public func fuzzGraphDefMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzGraphDef(data, size) }
}
