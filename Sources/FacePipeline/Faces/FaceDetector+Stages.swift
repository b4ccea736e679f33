import Tensor

extension FaceDetector {
    // MARK: P-Net

    /// Stage 1 (`StagePNet`): P-Net over the image pyramid; per level the cells whose face probability exceeds
    /// the threshold become windows moved by the regression, scaled back to the image, sorted and suppressed
    /// (IoU 0.5); then all levels together are sorted, suppressed (IoU 0.7) and made square.
    ///
    /// A level wider or taller than ``Options/pnetTileSide`` runs in tiles (``PNetTiling``) whose cells are the
    /// level's, collected in the level's row-major order, so the candidates are those of one run on the level.
    /// With several threads the tiles run one per thread on the single-threaded P-Net: all levels' tiles as one
    /// list when every level is resized from the image's float copy, level by level when levels come from
    /// working copies (each made before its levels and dropped after). Each tile's cells do not depend on which
    /// thread ran it.
    func proposeCandidates(_ source: inout PyramidSource) throws(FaceDetectionError) -> [FaceCandidate] {
        let width = source.image.width, height = source.image.height
        let scales = ScalePyramid.scales(width: width, height: height, minFaceSize: options.minFaceSize,
                                         minimumSize: options.minimumPyramidSize, factor: options.scaleFactor)
        var levels: [PyramidLevel] = []
        for scale in scales {
            let size = try levelSize(width: width, height: height, scale: scale)
            // P-Net needs 11 pixels for one output cell (TensorFlow, and so the package, fails on less).
            guard size.width >= 11, size.height >= 11 else { continue }
            levels.append(PyramidLevel(scale: scale, width: size.width, height: size.height,
                                       tile: max(24, options.pnetTileSide & ~1)))
        }
        var levelCells: [[(cell: Int, candidate: FaceCandidate)]]
        if source.isExact, let tilePNet {
            // One list of every level's tiles, largest levels first, claimed by the threads as they free up.
            let tasks = levels.indices.flatMap { level in (0..<levels[level].tileCount).map { (level, $0) } }
            let levelSource = source
            let tileCells = try ConcurrentTasks.map(count: tasks.count, threads: pnet.threadCount) {
                (index) throws(FaceDetectionError) -> [(cell: Int, candidate: FaceCandidate)] in
                let (level, tile) = tasks[index]
                return try cells(of: levels[level], tile: tile, from: levelSource, model: tilePNet)
            }
            levelCells = Array(repeating: [], count: levels.count)
            for (index, cells) in tileCells.enumerated() { levelCells[tasks[index].0] += cells }
        } else {
            levelCells = []
            for level in levels {
                try source.prepare(scale: level.scale)
                // A level of one tile runs on P-Net's threads.
                let concurrent = level.tileCount > 1 ? tilePNet : nil
                let levelSource = source
                let tileCells = try ConcurrentTasks.map(count: level.tileCount,
                                                        threads: concurrent == nil ? 1 : pnet.threadCount) {
                    (tile) throws(FaceDetectionError) -> [(cell: Int, candidate: FaceCandidate)] in
                    try cells(of: level, tile: tile, from: levelSource, model: concurrent ?? pnet)
                }
                levelCells.append(tileCells.flatMap { $0 })
            }
        }
        var all: [FaceCandidate] = []
        for (level, var cells) in zip(levels, levelCells) {
            if level.tileCount > 1 { cells.sort { $0.cell < $1.cell } }
            var found = NonMaximumSuppression.sortedByScore(cells.map(\.candidate))
            for i in found.indices {
                found[i].x1 /= level.scale
                found[i].y1 /= level.scale
                found[i].x2 /= level.scale
                found[i].y2 /= level.scale
            }
            all += NonMaximumSuppression.suppress(found, threshold: options.pnetLevelNMSThreshold, method: .union)
        }
        let kept = NonMaximumSuppression.suppress(NonMaximumSuppression.sortedByScore(all),
                                                  threshold: options.pnetNMSThreshold, method: .union)
        return kept.map { $0.squared() }
    }

