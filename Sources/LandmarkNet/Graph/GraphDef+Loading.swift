import Foundation
import GraphDefReader

extension GraphDef {
    /// Reads a GraphDef file within `limits`; a reading error is an `.invalidModel` ``LandmarkError`` that names
    /// the file.
    static func load(contentsOf url: URL, limits: ModelLimits) throws(LandmarkError) -> GraphDef {
        do {
            return try GraphDef(contentsOf: url, limits: ReaderLimits(maxTensorBytes: limits.maxTensorBytes))
        } catch {
            throw LandmarkError(reading: error, source: url.path)
        }
    }

    /// Decodes a serialized GraphDef within `limits`; a reading error is an `.invalidModel` ``LandmarkError``.
    static func load(serializedBytes: [UInt8], limits: ModelLimits) throws(LandmarkError) -> GraphDef {
        do {
            return try GraphDef(serializedBytes: serializedBytes, limits: ReaderLimits(maxTensorBytes: limits.maxTensorBytes))
        } catch {
            throw LandmarkError(reading: error, source: nil)
        }
    }
}
