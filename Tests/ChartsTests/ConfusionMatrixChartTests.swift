import Charts
import Testing

@Suite("Confusion matrix chart")
struct ConfusionMatrixChartTests {
    @Test("labels, title and caption are escaped on both axes and in every cell's tooltip")
    func escapesLabels() throws {
        let labels = Hostile.strings
        let counts = labels.indices.map { row in labels.indices.map { $0 == row ? 9 : 1 } }
        for (title, caption) in [(nil, nil), (Hostile.strings[0], Hostile.strings[3])] as [(String?, String?)] {
            let svg = ConfusionMatrixChart(labels: labels, counts: counts, title: title, caption: caption).svg()
            #expect(!svg.contains("<script") && !svg.contains("]]>") && !svg.contains("\"hi\""))
            let texts = try ChartXML.texts(svg, element: "text")
            for label in labels {
                let elsewhere = [title, caption].filter { $0 == label }.count
                #expect(texts.filter { $0 == label }.count == 2 + elsewhere, "row and column heading")
            }
            #expect(try ChartXML.texts(svg, element: "title").contains("true \(labels[0]), predicted \(labels[1]): 1"))
            if let title { #expect(texts.contains(title)) }
            #expect(try ChartXML.attributes(svg, "onload").isEmpty)
        }
    }

    @Test("the default heading and caption are computed from the counts")
    func defaultTitle() throws {
        let svg = ConfusionMatrixChart(labels: ["a", "b"], counts: [[8, 2], [1, 9]]).svg()
        let texts = try ChartXML.texts(svg, element: "text")
        #expect(texts.contains("Confusion matrix (20 examples, accuracy 85.0%)"))
        #expect(texts.contains("shade: share of the true class's examples; macro-F1 0.850"))
        #expect(texts.contains("8") && texts.contains("9"))
    }

    @Test("ragged, negative and oversized counts draw without trapping; missing cells are 0")
    func hostileCounts() throws {
        let svg = ConfusionMatrixChart(labels: ["a", "b", "c"], counts: [[Int.max, Int.max], [-5], [1, 2, 3, 4]]).svg()
        let titles = try ChartXML.texts(svg, element: "title")
        #expect(titles.count == 9)
        #expect(titles.contains("true b, predicted a: 0"))
        #expect(titles.contains("true a, predicted c: 0"))
        _ = ConfusionMatrixChart(labels: [], counts: []).svg()
    }

    @Test("at most maximumClasses classes are drawn, and the caption says so")
    func capsClasses() throws {
        let labels = (0..<300).map { "class \($0)" }
        let counts = labels.indices.map { row in labels.indices.map { $0 == row ? 3 : 0 } }
        let svg = ConfusionMatrixChart(labels: labels, counts: counts, maximumClasses: 20).svg()
        #expect(try ChartXML.texts(svg, element: "title").count == 400)
        #expect(svg.contains("(the first 20 of 300 classes)"))
        #expect(svg.contains("accuracy 100.0%"), "the heading still counts every class")
    }
}
