/// The valid range of every numeric input lens-gate reads: config keys, command-line flags and the
/// fields of results and history files. Readers check these where they read; docs/configuration.md
/// lists them. A bound is either what the quantity can mean (a probability lies in 0…1) or what
/// keeps the tool's own arithmetic and memory safe (no integer conversion can trap, no allocation
/// can exceed a few hundred MiB), with room to spare for any real benchmark.
public enum InputLimits {
    // MARK: Gate

    /// A significance level (`alpha`, `screening_alpha`, `--alpha`): below 10⁻⁶ no test of a CI
    /// run can reach it; above 0.5 a "significant" change is likelier noise than not.
    public static let significanceLevel = ValidRange(0.000_001...0.5)
    /// The confidence level of reported intervals.
    public static let confidence = ValidRange(0.5...0.9999)
    /// A percentage threshold or tolerance (`threshold_percent`, `--threshold`, `--max-drift`).
    public static let percent = ValidRange(0.0...10_000)
    /// Bootstrap resamples (`bootstrap_resamples`).
    public static let bootstrapResamples = ValidRange(100...1_000_000)
    /// Reruns of flagged scenarios (`confirm.reruns`).
    public static let reruns = ValidRange(0...10)
    /// Newest runs `lens-gate trend` analyses (`--window`); Theil–Sen costs the square of it.
    public static let trendWindow = ValidRange(3...1_000)
    /// Refreshes a history keeps (`baseline update --history-limit`).
    public static let historyLimit = ValidRange(1...10_000)

    // MARK: Load

    /// Requests in flight in a closed loop; each holds a socket and a transfer.
    public static let concurrency = ValidRange(1...10_000)
    /// Mean requests per second of an open loop (one request per 1,000 s up to 100,000 a second).
    public static let rate = ValidRange(0.001...100_000.0)
    /// The gamma shape of bursty arrivals.
    public static let burstiness = ValidRange(0.01...100.0)
    /// Requests sent at one instant by `arrival: burst` (`burst_size`).
    public static let burstSize = ValidRange(1...10_000)
    /// Requests per side in each randomized block of an interleaved scenario (`block_size`, `--block-size`).
    public static let blockSize = ValidRange(1...10_000)
    /// Measured requests of a scenario.
    public static let requests = ValidRange(1...10_000_000)
    /// Warmup requests of a scenario.
    public static let warmup = ValidRange(0...1_000_000)
    /// The measured phase's length in seconds (up to a week).
    public static let durationSeconds = ValidRange(above: 0.0, through: 604_800)
    /// A request's timeout in seconds (up to a day).
    public static let timeoutSeconds = ValidRange(above: 0.0, through: 86_400)
    /// A latency limit of an SLO (`slo.ttft_ms`, `slo.tpot_ms`, `slo.e2e_ms`, `--slo`), in milliseconds:
    /// up to a day, like a request's timeout, beyond which no request waits.
    public static let sloMilliseconds = ValidRange(above: 0.0, through: 86_400_000)
    /// The open loop's cap on requests in flight (0 = no cap).
    public static let maxInFlight = ValidRange(0...100_000)
    /// Finished requests before the abort rule judges the error rate; fewest requests of a baseline.
    public static let minimumRequests = ValidRange(1...10_000_000)
    /// A fraction (`max_error_rate`, `--max-error-rate`, fault probabilities).
    public static let fraction = ValidRange(0.0...1.0)

    // MARK: Workload and pricing

    /// A token count: `max_tokens`, synthetic `input_tokens` and `output_tokens`, the simulator's
    /// `tokens` and `tokens_per_chunk` (a million is beyond every context window sold today).
    public static let tokens = ValidRange(1...1_000_000)
    /// The spread of synthetic prompt lengths.
    public static let inputSpread = ValidRange(0...1_000_000)
    /// The sampling temperature sent to the server.
    public static let temperature = ValidRange(0.0...2.0)
    /// A price in USD per million tokens.
    public static let pricePerMillion = ValidRange(0.0...1_000_000)
    /// A seed: a whole number that a JSON or YAML number holds exactly.
    public static let seed = ValidRange(0...9_000_000_000_000_000)

    // MARK: Simulator

    /// A simulated latency median in milliseconds (`ttft_ms`, `itl_ms`, `--ttft-ms`, `--itl-ms`): up to an hour.
    public static let simulatedLatencyMs = ValidRange(above: 0.0, through: 3_600_000)
    /// The log-normal sigma of simulated latencies.
    public static let jitter = ValidRange(0.0...3.0)
    /// A factor on simulated latencies (`slowdown`, `--slowdown`).
    public static let slowdown = ValidRange(above: 0.0, through: 1_000)
    /// Event-loop threads of `lens-gate sim`.
    public static let simulatorThreads = ValidRange(1...256)
    /// A TCP port (0 picks a free one).
    public static let port = ValidRange(0...65_535)

    // MARK: Publishing

    /// A pull or merge request number (`comment github --pr`, `comment gitlab --mr`).
    public static let requestNumber = ValidRange(1...Int.max)

    // MARK: Results and history files

    /// Every sample and statistic in results, baseline and history files, and every quality-gate
    /// limit: finite and at most 10¹⁸ in magnitude (10¹⁸ ms is 30 million years), so that sums,
    /// squares and slopes of any file stay finite.
    public static let sampleValue = ValidRange(-1e18...1e18)
    /// A count in results and history files (requests, tokens, samples behind a summary).
    public static let count = ValidRange(0...9_000_000_000_000_000)
    /// A block or request label of a sample (`sample_blocks`, `sample_requests`).
    public static let sampleLabel = ValidRange(0.0...999_999_999)
}
