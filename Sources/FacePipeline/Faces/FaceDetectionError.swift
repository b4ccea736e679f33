/// An error from loading the face detector's networks or detecting faces; its description is one line that
/// names the network, option or image property concerned.
public struct FaceDetectionError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The kind of failure.
    public enum Kind: Sendable, Equatable {
        /// A bundled network file is missing from the resource bundle.
        case modelNotFound
        /// A network could not be loaded, lacks a required input or output, or failed while running.
        case invalidModel
        /// An option is out of range (the message names it and its value).
        case invalidOptions
        /// The image's dimensions, channel count or pixel buffer are inconsistent.
        case invalidImage
        /// The image pyramid would need a level larger than ``FaceDetector/Options/maxPyramidLevelPixels``.
        case limitExceeded
    }

    /// The kind of failure.
    public var kind: Kind
    /// The one-line message.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The one-line message.
    public var description: String { message }
}
