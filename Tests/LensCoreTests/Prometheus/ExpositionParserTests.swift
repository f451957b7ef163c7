import Testing

@testable import LensCore

/// The exposition parser reads real engines' pages and both formats' spec examples, groups samples
/// into families by declared type and suffix, and names the line of every malformed input.
@Suite struct ExpositionParserTests {
    @Test func vllmPageGroupsCountersGaugesAndHistograms() throws {
        let page = try ExpositionParser.parse(ExpositionPages.vllm())
        let preemptions = try #require(page.family("vllm:num_preemptions"))
        #expect(preemptions.name == "vllm:num_preemptions_total")
        #expect(preemptions.type == .counter)
        #expect(preemptions.samples.first?.value == 2)
        #expect(preemptions.samples.first?[label: "model_name"] == "meta-llama/Llama-3.1-8B-Instruct")
        #expect(page.family("vllm:num_preemptions_total") == preemptions)
        let queue = try #require(page.family("vllm:request_queue_time_seconds"))
        #expect(queue.type == .histogram)
        #expect(queue.samples(suffix: "_bucket").map { $0[label: "le"] } == ["0.3", "0.5", "0.8", "1.0", "+Inf"])
        #expect(queue.samples(suffix: "_count").first?.value == 10)
        #expect(queue.samples(suffix: "_sum").first?.value == 4)
        #expect(page.family("vllm:prompt_tokens_total")?.samples.first?.value == 8_128_902)
        #expect(page.family("vllm:request_success")?.samples.count == 3)
        #expect(page.family("vllm:num_requests_waiting")?.type == .gauge)
        #expect(page.family("vllm:kv_cache_usage_perc")?.help == "KV-cache usage. 1 means 100 percent usage.")
        let info = try #require(page.family("vllm:cache_config_info")?.samples.first)
        #expect(info[label: "prefix_caching_hint"] == "a \"quoted\" path\\x\nnext")
        #expect(page.family("python_gc_objects_collected")?.type == .counter)
    }

    @Test func otherEnginesPagesParse() throws {
        let sglang = try ExpositionParser.parse(ExpositionPages.sglang)
        #expect(sglang.family("sglang:time_to_first_token_seconds")?.samples(suffix: "_bucket").count == 3)
        #expect(sglang.family("sglang:token_usage")?.samples.first?.value == 0.28)
        let llama = try ExpositionParser.parse(ExpositionPages.llamaCpp)
        #expect(llama.family("llamacpp:tokens_predicted")?.samples.first?.value == 3469)
        #expect(llama.families.count == 6)
        let tgi = try ExpositionParser.parse(ExpositionPages.tgi)
        #expect(tgi.family("tgi_request_failure")?.type == .counter)
        #expect(tgi.family("tgi_request_failure")?.samples.first?.name == "tgi_request_failure")
        #expect(tgi.family("tgi_request_queue_duration")?.samples.count == 5)
    }

    @Test func textFormatSpecExample() throws {
        let page = try ExpositionParser.parse(ExpositionPages.textFormatSpec)
        let requests = try #require(page.family("http_requests_total"))
        #expect(requests.samples.map(\.value) == [1027, 3])
        #expect(requests.samples.map(\.timestamp) == [1_395_066_363_000, 1_395_066_363_000])
        #expect(requests.samples[0].labels == [.init("method", "post"), .init("code", "200")])
        let msdos = try #require(page.family("msdos_file_access_time_seconds")?.samples.first)
        #expect(msdos.type(in: page) == .untyped)
        #expect(msdos[label: "path"] == #"C:\DIR\FILE.TXT"#)
        #expect(msdos[label: "error"] == "Cannot find file:\n\"FILE.TXT\"")
        #expect(msdos.value == 1.458255915e9)
        let weird = try #require(page.family("something_weird")?.samples.first)
        #expect(weird.value == .infinity)
        #expect(weird.timestamp == -3_982_045)
        #expect(page.family("metric_without_timestamp_and_labels")?.samples.first?.value == 12.47)
        #expect(page.family("http_request_duration_seconds")?.samples.count == 8)
        let summary = try #require(page.family("rpc_duration_seconds"))
        #expect(summary.type == .summary)
        #expect(summary.samples.count == 7)
        #expect(summary.samples(suffix: "_count").first?.value == 2693)
    }

