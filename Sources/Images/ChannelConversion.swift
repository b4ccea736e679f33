extension Image {
    /// This image as RGB (3 channels): gray is replicated into R, G and B; RGBA is composited on black
    /// (`channel * alpha / 255`, rounded), so fully transparent pixels become black. RGB is returned unchanged.
    public func rgb() -> Image {
        if channels == 3 { return self }
        let pixelCount = width * height
        let sourceChannels = channels
        let converted = [UInt8](unsafeUninitializedCapacity: pixelCount * 3) { output, initializedCount in
            pixels.withUnsafeBufferPointer { source in
                guard let input = source.baseAddress, let rgb = output.baseAddress else { return }
                if sourceChannels == 1 {
                    for index in 0..<pixelCount {
                        let gray = input[index]
                        rgb[3 * index] = gray
                        rgb[3 * index + 1] = gray
                        rgb[3 * index + 2] = gray
                    }
                } else {
                    for index in 0..<pixelCount {
                        let alpha = input[4 * index + 3]
                        rgb[3 * index] = blendOnBlack(input[4 * index], alpha: alpha)
                        rgb[3 * index + 1] = blendOnBlack(input[4 * index + 1], alpha: alpha)
                        rgb[3 * index + 2] = blendOnBlack(input[4 * index + 2], alpha: alpha)
                    }
                }
            }
            initializedCount = pixelCount * 3
        }
        return Image(unchecked: width, height: height, channels: 3, pixels: converted)
    }

    /// This image without its alpha channel: RGBA becomes the RGB values as stored, whatever their alpha (as
    /// PIL's `convert("RGB")` does, so a transparent area keeps the colours under it); gray and RGB are returned
    /// unchanged.
    public func droppingAlpha() -> Image {
        guard channels == 4 else { return self }
        let pixelCount = width * height
        let converted = [UInt8](unsafeUninitializedCapacity: pixelCount * 3) { output, initializedCount in
            pixels.withUnsafeBufferPointer { source in
                guard let input = source.baseAddress, let rgb = output.baseAddress else { return }
                for index in 0..<pixelCount {
                    rgb[3 * index] = input[4 * index]
                    rgb[3 * index + 1] = input[4 * index + 1]
                    rgb[3 * index + 2] = input[4 * index + 2]
                }
            }
            initializedCount = pixelCount * 3
        }
        return Image(unchecked: width, height: height, channels: 3, pixels: converted)
    }

    /// Wraps pixels whose count the caller guarantees to be `width * height * channels`.
    init(unchecked width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        do {
            self = try Image(width: width, height: height, channels: channels, pixels: pixels)
        } catch {
            preconditionFailure("internal image size mismatch: \(error)")
        }
    }
}
