/// When a scenario's measured phase ran on the wall clock, in seconds since the Unix epoch.
///
/// Written by sharded runs only: merging shards that ran on different machines needs wall time to
/// place their measured phases on one axis (their monotonic clocks are unrelated). Only the
/// throughputs use it; per-request latencies come from each machine's monotonic clock.
public struct MeasuredWindow: Sendable, Equatable {
    /// The first measured send.
    public var start: Double
    /// The last measured completion.
    public var end: Double

    /// Creates a window (an end before the start is taken as the start).
    public init(start: Double, end: Double) {
        self.start = start
        self.end = max(start, end)
    }

    /// The total length covered by a set of windows: overlaps count once, gaps between them not at all.
    public static func unionLength(_ windows: [MeasuredWindow]) -> Double {
        var total = 0.0
        var current: MeasuredWindow?
        for window in windows.sorted(by: { $0.start < $1.start }) {
            if var open = current, window.start <= open.end {
                open.end = max(open.end, window.end)
                current = open
            } else {
                if let open = current { total += open.end - open.start }
                current = window
            }
        }
        if let open = current { total += open.end - open.start }
        return total
    }
}

extension MeasuredWindow {
    init(json node: JSONNode, at path: FieldPath) throws(FieldError) {
        let object = try node.object(at: path)
        let startNode = try object.required("start")
        let start = try startNode.number(at: object.path("start"))
        let end = try object.required("end").number(at: object.path("end"))
        guard start.isFinite, end.isFinite, start >= 0, end >= start, end < 1e11 else {
            throw FieldError(path, at: startNode.position, "start and end must be Unix seconds with end ≥ start")
        }
        self.init(start: start, end: end)
    }

    var json: JSONValue { .fields(["start": .number(start), "end": .number(end)]) }
}