    @Test func openMetricsExample() throws {
        let page = try ExpositionParser.parse(ExpositionPages.openMetrics)
        let summary = try #require(page.family("acme_http_router_request_seconds"))
        #expect(summary.unit == "seconds")
        #expect(summary.samples.count == 3)
        let foo = try #require(page.family("foo"))
        #expect(foo.type == .counter)
        #expect(foo.samples.map(\.name) == ["foo_total", "foo_created"])
        #expect(foo.samples[0].timestamp == 1_520_879_607.789)
        #expect(foo.samples[0].exemplar == .init(labels: [.init("trace_id", "KOO5S4vxi0o")], value: 0.67, timestamp: nil))
        #expect(page.family("foo_total") == foo)
        let bar = try #require(page.family("bar"))
        #expect(bar.samples.count == 5)
        #expect(bar.samples[2].exemplar == .init(labels: [], value: 2.5, timestamp: 1_520_879_607.789))
        #expect(page.family("build")?.type == .info)
        #expect(page.family("build")?.samples.first?.name == "build_info")
        #expect(page.family("feature")?.samples.count == 2)
        #expect(page.family("queue")?.samples.map(\.name) == ["queue_bucket", "queue_bucket", "queue_gcount", "queue_gsum"])
        #expect(page.family("mystery")?.type == .unknown)
        #expect(page.family("mystery")?.samples.first?.value.isNaN == true)
    }

    @Test func crlfBlankLinesAndSpacing() throws {
        let text = "# TYPE a gauge\r\n\r\n  a{ x = \"1\" , } 3\r\n\t\r\nb -1.5e-3\r\nc 4 # {} 1\r\n"
        let page = try ExpositionParser.parse(text)
        #expect(page.family("a")?.samples.first?.labels == [.init("x", "1")])
        #expect(page.family("a")?.samples.first?.value == 3)
        #expect(page.family("b")?.samples.first?.value == -0.0015)
        #expect(page.family("c")?.samples.first?.exemplar?.value == 1)
        #expect(try ExpositionParser.parse("").families.isEmpty)
    }

    /// A sample named like a suffix of a family of another type is a family of its own.
    @Test func suffixesOnlyJoinFamiliesWhoseTypeAllowsThem() throws {
        let page = try ExpositionParser.parse("# TYPE x gauge\nx 1\nx_total 2\n# TYPE y histogram\ny_bucket{le=\"+Inf\"} 1\ny_total 1\n")
        #expect(page.family("x")?.samples.count == 1)
        #expect(page.family("x_total")?.type == .untyped)
        #expect(page.family("y")?.samples.count == 1)
        #expect(page.family("y_total")?.type == .untyped)
    }

    struct Bad: Sendable, CustomStringConvertible {
        var page: String
        var line: Int
        var says: String
        var description: String { says }
    }

    static let bad: [Bad] = [
        Bad(page: "a 1\nb\n", line: 2, says: "b: expected a value"),
        Bad(page: "a 1\n\n{x=\"1\"} 2\n", line: 3, says: "expected a metric name"),
        Bad(page: "a{x=\"1\" 2\n", line: 1, says: "expected , or } after the value of label x"),
        Bad(page: "a{x=\"1} 2\n", line: 1, says: "is not closed"),
        Bad(page: "a{x=1} 2\n", line: 1, says: "expected a quoted value for label x"),
        Bad(page: "a{x=\"1\",x=\"2\"} 2\n", line: 1, says: "label x appears twice"),
        Bad(page: "a{1x=\"1\"} 2\n", line: 1, says: "expected a label name"),
        Bad(page: "a one\n", line: 1, says: "expected a value"),
        Bad(page: "a 0x1p3\n", line: 1, says: "expected a value"),
        Bad(page: "a 1 2 3\n", line: 1, says: "unexpected text after the value"),
        Bad(page: "a 1 later\n", line: 1, says: "expected a timestamp"),
        Bad(page: "a 1 # trace\n", line: 1, says: "exemplar: expected { after #"),
        Bad(page: "# TYPE a gauge\n# TYPE a counter\n", line: 2, says: "a second # TYPE line for a"),
        Bad(page: "# TYPE a timer\n", line: 1, says: "unknown metric type 'timer'"),
        Bad(page: "# TYPE 9a gauge\n", line: 1, says: "# TYPE needs a metric name"),
        Bad(page: "a 1\n# EOF\nb 2\n", line: 3, says: "text after # EOF"),
        Bad(page: "# TYPE h histogram\nh_sum 1\nh_bucket{x=\"y\"} 1\n", line: 3, says: "h_bucket has no le label"),
        Bad(page: "# TYPE h histogram\nh_bucket{le=\"soon\"} 1\n", line: 2, says: "le=\"soon\" is not a number"),
        Bad(page: "a{x=\"\u{1B}[31m\"} 1 \u{1B}\n", line: 1, says: "a: expected a timestamp"),
    ]

