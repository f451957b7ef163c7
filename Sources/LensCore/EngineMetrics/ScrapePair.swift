/// The scrapes of an engine's `/metrics` before and after a scenario's measured phase, and the
/// per-scenario figures they give.
///
/// Pure. Series of one family are added up over their labels (every model, engine core and
/// finish reason of the server). A series absent before counts from zero; a series whose value
/// went down restarted, so its value after is its whole increase (Prometheus's counter-reset rule).
public struct ScrapePair: Sendable, Equatable {
    /// The page scraped before the measured phase, nil when that scrape failed.
    public var before: ExpositionPage?
    /// The page scraped after it.
    public var after: ExpositionPage

    /// Creates a pair.
    public init(before: ExpositionPage?, after: ExpositionPage) {
        self.before = before
        self.after = after
    }

    /// The quantiles every seconds histogram reports, with their name suffixes.
    public static let quantiles: [(suffix: String, q: Double)] = [("_p50", 0.5), ("_p95", 0.95)]

    /// The figures of the curated families found on the page, then those of `include` (family
    /// names as the page writes them), each figure name once. Increases and histograms need the
    /// page before; without it only gauges at the end are given.
    public func figures(include: [String] = []) -> [EngineFigure] {
        var figures: [EngineFigure] = []
        var seen: Set<String> = []
        var curatedFamilies: Set<String> = []
        func add(_ figure: EngineFigure) {
            // Results files hold no negative values (a relative change from one means nothing).
            guard InputLimits.sampleValue.contains(figure.value), figure.value >= 0, EngineFigure.isValidName(figure.name),
                seen.insert(figure.name).inserted
            else { return }
            figures.append(figure)
        }
        for curated in CuratedFamily.all {
            curatedFamilies.formUnion(curated.families.compactMap { after.family($0)?.name })
            for figure in self.figures(of: curated) { add(figure) }
        }
        for name in include {
            guard let family = after.family(name), !curatedFamilies.contains(family.name) else { continue }
            for figure in self.figures(included: family) { add(figure) }
        }
        return figures
    }

    /// The figures of one curated family, empty when it is not on the page.
    func figures(of curated: CuratedFamily) -> [EngineFigure] {
        switch curated.reading {
        case .increaseRatio:
            guard curated.families.count == 2, let numerator = increase(curated.families[0]),
                let denominator = increase(curated.families[1]), denominator > 0
            else { return [] }
            return [EngineFigure(name: curated.figure, unit: curated.unit, better: curated.better, value: numerator / denominator)]
        default:
            guard let family = curated.families.lazy.compactMap({ after.family($0) }).first else { return [] }
            // Engines report durations in seconds; figures are in milliseconds.
            let scale = curated.reading == .secondsHistogram ? 1000.0 : 1
            return figures(
                of: family, reading: curated.reading, figure: curated.figure, unit: curated.unit, better: curated.better, scale: scale)
        }
    }

    /// The figures of a family named by `include:`: counters give their increase, histograms and
    /// summaries their mean (and histograms p50/p95), other families their value at the end; all
    /// are taken as lower-is-better. Names ending `_seconds` are converted to milliseconds.
    func figures(included family: MetricFamily) -> [EngineFigure] {
        var base = "engine_" + Self.snakeCase(family.name)
        if family.type == .counter, base.hasSuffix("_total") { base.removeLast("_total".count) }
        let seconds = base.hasSuffix("_seconds")
        if seconds { base.removeLast("_seconds".count) }
        let lowered = family.name.lowercased()
        switch family.type {
        case .counter:
            return figures(of: family, reading: .increase, figure: base, unit: .count, better: .lowerIsBetter)
        case .histogram, .summary:
            let figure = seconds ? base + "_ms" : base
            return figures(
                of: family, reading: .secondsHistogram, figure: figure, unit: seconds ? .milliseconds : .count, better: .lowerIsBetter,
                scale: seconds ? 1000 : 1)
        default:
            let ratio = lowered.hasSuffix("_perc") || lowered.hasSuffix("_ratio") || lowered.hasSuffix("_usage")
            let unit: EngineFigure.Unit = seconds ? .milliseconds : ratio ? .ratio : .count
            return figures(
                of: family, reading: .gaugeAtEnd, figure: seconds ? base + "_ms" : base, unit: unit, better: .lowerIsBetter,
                scale: seconds ? 1000 : 1)
        }
    }

