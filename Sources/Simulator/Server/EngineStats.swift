import NIOConcurrencyHelpers

/// What a vLLM-like engine would report about the simulator's own work, for `GET /metrics`:
/// requests running and waiting, token and request counters, and latency histograms fed from the
/// times the simulator actually wrote, per model name.
///
/// A request counts as waiting while a streamed response sits in its slow-headers delay (the
/// simulator's only queue), then as running until its record is written. The queue time
/// observed is that delay (0 without the fault). The simulator never preempts, so the preemption
/// counter stays 0. KV-cache usage is the running requests' prompt and planned output tokens
/// over a simulated cache of `kvCacheTokens`.
final class EngineStats: Sendable {
    /// A simulated KV cache of 4,096 blocks of 16 tokens (vLLM's default block size).
    static let kvCacheTokens = 4_096 * 16
    /// vLLM's `time_to_first_token_seconds` bucket bounds.
    static let ttftBounds: [Double] = [
        0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0,
    ]
    /// vLLM's bucket bounds of request-level times (`e2e_request_latency_seconds`, `request_queue_time_seconds`).
    static let requestBounds: [Double] = [
        0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0,
    ]

    /// One model's figures.
    struct Series: Sendable {
        var running = 0
        var waiting = 0
        var runningTokens = 0
        var promptTokens = 0
        var generationTokens = 0
        var succeeded = 0
        var ttft = Histogram(bounds: EngineStats.ttftBounds)
        var e2e = Histogram(bounds: EngineStats.requestBounds)
        var queue = Histogram(bounds: EngineStats.requestBounds)
    }

    /// Cumulative bucket counts with their sum, as Prometheus histograms keep them.
    struct Histogram: Sendable {
        let bounds: [Double]
        /// Observations at or below each bound (not cumulative; the page adds them up).
        var counts: [Int]
        var overflow = 0
        var sum = 0.0

        init(bounds: [Double]) {
            self.bounds = bounds
            counts = Array(repeating: 0, count: bounds.count)
        }

        var count: Int { counts.reduce(overflow, +) }

        mutating func observe(_ seconds: Double) {
            sum += seconds
            if let index = bounds.firstIndex(where: { seconds <= $0 }) { counts[index] += 1 } else { overflow += 1 }
        }
    }

    private let series: NIOLockedValueBox<[String: Series]>

    /// Stats with a zero series for each known model, so counters exist before the first request.
    init(models: [String]) {
        series = NIOLockedValueBox(Dictionary(uniqueKeysWithValues: models.map { ($0, Series()) }))
    }

    /// A generation began; `waiting` while its slow-headers delay runs.
    func started(model: String, tokens: Int, waiting: Bool) {
        series.withLockedValue { all in
            if waiting { all[model, default: Series()].waiting += 1 } else { all[model, default: Series()].running += 1 }
            all[model, default: Series()].runningTokens += tokens
        }
    }

    /// A waiting generation sent its head and now runs.
    func admitted(model: String) {
        series.withLockedValue { all in
            all[model, default: Series()].waiting -= 1
            all[model, default: Series()].running += 1
        }
    }

    /// A generation's record was written: it no longer runs; a completed one is counted and timed.
    func finished(_ record: TruthRecord, model: String, stillWaiting: Bool) {
        series.withLockedValue { all in
            var s = all[model] ?? Series()
            if stillWaiting { s.waiting -= 1 } else { s.running -= 1 }
            s.runningTokens -= record.inputTokens + record.outputTokens
            s.promptTokens += record.inputTokens
            if record.outcome == .completed {
                s.succeeded += 1
                s.generationTokens += record.outputTokens
                s.queue.observe(Self.seconds(record.headerDelay))
                s.e2e.observe(Self.seconds(record.finished))
                if let first = record.firstContentWritten { s.ttft.observe(Self.seconds(first)) }
            }
            all[model] = s
        }
    }

    /// A copy of every model's figures.
    func snapshot() -> [String: Series] { series.withLockedValue { $0 } }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