    @Test(arguments: bad) func malformedLinesAreNamed(_ bad: Bad) {
        #expect {
            _ = try ExpositionParser.parse(bad.page)
        } throws: { error in
            guard let error = error as? ExpositionError else { return false }
            return error.line == bad.line && error.description.hasPrefix("metrics line \(bad.line): ") && error.reason.contains(bad.says)
                && !error.description.contains("\u{1B}")
        }
    }

    @Test func limitsRefuseOversizedPages() {
        let small = ExpositionLimits(maxBytes: 64, maxSamples: 2, maxLabels: 2, maxLineBytes: 20)
        #expect(throws: ExpositionError(line: 0, "the page is 65 bytes, over the 64-byte limit")) {
            try ExpositionParser.parse(String(repeating: "a", count: 65), limits: small)
        }
        #expect(throws: ExpositionError(line: 3, "more than 2 samples on the page")) {
            try ExpositionParser.parse("a 1\nb 2\nc 3\n", limits: small)
        }
        #expect(throws: ExpositionError(line: 1, "the line is longer than 20 bytes")) {
            try ExpositionParser.parse("a_very_long_metric_name 1\n", limits: small)
        }
        #expect(throws: ExpositionError(line: 1, "a: more than 2 labels")) {
            try ExpositionParser.parse(
                "a{x=\"1\",y=\"2\",z=\"3\"} 1\n", limits: ExpositionLimits(maxBytes: 64, maxSamples: 2, maxLabels: 2, maxLineBytes: 64))
        }
    }

    /// Mutated real pages (bytes flipped, cut, duplicated) either parse or fail with a located error; none traps.
    @Test func mutatedPagesNeverTrap() {
        var generator = SeededBytes(seed: 0x5EED)
        let pages = [ExpositionPages.vllm(), ExpositionPages.openMetrics, ExpositionPages.textFormatSpec].map { Array($0.utf8) }
        let alphabet = Array("{}=\",#\\ \n\r\tle+-.eE0123456789NaInf_:x\u{0}\u{FF}".utf8)
        var failures = 0
        for round in 0..<3000 {
            var page = pages[round % pages.count]
            for _ in 0..<(1 + generator.next() % 6) {
                let at = Int(generator.next() % UInt64(page.count))
                switch generator.next() % 3 {
                case 0: page[at] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                case 1: page.removeSubrange(at..<min(page.count, at + Int(generator.next() % 40)))
                default: page.insert(contentsOf: page[at..<min(page.count, at + 30)], at: at)
                }
                if page.isEmpty { page = [0x31] }
            }
            do {
                _ = try ExpositionParser.parse(page)
            } catch {
                failures += 1
                #expect(error.line > 0 && error.line <= page.count + 1)
            }
        }
        // Most mutations break something the parser must notice.
        #expect(failures > 1000)
    }
}

extension ExpositionSample {
    fileprivate func type(in page: ExpositionPage) -> MetricType? { page.families.first { $0.samples.contains(self) }?.type }
}

/// SplitMix64: a repeatable stream for the mutation test.
struct SeededBytes {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
