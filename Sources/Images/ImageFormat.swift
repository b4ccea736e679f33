/// An encoded image format, recognized by its leading bytes (never by a file extension).
public enum ImageFormat: String, Sendable, Equatable, CaseIterable {
    /// JPEG/JFIF/Exif: starts with FF D8 FF.
    case jpeg
    /// PNG: starts with the 8-byte PNG signature.
    case png
    /// Netpbm PGM or PPM (P2, P3, P5, P6).
    case pnm

    /// The format whose signature starts `bytes`, or nil.
    public init?(sniffing bytes: [UInt8]) {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if bytes.count >= 2, bytes[0] == UInt8(ascii: "P"),
                  [UInt8(ascii: "2"), UInt8(ascii: "3"), UInt8(ascii: "5"), UInt8(ascii: "6")].contains(bytes[1]) {
            self = .pnm
        } else {
            return nil
        }
    }

    /// The format a file name's extension asks for when writing (`png`, `jpg`, `jpeg`; case-insensitive), or nil.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "png": self = .png
        case "jpg", "jpeg": self = .jpeg
        case "ppm", "pgm", "pnm": self = .pnm
        default: return nil
        }
    }
}
