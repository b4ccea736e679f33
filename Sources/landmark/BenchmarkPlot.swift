import Foundation
import LandmarkNet

/// Draws a ``BenchmarkReport`` as an SVG: one bar per node for its median time, and beside it its GFLOP/s
/// as a share of the machine's GEMM peak.
enum BenchmarkPlot {
    static func svg(_ report: BenchmarkReport, gemmPeak: Double) -> String {
        let rowHeight = 22.0, labelWidth = 330.0, barWidth = 420.0, effWidth = 200.0, top = 60.0
        let width = labelWidth + barWidth + effWidth + 60
        let height = top + rowHeight * Double(report.nodes.count) + 40
        let maxMs = max(report.nodes.map(\.ms).max() ?? 1, 1e-9)
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="10" y="20" font-size="15" font-weight="bold">\(escape(report.model)) — \(report.threads) thread(s), batch \(report.batch)</text>
        <text x="10" y="40">median \(String(format: "%.3f", report.latency.median)) ms; bars: median ms per node; right: GFLOP/s vs GEMM peak \(String(format: "%.1f", gemmPeak)) GFLOP/s</text>

        """
        for (i, node) in report.nodes.enumerated() {
            let y = top + Double(i) * rowHeight
            let w = barWidth * node.ms / maxMs
            let share = gemmPeak > 0 ? min(node.gflops / gemmPeak, 1.5) : 0
            let label = escape(node.name + " (" + ([node.op] + node.fused).joined(separator: "+")
                               + (node.algorithm.map { ", \($0)" } ?? "") + ")")
            out += """
            <text x="\(labelWidth - 6)" y="\(y + 15)" text-anchor="end">\(label)</text>
            <rect x="\(labelWidth)" y="\(y + 3)" width="\(String(format: "%.1f", max(w, 0.5)))" height="\(rowHeight - 6)" fill="#4a7bd0"/>
            <text x="\(labelWidth + max(w, 0.5) + 4)" y="\(y + 15)">\(String(format: "%.3f ms", node.ms))</text>
            <rect x="\(labelWidth + barWidth + 50)" y="\(y + 3)" width="\(String(format: "%.1f", effWidth * min(share, 1)))" height="\(rowHeight - 6)" fill="#e08a2c"/>
            <text x="\(labelWidth + barWidth + 54 + effWidth * min(share, 1))" y="\(y + 15)">\(node.flops > 0 ? String(format: "%.1f GFLOP/s", node.gflops) : "")</text>

            """
        }
        out += "</svg>\n"
        return out
    }
}