    /// One pyramid level and its P-Net tiles.
    struct PyramidLevel {
        let scale: Double
        let width: Int
        let height: Int
        let columnSpans: [PNetTiling.Span]
        let rowSpans: [PNetTiling.Span]

        init(scale: Double, width: Int, height: Int, tile: Int) {
            self.scale = scale
            self.width = width
            self.height = height
            columnSpans = width < 12 ? [PNetTiling.Span(input: 0..<width, cells: 0..<1)]
                                     : PNetTiling.spans(length: width, tile: tile)
            rowSpans = height < 12 ? [PNetTiling.Span(input: 0..<height, cells: 0..<1)]
                                   : PNetTiling.spans(length: height, tile: tile)
        }

        var tileCount: Int { rowSpans.count * columnSpans.count }
    }

    /// The cells P-Net (`model`) finds in tile `tile` of `level` (row-major over the level's tiles), each with
    /// its index in the level's row-major cell order.
    func cells(of level: PyramidLevel, tile: Int, from source: PyramidSource,
               model: Model) throws(FaceDetectionError) -> [(cell: Int, candidate: FaceCandidate)] {
        let rowSpan = level.rowSpans[tile / level.columnSpans.count]
        let columnSpan = level.columnSpans[tile % level.columnSpans.count]
        let pixels = try source.tile(scale: level.scale, width: level.width, height: level.height,
                                     columns: columnSpan.input, rows: rowSpan.input)
        let origin = (x: columnSpan.input.lowerBound / 2, y: rowSpan.input.lowerBound / 2)
        let levelColumns = PNetTiling.cellCount(level.width)
        var cells: [(cell: Int, candidate: FaceCandidate)] = []
        try pnetCells(pixels, model: model, threshold: options.thresholds.pnet, origin: origin) { cellX, cellY, candidate in
            guard columnSpan.cells.contains(cellX), rowSpan.cells.contains(cellY) else { return }
            cells.append((cellY * levelColumns + cellX, candidate))
        }
        return cells
    }

    /// The size of the pyramid level at `scale`, or ``FaceDetectionError/Kind/limitExceeded`` when it is beyond
    /// ``Options/maxPyramidLevelPixels``.
    func levelSize(width: Int, height: Int, scale: Double) throws(FaceDetectionError) -> (width: Int, height: Int) {
        guard let size = ScalePyramid.levelSize(width: width, height: height, scale: scale, limit: options.maxPyramidLevelPixels) else {
            let w = Double(width) * scale, h = Double(height) * scale
            let levelText = w.isFinite && h.isFinite && w < 1e9 && h < 1e9 ? " (\(Int(w))x\(Int(h)))" : ""
            throw FaceDetectionError(.limitExceeded,
                "pyramid level at scale \(scale)\(levelText) of a \(width)x\(height) image exceeds the limit of "
                + "\(options.maxPyramidLevelPixels) pixels (maxPyramidLevelPixels; a larger minimum face size makes the levels smaller)")
        }
        return size
    }

    /// `generate_bounding_box` on one pyramid level: candidates in level coordinates, sorted by score.
    func pnetCandidates(_ level: FloatImage, threshold: Double) throws(FaceDetectionError) -> [FaceCandidate] {
        var found: [FaceCandidate] = []
        try pnetCells(level, model: pnet, threshold: threshold) { _, _, candidate in found.append(candidate) }
        return NonMaximumSuppression.sortedByScore(found)
    }

