/// The eight EXIF/TIFF orientations (tag 0x0112): where the stored rows and columns belong when displayed.
/// Names follow the TIFF specification: the first word is where row 0 goes, the second where column 0 goes.
public enum ExifOrientation: Int, Sendable, Equatable, CaseIterable {
    /// 1: stored as displayed.
    case topLeft = 1
    /// 2: mirrored left-right.
    case topRight = 2
    /// 3: rotated 180 degrees.
    case bottomRight = 3
    /// 4: mirrored top-bottom.
    case bottomLeft = 4
    /// 5: transposed (row 0 is the left column, column 0 the top row).
    case leftTop = 5
    /// 6: needs a 90 degree clockwise rotation to display.
    case rightTop = 6
    /// 7: transversed (row 0 is the right column, column 0 the bottom row).
    case rightBottom = 7
    /// 8: needs a 90 degree counter-clockwise rotation to display.
    case leftBottom = 8

    /// Whether displaying swaps width and height.
    public var swapsDimensions: Bool { rawValue >= 5 }

    /// The orientation in the first APP1 "Exif" segment before the JPEG scan data, or nil when there is none or
    /// it is malformed (a malformed EXIF block never makes the image undecodable). Every read is bounds-checked.
    public init?(jpeg bytes: [UInt8]) {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var position = 2
        while position + 4 <= bytes.count {
            guard bytes[position] == 0xFF else { return nil }
            let marker = bytes[position + 1]
            if marker == 0xFF {
                position += 1
                continue
            }
            if marker == 0x01 || (0xD0...0xD8).contains(marker) {
                position += 2
                continue
            }
            if marker == 0xDA || marker == 0xD9 { return nil }
            let length = Int(bytes[position + 2]) << 8 | Int(bytes[position + 3])
            let segmentEnd = position + 2 + length
            guard length >= 2, segmentEnd <= bytes.count else { return nil }
            let payload = bytes[(position + 4)..<segmentEnd]
            if marker == 0xE1, payload.starts(with: [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]) {
                let tiffStart = payload.startIndex + 6
                if let orientation = ExifOrientation(tiff: bytes[tiffStart..<segmentEnd]) {
                    self = orientation
                    return
                }
                return nil
            }
            position = segmentEnd
        }
        return nil
    }

    /// The orientation tag of IFD0 of a TIFF structure (byte order "II" or "MM"), or nil.
    public init?(tiff: ArraySlice<UInt8>) {
        let tiff = Array(tiff)
        guard tiff.count >= 8 else { return nil }
        let littleEndian: Bool
        switch (tiff[0], tiff[1]) {
        case (0x49, 0x49): littleEndian = true
        case (0x4D, 0x4D): littleEndian = false
        default: return nil
        }
        func u16(_ offset: Int) -> Int? {
            guard offset >= 0, offset + 2 <= tiff.count else { return nil }
            let a = Int(tiff[offset]), b = Int(tiff[offset + 1])
            return littleEndian ? a | b << 8 : a << 8 | b
        }
        func u32(_ offset: Int) -> Int? {
            guard let low = u16(littleEndian ? offset : offset + 2),
                  let high = u16(littleEndian ? offset + 2 : offset) else { return nil }
            return high << 16 | low
        }
        guard u16(2) == 42, let ifdOffset = u32(4), let entryCount = u16(ifdOffset) else { return nil }
        for entry in 0..<entryCount {
            let entryOffset = ifdOffset + 2 + 12 * entry
            guard let tag = u16(entryOffset), let type = u16(entryOffset + 2),
                  let count = u32(entryOffset + 4) else { return nil }
            guard tag == 0x0112 else { continue }
            let value: Int?
            switch type {
            case 3: value = u16(entryOffset + 8)  // SHORT, stored left-justified in the value field
            case 4: value = u32(entryOffset + 8)  // LONG (non-standard but seen)
            default: value = nil
            }
            guard count >= 1, let value, let orientation = ExifOrientation(rawValue: value) else { return nil }
            self = orientation
            return
        }
        return nil
    }
}

extension Image {
    /// The image as it should be displayed for a stored orientation (rotations and mirrors applied to the pixels).
    public func applying(_ orientation: ExifOrientation) -> Image {
        if orientation == .topLeft { return self }
        let w = width, h = height, c = channels
        // Source pixel (sx, sy) for display pixel (dx, dy) is affine: index = origin + dx * stepX + dy * stepY.
        let origin: Int, stepX: Int, stepY: Int
        switch orientation {
        case .topLeft: (origin, stepX, stepY) = (0, 1, w)
        case .topRight: (origin, stepX, stepY) = (w - 1, -1, w)
        case .bottomRight: (origin, stepX, stepY) = ((h - 1) * w + w - 1, -1, -w)
        case .bottomLeft: (origin, stepX, stepY) = ((h - 1) * w, 1, -w)
        case .leftTop: (origin, stepX, stepY) = (0, w, 1)
        case .rightTop: (origin, stepX, stepY) = ((h - 1) * w, -w, 1)
        case .rightBottom: (origin, stepX, stepY) = ((h - 1) * w + w - 1, -w, -1)
        case .leftBottom: (origin, stepX, stepY) = (w - 1, w, -1)
        }
        let (outWidth, outHeight) = orientation.swapsDimensions ? (h, w) : (w, h)
        let count = pixels.count
        let rotated = [UInt8](unsafeUninitializedCapacity: count) { output, initializedCount in
            pixels.withUnsafeBufferPointer { source in
                guard let input = source.baseAddress, let out = output.baseAddress else { return }
                var destination = 0
                for dy in 0..<outHeight {
                    var sourcePixel = origin + dy * stepY
                    for _ in 0..<outWidth {
                        let from = sourcePixel * c
                        for channel in 0..<c {
                            out[destination + channel] = input[from + channel]
                        }
                        destination += c
                        sourcePixel += stepX
                    }
                }
            }
            initializedCount = count
        }
        return Image(unchecked: outWidth, height: outHeight, channels: c, pixels: rotated)
    }
}
