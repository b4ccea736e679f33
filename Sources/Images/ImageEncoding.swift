import Foundation

extension Image {
    /// PNG bytes (8-bit, non-interlaced) keeping this image's channels: gray, RGB or RGBA. Decoding them with
    /// `decodeKeepingChannels` returns identical pixels; `init(data:)` returns them as RGB.
    public func pngData() throws(ImageError) -> [UInt8] {
        try PNGCodec.encode(self)
    }

    /// Baseline JPEG bytes at `quality` 1...100 (4:4:4 chroma from 90 up, 4:2:0 below; gray stays gray; RGBA is
    /// composited on black). Throws for a quality outside 1...100.
    public func jpegData(quality: Int) throws(ImageError) -> [UInt8] {
        try JPEGCodec.encode(self, quality: quality)
    }

    /// Binary PGM (gray) or PPM (RGB; RGBA composited on black) bytes with maxval 255.
    public func pnmData() -> [UInt8] {
        PNMCodec.encode(self)
    }

    /// Writes the image as PNG (`.png`) or JPEG (`.jpg`, `.jpeg`) by the file extension (case-insensitive), or as
    /// binary PGM/PPM (`.pgm`, `.ppm`, `.pnm`). The file is replaced atomically. Errors start with the path.
    public func write(to url: URL, jpegQuality: Int = 90) throws(ImageError) {
        let path = url.path
        guard let format = ImageFormat(fileExtension: url.pathExtension) else {
            throw ImageError("\(path): unknown image file extension '\(url.pathExtension)' (use png, jpg or jpeg)")
        }
        let bytes: [UInt8]
        do throws(ImageError) {
            switch format {
            case .png: bytes = try pngData()
            case .jpeg: bytes = try jpegData(quality: jpegQuality)
            case .pnm: bytes = pnmData()
            }
        } catch {
            throw ImageError("\(path): \(error.message)")
        }
        do {
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw ImageError("\(path): cannot write: \(error.localizedDescription)")
        }
    }
}
