import FilePaths
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The kind of model file or directory found at a path, so that non-GraphDef inputs get a useful message.
public enum ModelFormat: Sendable {
    /// A binary frozen GraphDef (what this reader loads).
    case graphDef
    /// A SavedModel directory (`saved_model.pb` and/or `variables/`).
    case savedModelDirectory
    /// A SavedModel protobuf file (`saved_model.pb`): its graph reads weights from a `variables/` directory.
    case savedModelWithVariables
    /// A TensorFlow checkpoint (`*.index`, `*.data-00000-of-00001`, `*.meta`, or a `checkpoint` state file).
    case checkpoint
    /// An ONNX `ModelProto`.
    case onnx
    /// A TensorFlow Lite flatbuffer.
    case tflite
    /// A text-format protobuf (`.pbtxt`).
    case textProto
    /// Nothing recognisable.
    case unknown

    /// How many leading bytes `detect(url:prefix:)` looks at.
    public static let sniffLength = 4096

    /// Sniffs what `url` holds. Directories are inspected on disk; for files, `prefix` (the first bytes of
    /// the file, ideally `sniffLength` of them) and the file name decide.
    public static func detect(url: URL, prefix: ArraySlice<UInt8>) -> ModelFormat {
        var status = stat()
        if FileSystemPath.withRawPath(url.path, { stat($0, &status) }) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            return detectDirectory(url)
        }
        let name = url.lastPathComponent
        if name.hasSuffix(".index") || name.hasSuffix(".meta") || name == "checkpoint"
            || name.range(of: #"\.data-\d+-of-\d+$"#, options: .regularExpression) != nil {
            return .checkpoint
        }
        if prefix.count >= 8, Array(prefix.dropFirst(4).prefix(4)) == Array("TFL3".utf8) {
            return .tflite
        }
        if let textFormat = detectText(prefix) { return textFormat }
        if name.hasSuffix(".pbtxt") || name.hasSuffix(".prototxt") { return .textProto }
        if name.hasSuffix(".onnx") { return .onnx }
        if name.hasSuffix(".tflite") { return .tflite }
        return detectBinaryProto(prefix)
    }

    /// One line saying what the input is and how to turn it into a frozen GraphDef; meant to follow the
    /// path, as in "model/ is a SavedModel directory; freeze it with ...".
    public var freezeAdvice: String {
        switch self {
        case .graphDef:
            "is a binary GraphDef; if loading fails, re-freeze it so that all weights are Const nodes"
        case .savedModelDirectory:
            "is a SavedModel directory; freeze it into one GraphDef with tf.compat.v1 freeze_graph "
                + "(--input_saved_model_dir DIR --output_node_names OUT --output_graph frozen.pb) or "
                + "convert_variables_to_constants_v2 on the serving signature, then load frozen.pb"
        case .savedModelWithVariables:
            "is a SavedModel protobuf whose weights live in the variables/ directory beside it; freeze the "
                + "directory with freeze_graph --input_saved_model_dir or convert_variables_to_constants_v2, "
                + "then load the frozen .pb"
        case .checkpoint:
            "is a TensorFlow checkpoint; freeze it with freeze_graph --input_meta_graph X.meta "
                + "--input_checkpoint X --input_binary --output_node_names OUT --output_graph frozen.pb"
        case .onnx:
            "is an ONNX model; this engine reads frozen TensorFlow GraphDefs: freeze the original TensorFlow "
                + "model (or convert with onnx-tf and freeze the result) into a .pb"
        case .tflite:
            "is a TensorFlow Lite flatbuffer, which cannot be turned back into a GraphDef; freeze the original "
                + "TensorFlow model (SavedModel or checkpoint) into a .pb instead"
        case .textProto:
            "is a text-format protobuf; convert it to a binary GraphDef with google.protobuf.text_format.Parse "
                + "into tf.compat.v1.GraphDef and SerializeToString (or tf.io.write_graph(..., as_text=False))"
        case .unknown:
            "is not a recognised model; expected a frozen TensorFlow GraphDef (.pb) written by "
                + "convert_variables_to_constants / freeze_graph"
        }
    }

    // MARK: Sniffing helpers

    /// A directory is a SavedModel when it holds saved_model.pb(txt) or variables/, a checkpoint when it
    /// holds a `checkpoint` state file or `*.index` files.
    private static func detectDirectory(_ url: URL) -> ModelFormat {
        let entries = directoryEntries(url.path)
        let names = Set(entries)
        if names.contains("saved_model.pb") || names.contains("saved_model.pbtxt") || names.contains("variables") {
            return .savedModelDirectory
        }
        if names.contains("checkpoint") || entries.contains(where: { $0.hasSuffix(".index") }) {
            return .checkpoint
        }
        return .unknown
    }

    /// The names in the directory at `path` (opened by its raw bytes, see ``FileSystemPath``), or none if it
    /// cannot be read.
    private static func directoryEntries(_ path: String) -> [String] {
        guard let stream = FileSystemPath.withRawPath(path, { opendir($0) }) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                bytes.withMemoryRebound(to: CChar.self) { FileSystemPath.string(fromRaw: $0.baseAddress!) }
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// Recognises text protos (GraphDef, SavedModel, checkpoint state) by their first identifier.
    private static func detectText(_ prefix: ArraySlice<UInt8>) -> ModelFormat? {
        let text = String(decoding: prefix.prefix(512), as: UTF8.self)
        // Skip blank lines and `#` comments.
        var body = Substring(text)
        while true {
            body = body.drop(while: { $0.isWhitespace })
            guard body.first == "#" else { break }
            body = body.drop(while: { $0 != "\n" })
        }
        let identifier = body.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
        guard !identifier.isEmpty else { return nil }
        let rest = body.dropFirst(identifier.count).drop(while: { $0 == " " || $0 == "\t" })
        if identifier == "model_checkpoint_path" || identifier == "all_model_checkpoint_paths" {
            return rest.first == ":" ? .checkpoint : nil
        }
        let textProtoFields: Set<Substring> = ["node", "versions", "library", "meta_graphs",
                                               "saved_model_schema_version", "meta_info_def", "graph_def"]
        guard textProtoFields.contains(identifier), rest.first == "{" || rest.first == ":" else { return nil }
        return .textProto
    }

    /// One top-level field seen while walking the start of a binary protobuf.
    private struct SniffedField {
        var field: UInt32
        var wireType: WireType
        /// For length-delimited fields: the payload bytes available within the prefix.
        var payload: ArraySlice<UInt8>
    }

    /// Walks the top-level fields present in `prefix`, stopping quietly at the first that runs past it.
    private static func sniffFields(_ prefix: ArraySlice<UInt8>) -> [SniffedField] {
        var reader = ProtoReader(prefix)
        var fields: [SniffedField] = []
        while !reader.isAtEnd, fields.count < 64 {
            guard let tag = try? reader.readTag() else { break }
            if tag.wireType == .lengthDelimited {
                var probe = reader
                guard let length = try? probe.readVarint() else { break }
                let payloadEnd = probe.position + Int(min(length, UInt64(probe.remaining)))
                fields.append(SniffedField(field: tag.field, wireType: tag.wireType,
                                           payload: prefix[probe.position..<payloadEnd]))
                guard (try? reader.readLengthDelimitedRange()) != nil else { break }
            } else {
                fields.append(SniffedField(field: tag.field, wireType: tag.wireType, payload: []))
                guard (try? reader.skipField(tag)) != nil else { break }
            }
        }
        return fields
    }

    /// Tells GraphDef, SavedModel and ONNX protobufs apart by their leading fields.
    ///
    /// GraphDef starts with node (1, bytes), library (2), version (3, varint) or versions (4). SavedModel and
    /// ONNX both start with a varint field 1 (schema version / ir_version); SavedModel's field 2 is a
    /// MetaGraphDef message (starting with field 1 or 2), ONNX's is the producer name text, and ONNX has
    /// fields 3–8 (producer_version, domain, model_version, doc_string, graph, opset_import).
    private static func detectBinaryProto(_ prefix: ArraySlice<UInt8>) -> ModelFormat {
        let fields = sniffFields(prefix)
        guard let first = fields.first else { return .unknown }
        switch (first.field, first.wireType) {
        case (1, .lengthDelimited), (2, .lengthDelimited), (3, .varint), (4, .lengthDelimited),
             (5, .lengthDelimited):
            return .graphDef
        case (1, .varint):
            if fields.contains(where: { (3...8).contains($0.field) }) { return .onnx }
            guard let second = fields.dropFirst().first, second.field == 2, second.wireType == .lengthDelimited
            else { return .unknown }
            if let lead = second.payload.first, lead == 0x0A || lead == 0x12 { return .savedModelWithVariables }
            if second.payload.allSatisfy({ (0x20...0x7E).contains($0) }) { return .onnx }
            return .unknown
        default:
            return .unknown
        }
    }
}
