import COpenBLAS

/// A split of a row-major `C[M, N] = op(A) op(B)` into independent blocks, chosen from the problem shape only
/// (never from the thread count), so that any number of workers produces bit-identical results.
struct GEMMPartition {
    /// Rows per block (the last block may be shorter).
    let rowBlock: Int
    /// Columns per block (the last block may be narrower).
    let columnBlock: Int
    /// Number of row blocks.
    let rowBlockCount: Int
    /// Number of column blocks.
    let columnBlockCount: Int

    /// Products smaller than this many multiply-adds run as one block (threading would cost more than it saves).
    static let minimumSplitWork = 1 << 18
    /// Preferred number of blocks for large products (a few per core keeps loaded cores from stalling the others).
    static let preferredBlockCount = 4
    /// Blocks are multiples of this many rows/columns (SGEMM register-block sizes).
    static let granule = 16
    /// Shortest row block worth a separate GEMM call (each call repacks the B panel).
    static let minimumRowBlock = 32
    /// Narrowest column block worth a separate call.
    static let minimumColumnBlock = 64

    /// Chooses blocks for an `m x n x k` product.
    init(m: Int, n: Int, k: Int) {
        let (work, overflow) = m.multipliedReportingOverflow(by: n)
        let (total, overflowK) = work.multipliedReportingOverflow(by: Swift.max(k, 1))
        func roundUp(_ value: Int) -> Int { (value + Self.granule - 1) / Self.granule * Self.granule }
        var rows = Swift.max(m, 1)
        var columns = Swift.max(n, 1)
        let large = overflow || overflowK || total >= Self.minimumSplitWork
        if large {
            if m >= 2 * Self.minimumRowBlock {
                rows = Swift.max(Self.minimumRowBlock, roundUp((m + Self.preferredBlockCount - 1) / Self.preferredBlockCount))
            } else if n >= 2 * Self.minimumColumnBlock {
                columns = Swift.max(Self.minimumColumnBlock, roundUp((n + Self.preferredBlockCount - 1) / Self.preferredBlockCount))
            }
        }
        // GEMM dimensions are 32-bit BLAS ints.
        rows = Swift.min(rows, Int(Int32.max))
        columns = Swift.min(columns, Int(Int32.max))
        rowBlock = rows
        columnBlock = columns
        rowBlockCount = m <= 0 ? 0 : (m + rows - 1) / rows
        columnBlockCount = n <= 0 ? 0 : (n + columns - 1) / columns
    }

    /// Total number of blocks.
    var blockCount: Int { rowBlockCount * columnBlockCount }

    /// The row range `start, count` and column range of block `index`.
    func block(_ index: Int, m: Int, n: Int) -> (row: Int, rowCount: Int, column: Int, columnCount: Int) {
        let rowIndex = index / columnBlockCount
        let columnIndex = index - rowIndex * columnBlockCount
        let row = rowIndex * rowBlock
        let column = columnIndex * columnBlock
        return (row, Swift.min(rowBlock, m - row), column, Swift.min(columnBlock, n - column))
    }
}

/// Blocked, multi-threaded, thread-count-independent single-precision matrix products.
enum BlockedGEMM {
    /// `C[M, N] = op(A) op(B)` (row-major; `k > 0`, `m, n > 0`), then `epilogue(blockStart, rows, columns)` on
    /// each finished block of C while it is hot, on `context`'s threads. Uses `cblas_sgemv` when `m == 1` and A is
    /// not transposed.
    static func run(a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
                    m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, context: ComputeContext,
                    epilogue: (_ block: UnsafeMutablePointer<Float>, _ rows: Int, _ columns: Int, _ firstColumn: Int) -> Void) {
        BLAS.prepare()
        let partition = GEMMPartition(m: m, n: n, k: k)
        let pointers = UncheckedSendable((a: a, b: b, c: c))
        context.forEachTask(partition.blockCount) { task, _ in
            let block = partition.block(task, m: m, n: n)
            let a = pointers.value.a
            let b = pointers.value.b
            // op(A) rows [row, row + rowCount): stored [M, K] -> offset row*K; stored [K, M] -> offset row.
            let aBlock = transposeA ? a + block.row : a + block.row * k
            // op(B) columns [column, ...): stored [K, N] -> offset column; stored [N, K] -> offset column*K.
            let bBlock = transposeB ? b + block.column * k : b + block.column
            let cBlock = pointers.value.c + block.row * n + block.column
            if m == 1 && !transposeA {
                if transposeB {
                    cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(block.columnCount), Int32(k), 1, bBlock, Int32(k),
                                aBlock, 1, 0, cBlock, 1)
                } else {
                    cblas_sgemv(CblasRowMajor, CblasTrans, Int32(k), Int32(block.columnCount), 1, bBlock, Int32(n),
                                aBlock, 1, 0, cBlock, 1)
                }
            } else {
                cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                            Int32(block.rowCount), Int32(block.columnCount), Int32(k),
                            1, aBlock, Int32(transposeA ? m : k), bBlock, Int32(transposeB ? k : n),
                            0, cBlock, Int32(n))
            }
            epilogue(cBlock, block.rowCount, block.columnCount, block.column)
        }
    }
}
