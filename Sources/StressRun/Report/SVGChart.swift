/// Inline SVG charts for the HTML report: plain strings, no script, fixed-point coordinates, so
/// the same run always renders to the same bytes.
struct SVGChart {
    /// One line of a chart: its points as (x, y) in data units, a colour and a legend label.
    struct Series {
        var label: String
        var color: String
        var points: [(x: Double, y: Double)]
        /// Dashed: a limit, not a measurement.
        var dashed = false
    }

    /// A horizontal band of a timeline: a state that held from `from` to `to` (data units).
    struct Band {
        var from: Double
        var to: Double
        var label: String
        var color: String
    }

    var width = 720.0
    var height = 180.0
    var margin = (left: 86.0, right: 12.0, top: 22.0, bottom: 28.0)

    /// A line chart of `series` over the x range `xs`, with the y axis labelled by `format`.
    func lines(_ series: [Series], title: String, xs: ClosedRange<Double>, format: (Double) -> String) -> String {
        let ys = series.flatMap { $0.points.map(\.y) }
        guard let low = ys.min(), let high = ys.max() else { return empty(title) }
        let yRange = low == high ? (low - 1)...(high + 1) : low...high
        var svg = open(title)
        svg += axisLabels(yRange, format: format) + hourLabels(xs)
        for line in series where !line.points.isEmpty {
            let points = line.points.map { "\(fixed(x($0.x, xs))),\(fixed(y($0.y, yRange)))" }.joined(separator: " ")
            let dash = line.dashed ? " stroke-dasharray=\"6 4\"" : ""
            svg +=
                "<polyline fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"1.5\"\(dash) points=\"\(points)\"><title>\(HTMLText.escape(line.label))</title></polyline>"
        }
        svg += legend(series.map { ($0.label, $0.color) })
        return svg + "</svg>"
    }

    /// A timeline: one row of bands per entry of `rows`, over the x range `xs`.
    func timeline(_ rows: [(name: String, bands: [Band])], title: String, xs: ClosedRange<Double>) -> String {
        let rowHeight = (height - margin.top - margin.bottom) / Double(max(rows.count, 1))
        var svg = open(title) + hourLabels(xs)
        for (index, row) in rows.enumerated() {
            let top = margin.top + Double(index) * rowHeight
            svg += "<text x=\"4\" y=\"\(fixed(top + rowHeight / 2 + 4))\" font-size=\"11\">\(HTMLText.escape(row.name))</text>"
            for band in row.bands {
                let left = x(band.from, xs)
                let right = max(x(band.to, xs), left + 1)
                svg +=
                    "<rect x=\"\(fixed(left))\" y=\"\(fixed(top + 2))\" width=\"\(fixed(right - left))\" height=\"\(fixed(rowHeight - 4))\" "
                    + "fill=\"\(band.color)\"><title>\(HTMLText.escape(band.label))</title></rect>"
                if right - left > Double(band.label.count) * 6 + 6 {
                    svg +=
                        "<text x=\"\(fixed(left + 3))\" y=\"\(fixed(top + rowHeight / 2 + 4))\" font-size=\"10\" fill=\"#111\">\(HTMLText.escape(band.label))</text>"
                }
            }
        }
        return svg + "</svg>"
    }

    private func open(_ title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
            + "role=\"img\" aria-label=\"\(HTMLText.escape(title))\"><rect width=\"100%\" height=\"100%\" fill=\"#fbfbfd\" stroke=\"#ccd\"/>"
            + "<text x=\"\(Int(margin.left))\" y=\"15\" font-size=\"12\" font-weight=\"600\">\(HTMLText.escape(title))</text>"
    }

    private func empty(_ title: String) -> String {
        open(title) + "<text x=\"\(Int(width / 2) - 40)\" y=\"\(Int(height / 2))\" font-size=\"12\">no data</text></svg>"
    }

    private func axisLabels(_ range: ClosedRange<Double>, format: (Double) -> String) -> String {
        let top = "<text x=\"4\" y=\"\(fixed(margin.top + 10))\" font-size=\"10\">\(HTMLText.escape(format(range.upperBound)))</text>"
        let bottom = "<text x=\"4\" y=\"\(fixed(height - margin.bottom))\" font-size=\"10\">\(HTMLText.escape(format(range.lowerBound)))</text>"
        return top + bottom
    }

    /// The x axis: hours since the start, at both ends.
    private func hourLabels(_ range: ClosedRange<Double>) -> String {
        "<text x=\"\(fixed(margin.left))\" y=\"\(fixed(height - margin.bottom + 12))\" font-size=\"10\">\(HTMLText.decimal(range.lowerBound, places: 1)) h</text>"
            + "<text x=\"\(fixed(width - margin.right - 36))\" y=\"\(fixed(height - margin.bottom + 12))\" font-size=\"10\">\(HTMLText.decimal(range.upperBound, places: 1)) h</text>"
    }

    private func legend(_ entries: [(String, String)]) -> String {
        var svg = ""
        var left = margin.left
        for (label, color) in entries.prefix(8) {
            svg += "<rect x=\"\(fixed(left + 60))\" y=\"\(fixed(height - 12))\" width=\"10\" height=\"10\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(fixed(left + 74))\" y=\"\(fixed(height - 3))\" font-size=\"10\">\(HTMLText.escape(label))</text>"
            left += 18 + Double(label.count) * 6
        }
        return svg
    }

    private func x(_ value: Double, _ range: ClosedRange<Double>) -> Double {
        let span = range.upperBound - range.lowerBound
        let fraction = span > 0 ? (value - range.lowerBound) / span : 0
        return margin.left + fraction * (width - margin.left - margin.right)
    }

    private func y(_ value: Double, _ range: ClosedRange<Double>) -> Double {
        let fraction = (value - range.lowerBound) / (range.upperBound - range.lowerBound)
        return height - margin.bottom - fraction * (height - margin.top - margin.bottom)
    }

    /// One decimal, without Foundation's locale-dependent formatting.
    private func fixed(_ value: Double) -> String { HTMLText.decimal(value, places: 1) }
}
