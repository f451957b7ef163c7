import Testing

@testable import Publish

/// The comment text: marker, size limit with a link to the full report, and the `Link` header reader.
@Suite struct CommentBodyTests {
    @Test func aShortSummaryIsPostedWhole() {
        let body = CommentBody(name: "default", markdown: "### ✅ passed\r\n", limit: 65_536, fullReportURL: nil)
        #expect(body.text == "<!-- lens-gate:default -->\n### ✅ passed\n")
        #expect(!body.truncated)
    }

    @Test func aLongSummaryIsCutAtALineWithALinkAndClosedDetails() {
        let rows = (0..<5_000).map { "| ✅ | scenario-\($0) | ttft_ms.p95 | 120 ms | 121 ms | ~ +0.8% [-1.0, +2.6] |" }
        let markdown = "### ❌ failed\n\n<details><summary>All</summary>\n\n" + rows.joined(separator: "\n") + "\n</details>\n"
        let url = "https://github.example/o/r/actions/runs/99"
        let body = CommentBody(name: "nightly", markdown: markdown, limit: 65_536, fullReportURL: url)
        #expect(body.truncated)
        #expect(body.text.utf8.count <= 65_536)
        #expect(body.text.count <= 65_536)
        #expect(body.text.hasPrefix("<!-- lens-gate:nightly -->\n### ❌ failed"))
        #expect(body.text.contains("[the job summary](\(url))"))
        #expect(body.text.components(separatedBy: "<details>").count == body.text.components(separatedBy: "</details>").count)
        // Cut between rows, never inside one.
        let lastRow = body.text.split(separator: "\n").last { $0.hasPrefix("| ") }
        #expect(lastRow?.hasSuffix("|") == true)
    }

    @Test(arguments: [
        ("default", true), ("perf.gpu-1_a", true), ("", false), ("a -->", false), ("ä", false),
        (String(repeating: "a", count: 65), false),
    ])
    func namesCannotCloseTheMarker(name: String, valid: Bool) {
        #expect(CommentBody.isValidName(name) == valid)
    }

    @Test func unchangedTextIgnoresLineEndingsAndTrailingSpace() {
        #expect(StickyComment.normalized("a\r\nb\n\n  ") == StickyComment.normalized("a\nb"))
        #expect(StickyComment.normalized("a\nb") != StickyComment.normalized("a\nc"))
    }

    @Test func linkHeaderNextPage() {
        let header = #"<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last""#
        #expect(LinkHeader.next(in: header) == "https://api.github.com/x?page=2")
        #expect(LinkHeader.next(in: #"<https://a/x?page=1>; rel="prev", <https://a/x?page=9>; rel="last""#) == nil)
        #expect(LinkHeader.next(in: #"<https://a/x?page=3>; rel="next last""#) == "https://a/x?page=3")
        #expect(LinkHeader.next(in: nil) == nil)
    }
}