    private func figures(
        of family: MetricFamily, reading: CuratedFamily.Reading, figure: String, unit: EngineFigure.Unit, better: Metric.Direction,
        scale: Double = 1
    ) -> [EngineFigure] {
        func made(_ name: String, _ value: Double?) -> [EngineFigure] {
            value.map { [EngineFigure(name: name, unit: unit, better: better, value: $0)] } ?? []
        }
        switch reading {
        case .increase:
            return made(figure, increase(family.name))
        case .gaugeAtEnd:
            return made(figure, family.total().map { $0 * scale })
        case .gaugeMax:
            let end = family.total()
            let start = before?.family(family.name).flatMap { $0.total() }
            return made(figure, [end, start].compactMap { $0 }.max().map { $0 * scale })
        case .secondsHistogram:
            guard let delta = histogramDelta(family.name) else { return [] }
            var figures = made(figure + "_mean", delta.mean.map { $0 * scale })
            if family.type == .histogram {
                for (suffix, q) in Self.quantiles {
                    // Durations cannot be negative, so a zero sum means every observation was 0;
                    // interpolation would place them halfway up the lowest bucket instead.
                    let estimate = delta.sum == 0 ? 0 : delta.quantile(q)
                    figures += made(figure + suffix, estimate.map { $0 * scale })
                }
            }
            return figures
        case .increaseRatio:
            return []
        }
    }

    // MARK: - Reading the pages

    /// The increase of a counter (its `_total` samples, or the family's own-name samples for pages
    /// that declare the `_total` name as the family), summed over series; nil without a page before.
    func increase(_ name: String) -> Double? {
        guard let before, let family = after.family(name) else { return nil }
        let suffix = family.samples.contains { $0.name == family.name + "_total" } ? "_total" : ""
        return Self.increase(family.samples(suffix: suffix), from: before.family(family.name)?.samples(suffix: suffix) ?? [])
    }

    /// What a histogram or summary gained between the two pages, summed over series by `le`;
    /// nil without a page before or when it gained nothing.
    func histogramDelta(_ name: String) -> HistogramDelta? {
        guard let before, let family = after.family(name) else { return nil }
        let old = before.family(family.name)
        let count = Self.increase(family.samples(suffix: "_count"), from: old?.samples(suffix: "_count") ?? [])
        let sum = Self.increase(family.samples(suffix: "_sum"), from: old?.samples(suffix: "_sum") ?? [])
        guard count > 0 else { return nil }
        var byBound: [Double: Double] = [:]
        let earlier = Self.seriesValues(old?.samples(suffix: "_bucket") ?? [])
        for sample in family.samples(suffix: "_bucket") {
            guard let text = sample[label: "le"], let bound = ExpositionPage.bound(text), sample.value.isFinite else { continue }
            let key = Self.seriesKey(sample.labels)
            byBound[bound, default: 0] += Self.gain(sample.value, from: earlier[key])
        }
        return HistogramDelta(buckets: byBound.map { (upperBound: $0.key, count: $0.value) }, sum: sum, count: count)
    }

    private static func increase(_ after: [ExpositionSample], from before: [ExpositionSample]) -> Double {
        let earlier = seriesValues(before)
        return after.reduce(0) { total, sample in
            sample.value.isFinite ? total + gain(sample.value, from: earlier[seriesKey(sample.labels)]) : total
        }
    }

    /// A series' increase: from zero when new, its whole value after a reset.
    private static func gain(_ value: Double, from earlier: Double?) -> Double {
        guard let earlier, earlier.isFinite else { return value }
        return value >= earlier ? value - earlier : value
    }

    private static func seriesValues(_ samples: [ExpositionSample]) -> [[ExpositionSample.Label]: Double] {
        var values: [[ExpositionSample.Label]: Double] = [:]
        for sample in samples { values[seriesKey(sample.labels)] = sample.value }
        return values
    }

    /// Labels in a canonical order, so that pages listing them differently still match.
    private static func seriesKey(_ labels: [ExpositionSample.Label]) -> [ExpositionSample.Label] {
        labels.sorted { $0.name < $1.name }
    }

    /// A family name as a lens-gate metric name piece: lower case, runs of other characters as one `_`.
    static func snakeCase(_ name: String) -> String {
        var out = ""
        var lastUnderscore = true
        for scalar in name.lowercased().unicodeScalars {
            let keep = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if keep {
                out.unicodeScalars.append(scalar)
                lastUnderscore = false
            } else if !lastUnderscore {
                out += "_"
                lastUnderscore = true
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        return out
    }
}
