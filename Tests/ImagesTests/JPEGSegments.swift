/// Helpers to find and edit JPEG marker segments in test files.
enum JPEGSegments {
    /// Offsets of a marker segment: `start` at its FF byte, `end` after its payload.
    struct Segment {
        var marker: UInt8
        var start: Int
        var end: Int
    }

    /// The marker segments from SOI up to and including SOS (the scan data follows the last one).
    static func headerSegments(_ jpeg: [UInt8]) -> [Segment] {
        var segments: [Segment] = []
        var position = 2
        while position + 4 <= jpeg.count, jpeg[position] == 0xFF {
            let marker = jpeg[position + 1]
            let length = Int(jpeg[position + 2]) << 8 | Int(jpeg[position + 3])
            segments.append(Segment(marker: marker, start: position, end: position + 2 + length))
            if marker == 0xDA { break }
            position += 2 + length
        }
        return segments
    }

    /// The range of entropy-coded bytes of the first scan (from after SOS to the next non-RST marker).
    static func firstScanData(_ jpeg: [UInt8]) -> Range<Int> {
        guard let sos = headerSegments(jpeg).first(where: { $0.marker == 0xDA }) else { return 0..<0 }
        var position = sos.end
        while position + 1 < jpeg.count {
            if jpeg[position] == 0xFF, jpeg[position + 1] != 0, !(0xD0...0xD7).contains(jpeg[position + 1]) { break }
            position += 1
        }
        return sos.end..<position
    }

    /// `jpeg` with `segment` (marker, length and payload) inserted after the segment with `afterMarker`
    /// (0xD8 = right after SOI).
    static func inserting(_ payload: [UInt8], marker: UInt8, after afterMarker: UInt8, into jpeg: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        let segment = [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        var position = 2
        if afterMarker != 0xD8, let found = headerSegments(jpeg).first(where: { $0.marker == afterMarker }) {
            position = found.end
        }
        return Array(jpeg[..<position]) + segment + Array(jpeg[position...])
    }
}