    /// P-Net (`model`: ``pnet`` or ``tilePNet``) on `level`, a pyramid level or the tile of one whose first
    /// output cell is the level's cell `origin`: `body` gets each cell (level column, level row) whose face
    /// probability exceeds `threshold`, in row-major order, with its window moved by the regression, in level
    /// coordinates.
    func pnetCells(_ level: FloatImage, model: Model, threshold: Double, origin: (x: Int, y: Int) = (0, 0),
                   _ body: (Int, Int, FaceCandidate) -> Void) throws(FaceDetectionError) {
        let input: Tensor
        do {
            input = try Tensor(shape: [1, level.height, level.width, 3], scalars: level.values)
        } catch {
            throw FaceDetectionError(.invalidModel, "P-Net input: \(error)")
        }
        let outputs = try Self.run(model, "P-Net", input, [TensorName.boxRegression, TensorName.faceProbability])
        let regression = outputs[0], probability = outputs[1]
        guard probability.shape.count == 4, probability.shape[3] == 2, regression.shape.count == 4,
              regression.shape[3] == 4, Array(regression.shape[0..<3]) == Array(probability.shape[0..<3]) else {
            throw FaceDetectionError(.invalidModel,
                "P-Net outputs have shapes \(regression.shape) and \(probability.shape), expected [1, h, w, 4] and [1, h, w, 2]")
        }
        let rows = probability.shape[1], columns = probability.shape[2]
        guard rows == PNetTiling.cellCount(level.height), columns == PNetTiling.cellCount(level.width) else {
            throw FaceDetectionError(.invalidModel,
                "P-Net gives \(rows)x\(columns) cells for a \(level.height)x\(level.width) input, expected \(PNetTiling.cellCount(level.height))x\(PNetTiling.cellCount(level.width))")
        }
        // numpy compares the float32 probabilities with the threshold taken as float32.
        let limit = Float(threshold)
        probability.withUnsafeBytes { probabilityBytes in
            regression.withUnsafeBytes { regressionBytes in
                let p = probabilityBytes.bindMemory(to: Float.self), r = regressionBytes.bindMemory(to: Float.self)
                for y in 0..<rows {
                    for x in 0..<columns {
                        let cell = y * columns + x
                        let score = p[2 * cell + 1]
                        guard score > limit else { continue }
                        // The package's window: corners (2x + 1, 2y + 1) and (2x + 12, 2y + 12), so 11 wide.
                        let levelX = origin.x + x, levelY = origin.y + y
                        let left = Double(2 * levelX + 1), top = Double(2 * levelY + 1)
                        let right = Double(2 * levelX + 12), bottom = Double(2 * levelY + 12)
                        body(levelX, levelY, FaceCandidate(
                            x1: left + Double(r[4 * cell]) * 11, y1: top + Double(r[4 * cell + 1]) * 11,
                            x2: right + Double(r[4 * cell + 2]) * 11, y2: bottom + Double(r[4 * cell + 3]) * 11,
                            score: Double(score)))
                    }
                }
            }
        }
    }

    // MARK: R-Net

    /// Stage 2 (`StageRNet`): 24x24 crops through R-Net; score replaced, boxes regressed, kept above the
    /// threshold, sorted, suppressed (IoU 0.7) and made square.
    func refineCandidates(_ image: some NormalizedPixels, _ candidates: [FaceCandidate]) throws(FaceDetectionError) -> [FaceCandidate] {
        let outputs = try runBatched(rnet, "R-Net", image, candidates, size: 24,
                                     [TensorName.boxRegression, TensorName.faceProbability], widths: [4, 2])
        var refined: [FaceCandidate] = []
        outputs[0].withUnsafeBufferPointer { regression in
            outputs[1].withUnsafeBufferPointer { probability in
                for (i, candidate) in candidates.enumerated() {
                    var c = candidate.regressed(regression[4 * i], regression[4 * i + 1], regression[4 * i + 2], regression[4 * i + 3])
                    c.score = Double(probability[2 * i + 1])
                    if c.score > options.thresholds.rnet { refined.append(c) }
                }
            }
        }
        let kept = NonMaximumSuppression.suppress(NonMaximumSuppression.sortedByScore(refined),
                                                  threshold: options.rnetNMSThreshold, method: .union)
        return kept.map { $0.squared() }
    }

    // MARK: O-Net

