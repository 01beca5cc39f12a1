import Charts
import Testing

@Suite("Line chart")
struct LineChartTests {
    static func chart(title: String = "Loss", name: String = "train", color: String = "#1f77b4",
                      points: [LineChart.Point] = (1...5).map { LineChart.Point(x: Double($0), y: 1 / Double($0)) })
        -> LineChart {
        LineChart(title: title, xLabel: "epoch", yLabel: "loss", series: [.init(name: name, color: color, points: points)],
                  marker: 3)
    }

    @Test("titles, series names, axis labels, captions and colours are escaped; the SVG stays well-formed")
    func escapesEveryString() throws {
        for hostile in Hostile.strings {
            let chart = LineChart(title: hostile, xLabel: hostile, yLabel: hostile,
                                  series: [.init(name: hostile, color: hostile, points: [.init(x: 1, y: 1), .init(x: 2, y: 0.5)])])
            let svg = chart.svg(caption: hostile)
            #expect(!svg.contains("<script"))
            #expect(!svg.contains("\"hi\""))
            #expect(!svg.contains("]]>"))
            let texts = try ChartXML.texts(svg, element: "text")
            #expect(texts.filter { $0 == hostile }.count == 5, "title, x label, y label, legend, caption read back as text")
            #expect(try ChartXML.attributes(svg, "onload").isEmpty)
        }
    }

    @Test("one polyline and one circle per point for each series; the marker is a dashed line")
    func drawsSeries() throws {
        let two = LineChart(title: "Accuracy", xLabel: "epoch", yLabel: "accuracy", series: [
            .init(name: "train", color: "#1f77b4", points: (1...4).map { .init(x: Double($0), y: 0.2 * Double($0)) }),
            .init(name: "validation", color: "#d62728", points: (1...3).map { .init(x: Double($0), y: 0.25 * Double($0)) }),
        ], marker: 2, fixedRange: 0...1)
        let svg = two.svg(caption: "best epoch 2")
        #expect(svg.components(separatedBy: "<polyline").count == 3)
        #expect(svg.components(separatedBy: "<circle").count == 8)
        #expect(svg.contains("stroke-dasharray=\"4 3\""))
        #expect(try ChartXML.texts(svg, element: "text").contains("validation"))
    }

    @Test("points that are not finite are left out instead of drawing nan or trapping")
    func skipsNonFinitePoints() throws {
        let points: [LineChart.Point] = [.init(x: 1, y: 2), .init(x: 2, y: .nan), .init(x: 3, y: .infinity),
                                         .init(x: .infinity, y: 1), .init(x: 4, y: 1)]
        let svg = Self.chart(points: points).svg(caption: "diverged")
        #expect(!svg.lowercased().contains("nan") && !svg.contains("inf"))
        #expect(svg.components(separatedBy: "<circle").count == 3)
        _ = try ChartXML.root(svg)
    }

    @Test("empty, single-point and huge-valued series draw without trapping")
    func oddInputs() throws {
        for points in [[], [LineChart.Point(x: 7, y: 7)], [.init(x: -1e300, y: 1e300), .init(x: 1e300, y: -1e300)],
                       [.init(x: Double(Int.max), y: 0), .init(x: Double(Int.max) * 4, y: 1)]] {
            let chart = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "s", color: "red", points: points)],
                                  marker: .nan, fixedRange: 1...1)
            _ = try ChartXML.root(chart.svg(caption: "c"))
        }
    }

    @Test("the same values give the same bytes")
    func deterministic() {
        #expect(Self.chart().svg(caption: "c") == Self.chart().svg(caption: "c"))
        #expect(LineChart.sideBySide([Self.chart(), Self.chart()], caption: "c").hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"840\""))
    }
}
