/// Where each intermediate buffer of a plan lives in the run's arena: buffers whose lifetimes do not overlap may
/// share bytes, so the arena is much smaller than the sum of the buffers.
struct ArenaLayout: Sendable {
    /// A buffer to place: its size in bytes and its lifetime, the step positions (inclusive) from the one that
    /// writes it to the last that reads it.
    struct Buffer {
        var size: Int
        var first: Int
        var last: Int
    }

    /// Per buffer (in the order given), its offset in the arena.
    let offsets: [Int]
    /// Bytes the buffers span.
    let byteCount: Int

    /// Groups and buffers one placement looks at before it gives up and places the buffer at the top of the arena.
    static let sweepBudget = 256

    /// Places `buffers` greedily, largest first, at the lowest offset free over the buffer's lifetime. The caller
    /// checks that the sum of the sizes does not overflow: no offset exceeds it.
    ///
    /// Placed buffers are grouped by offset (groups sorted by offset); buffers sharing an offset never live at the
    /// same time, so a group is sorted by lifetime and its members living during a buffer's lifetime are found by
    /// binary search. One sweep over the groups stops at the first gap that fits (checking every candidate offset
    /// against every other buffer would be quadratic on long graphs and cubic when many buffers live at once). A
    /// sweep that would look at more than ``sweepBudget`` groups and buffers gives up and places the buffer at the
    /// top of the arena, which is always free: only a graph with hundreds of values alive at once gets there.
    init(_ buffers: [Buffer]) {
        var offsets = [Int](repeating: 0, count: buffers.count)
        var groupOffsets: [Int] = []
        var groupMembers: [[Int]] = []
        var arenaEnd = 0
        for b in buffers.indices.sorted(by: { buffers[$0].size > buffers[$1].size }) {
            let size = buffers[b].size, first = buffers[b].first, last = buffers[b].last
            // Zero-size buffers all go to offset 0 and never block another buffer: they are not recorded.
            guard size > 0 else { continue }
            var offset = 0
            var visited = 0
            for g in groupOffsets.indices {
                let groupOffset = groupOffsets[g]
                if groupOffset >= offset + size || visited > Self.sweepBudget { break }
                visited += 1
                groupMembers[g].withUnsafeBufferPointer { members in
                    var low = 0, high = members.count
                    while low < high {
                        let middle = (low + high) / 2
                        if buffers[members[middle]].last < first { low = middle + 1 } else { high = middle }
                    }
                    // Every buffer passed so far ends at or before `offset`; one living now blocks it if it ends after.
                    while low < members.count, buffers[members[low]].first <= last, visited <= Self.sweepBudget {
                        offset = max(offset, groupOffset + buffers[members[low]].size)
                        low += 1
                        visited += 1
                    }
                }
            }
            if visited > Self.sweepBudget { offset = arenaEnd }
            offsets[b] = offset
            arenaEnd = max(arenaEnd, offset + size)
            var low = 0, high = groupOffsets.count
            while low < high {
                let middle = (low + high) / 2
                if groupOffsets[middle] < offset { low = middle + 1 } else { high = middle }
            }
            if low == groupOffsets.count || groupOffsets[low] != offset {
                groupOffsets.insert(offset, at: low)
                groupMembers.insert([], at: low)
            }
            var position = 0, end = groupMembers[low].count
            while position < end {
                let middle = (position + end) / 2
                if buffers[groupMembers[low][middle]].first <= first { position = middle + 1 } else { end = middle }
            }
            groupMembers[low].insert(b, at: position)
        }
        self.offsets = offsets
        byteCount = arenaEnd
    }
}
