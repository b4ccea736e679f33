import Images

extension Image {
    /// Throws unless the pixel buffer holds exactly width x height pixels of 1 to 4 channels (``Image/pixels`` is
    /// mutable, so a stage checks before it reads the buffer through pointers). `stage` names the caller.
    func checkPixelBuffer(for stage: String) throws(LandmarkError) {
        let (area, o1) = width.multipliedReportingOverflow(by: height)
        let (bytes, o2) = area.multipliedReportingOverflow(by: channels)
        guard (1...4).contains(channels), width > 0, height > 0, !o1, !o2, bytes == pixels.count else {
            throw LandmarkError(.invalidFeed, "\(stage): image \(width)x\(height)x\(channels) is not a valid pixel buffer")
        }
    }
}
