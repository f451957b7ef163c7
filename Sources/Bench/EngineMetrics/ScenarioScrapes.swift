import Foundation
import LensCore

/// The engine-metrics scrapes of one scenario: each side's `/metrics` before the measured phase
/// (on a thread of its own, so the load never waits for it) and after it, and the figures the
/// two pages give.
///
/// The page before is taken when the first measured request is sent: a scenario with warmup
/// then leaves the warmup requests still in flight in the figures (at most the concurrency's
/// worth); without warmup it is taken before the scenario starts, so nothing else is counted.
final class ScenarioScrapes: @unchecked Sendable {
    /// One side's page: its target, URL and headers.
    struct Side: Sendable {
        /// The target's name, for warnings.
        var target: String
        /// The page's URL.
        var url: String
        /// The target's header lines (credentials; never shown).
        var headerLines: [String]
        /// Families to record beside the curated ones.
        var include: [String]
    }

    /// The sides whose targets ask for engine metrics, as plan sides (0 candidate, 1 baseline).
    let sides: [(index: Int, side: Side)]
    /// How long one scrape may take.
    let timeoutSeconds: Double
    private let condition = NSCondition()
    private var started = false
    private var finished = false
    private var before: [Result<ExpositionPage, ScrapeFailure>] = []

    /// The scrapes a plan asks for (none when no side's target sets `engine_metrics`).
    init(plan: ScenarioPlan) {
        var sides: [(Int, Side)] = []
        if let config = plan.target.engineMetrics {
            sides.append(
                (
                    0,
                    Side(
                        target: plan.target.name, url: config.url(baseURL: plan.target.baseURL), headerLines: plan.headerLines,
                        include: config.include)
                ))
        }
        if let baseline = plan.baseline, let config = baseline.target.engineMetrics {
            sides.append(
                (
                    1,
                    Side(
                        target: baseline.target.name, url: config.url(baseURL: baseline.target.baseURL),
                        headerLines: ScenarioPlan.headerLines(baseline.headers), include: config.include)
                ))
        }
        self.sides = sides
        timeoutSeconds = min(plan.scenario.load.timeoutSeconds, 10)
    }

    /// Whether there is anything to scrape.
    var isEmpty: Bool { sides.isEmpty }

    /// What the driver calls when the first measured request is sent; nil when there is nothing to scrape.
    var measuredStartHook: (@Sendable () -> Void)? {
        if sides.isEmpty { return nil }
        return { @Sendable [self] in startBefore() }
    }

    /// Starts the scrapes before the measured phase on their own thread; later calls do nothing.
    func startBefore() {
        condition.lock()
        defer { condition.unlock() }
        guard !started, !sides.isEmpty else { return }
        started = true
        let thread = Thread { [self] in
            let pages = scrapeAll()
            condition.lock()
            before = pages
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "lens-gate-scrape"
        thread.start()
    }

    /// Takes the pages before the measured phase and waits for them (a scenario without warmup,
    /// before it starts). Blocks.
    func takeBefore() {
        startBefore()
        condition.lock()
        while started && !finished { condition.wait() }
        condition.unlock()
    }

    /// Takes the pages after the measured phase and turns both into each side's figures, with a
    /// warning per failed scrape; nothing when the measured phase never began. Blocks.
    func figures() -> (bySide: [Int: [EngineFigure]], warnings: [String]) {
        condition.lock()
        while started && !finished { condition.wait() }
        let wasStarted = started
        let pagesBefore = before
        condition.unlock()
        guard wasStarted else { return ([:], []) }
        let pagesAfter = scrapeAll()
        var figures: [Int: [EngineFigure]] = [:]
        var warnings: [String] = []
        for (position, entry) in sides.enumerated() {
            let side = entry.side
            var pageBefore: ExpositionPage?
            switch pagesBefore[position] {
            case .success(let page): pageBefore = page
            case .failure(let failure):
                warnings.append(
                    "target '\(side.target)': engine metrics before the measured phase could not be read (\(failure.reason)); only gauges are recorded"
                )
            }
            switch pagesAfter[position] {
            case .success(let page):
                figures[entry.index] = ScrapePair(before: pageBefore, after: page).figures(include: side.include)
            case .failure(let failure):
                warnings.append(
                    "target '\(side.target)': engine metrics after the measured phase could not be read (\(failure.reason)); none are recorded"
                )
            }
        }
        if sides.count == 2, sides[0].side.url == sides[1].side.url {
            warnings.append(
                "targets '\(sides[0].side.target)' and '\(sides[1].side.target)' share one metrics page: each side's engine figures count both sides' requests"
            )
        }
        return (figures, warnings)
    }

    private func scrapeAll() -> [Result<ExpositionPage, ScrapeFailure>] {
        sides.map { MetricsScrape.run(url: $0.side.url, headerLines: $0.side.headerLines, timeoutSeconds: timeoutSeconds) }
    }
}