    /// Stage 3 (`StageONet`): 48x48 crops through O-Net; landmarks placed in the (unregressed) box, score
    /// replaced, boxes regressed, kept above the threshold, sorted and suppressed (intersection over the
    /// smaller area, 0.7).
    func outputCandidates(_ image: some NormalizedPixels, _ candidates: [FaceCandidate]) throws(FaceDetectionError) -> [FaceCandidate] {
        let outputs = try runBatched(onet, "O-Net", image, candidates, size: 48,
                                     [TensorName.boxRegression, TensorName.landmarks, TensorName.faceProbability],
                                     widths: [4, 10, 2])
        var faces: [FaceCandidate] = []
        outputs[0].withUnsafeBufferPointer { regression in
            outputs[1].withUnsafeBufferPointer { landmarks in
                outputs[2].withUnsafeBufferPointer { probability in
                    for (i, candidate) in candidates.enumerated() {
                        let relative = UnsafeBufferPointer(rebasing: landmarks[(10 * i)..<(10 * i + 10)])
                        let points = candidate.landmarksInBox(relative)
                        var c = candidate.regressed(regression[4 * i], regression[4 * i + 1], regression[4 * i + 2], regression[4 * i + 3])
                        c.score = Double(probability[2 * i + 1])
                        c.landmarks = points
                        if c.score > options.thresholds.onet { faces.append(c) }
                    }
                }
            }
        }
        return NonMaximumSuppression.suppress(NonMaximumSuppression.sortedByScore(faces),
                                              threshold: options.onetNMSThreshold, method: .minimum)
    }

    // MARK: Running the networks

    /// Crops every candidate to `size` x `size` and runs the network on them in power-of-two batches of at
    /// most ``Options/maxBatch`` (so that few per-shape plans are made); returns each output's rows
    /// concatenated, checked to have `widths[k]` values per candidate.
    func runBatched(_ model: Model, _ label: String, _ image: some NormalizedPixels, _ candidates: [FaceCandidate], size: Int,
                    _ names: [String], widths: [Int]) throws(FaceDetectionError) -> [[Float]] {
        var results: [[Float]] = widths.map { width in
            var values: [Float] = []
            values.reserveCapacity(width * candidates.count)
            return values
        }
        let perCandidate = size * size * 3
        var start = 0
        while start < candidates.count {
            var batch = 1
            while batch * 2 <= min(options.maxBatch, candidates.count - start) { batch *= 2 }
            let boxes = candidates[start..<(start + batch)].map(\.cropBox)
            var input: Tensor
            do {
                input = try Tensor(zeros: .float32, shape: [batch, size, size, 3])
            } catch {
                throw FaceDetectionError(.invalidModel, "\(label) input: \(error)")
            }
            var cropFailure: FaceDetectionError?
            input.withUnsafeMutableBytes { bytes in
                let floats = bytes.bindMemory(to: Float.self)
                // A large batch is cropped in two halves, one per thread when the network has two.
                let parts = batch >= 16 && model.threadCount > 1 ? 2 : 1
                let perPart = (batch + parts - 1) / parts
                do throws(FaceDetectionError) {
                    _ = try ConcurrentTasks.map(count: parts, threads: parts) { part in
                        let first = part * perPart, end = min(batch, first + perPart)
                        CropResize.crop(image, boxes: boxes[first..<end], size: size,
                                        into: UnsafeMutableBufferPointer(rebasing: floats[(first * perCandidate)..<(end * perCandidate)]))
                    }
                } catch {
                    cropFailure = error
                }
            }
            if let cropFailure { throw cropFailure }
            let outputs = try Self.run(model, label, input, names)
            for (k, output) in outputs.enumerated() {
                guard output.dtype == .float32, output.shape == [batch, widths[k]] else {
                    throw FaceDetectionError(.invalidModel,
                        "\(label) output '\(names[k])' has shape \(output.shape), expected [\(batch), \(widths[k])]")
                }
                output.withUnsafeBytes { results[k].append(contentsOf: $0.bindMemory(to: Float.self)) }
            }
            start += batch
        }
        return results
    }

    /// Runs a network and returns the named float32 outputs in order.
    static func run(_ model: Model, _ label: String, _ input: Tensor, _ names: [String]) throws(FaceDetectionError) -> [Tensor] {
        let outputs: [String: Tensor]
        do {
            outputs = try model.run([TensorName.input: input], outputs: names)
        } catch {
            throw FaceDetectionError(.invalidModel, "\(label): \(error)")
        }
        var ordered: [Tensor] = []
        for name in names {
            guard let tensor = outputs[name], tensor.dtype == .float32 else {
                throw FaceDetectionError(.invalidModel, "\(label) did not produce float32 '\(name)'")
            }
            ordered.append(tensor)
        }
        return ordered
    }
}
