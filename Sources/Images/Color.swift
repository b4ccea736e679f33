/// An opaque 8-bit RGB drawing color.
public struct Color: Sendable, Equatable, Hashable {
    /// Red.
    public var r: UInt8
    /// Green.
    public var g: UInt8
    /// Blue.
    public var b: UInt8

    /// Creates a color from its components.
    public init(r: UInt8, g: UInt8, b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// (255, 0, 0)
    public static let red = Color(r: 255, g: 0, b: 0)
    /// (0, 255, 0)
    public static let green = Color(r: 0, g: 255, b: 0)
    /// (0, 0, 255)
    public static let blue = Color(r: 0, g: 0, b: 255)
    /// (255, 255, 0)
    public static let yellow = Color(r: 255, g: 255, b: 0)
    /// (255, 255, 255)
    public static let white = Color(r: 255, g: 255, b: 255)
    /// (0, 0, 0)
    public static let black = Color(r: 0, g: 0, b: 0)
    /// (0, 255, 255)
    public static let cyan = Color(r: 0, g: 255, b: 255)
    /// (255, 0, 255)
    public static let magenta = Color(r: 255, g: 0, b: 255)

    /// BT.601 luma, used when drawing on a gray image.
    var luma: UInt8 {
        UInt8(truncatingIfNeeded: (299 * Int(r) + 587 * Int(g) + 114 * Int(b) + 500) / 1000)
    }
}
