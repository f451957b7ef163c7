/// Reading of quantities with units used by the benchmark config (`30s`, `500ms`, `2m`).
extension YAMLNode {
    /// A duration in seconds within `range`: a plain number means seconds; `ms`, `s`, `m` and `h`
    /// suffixes are accepted.
    public func durationSeconds(at path: FieldPath, in range: ValidRange<Double>) throws(FieldError) -> Double {
        let text = try string(at: path).trimmingWhitespace.lowercased()
        guard let seconds = DurationText(text)?.value(inUnitOf: 1), seconds > 0 else {
            throw FieldError(path, at: position, "expected a positive duration such as 30s, 500ms or 2m, found '\(text)'")
        }
        guard range.contains(seconds) else {
            throw FieldError(path, at: position, "must be \(Self.seconds(range)), found '\(text)'")
        }
        return seconds
    }

    /// A size in bytes within `range`: a whole number of bytes, or a number with a unit — `KB`, `MB`,
    /// `GB` (powers of 1000) or `KiB`, `MiB`, `GiB` (powers of 1024); `K`, `M`, `G` alone mean the binary units.
    public func byteSize(at path: FieldPath, in range: ClosedRange<Int>) throws(FieldError) -> Int {
        let written = try string(at: path).trimmingWhitespace
        let text = written.lowercased()
        let units: [(suffix: String, scale: Double)] = [
            ("kib", 1024), ("mib", 1024 * 1024), ("gib", 1024 * 1024 * 1024),
            ("kb", 1000), ("mb", 1_000_000), ("gb", 1_000_000_000),
            ("k", 1024), ("m", 1024 * 1024), ("g", 1024 * 1024 * 1024), ("b", 1),
        ]
        var number = Substring(text)
        var scale = 1.0
        for unit in units where text.hasSuffix(unit.suffix) {
            number = number.dropLast(unit.suffix.count)
            scale = unit.scale
            break
        }
        let limits = "between \(ByteSize.describe(range.lowerBound)) and \(ByteSize.describe(range.upperBound))"
        guard let value = Double(number.trimmingWhitespace.filter { $0 != "_" }), value.isFinite else {
            throw FieldError(path, at: position, "expected a size such as 8MiB, 512KiB or 1048576 (bytes), found '\(written)'")
        }
        // Compared as doubles first, so that a huge number is refused instead of trapping on conversion.
        let bytes = (value * scale).rounded()
        guard bytes >= Double(range.lowerBound), bytes <= Double(range.upperBound) else {
            throw FieldError(path, at: position, "must be \(limits), found '\(written)'")
        }
        return Int(bytes)
    }

    /// A number that must be strictly positive.
    public func positiveNumber(at path: FieldPath) throws(FieldError) -> Double {
        let value = try number(at: path)
        guard value > 0 else { throw FieldError(path, at: position, "must be greater than 0, found \(value)") }
        return value
    }

    /// A whole number that must be at least `minimum`.
    public func integer(at path: FieldPath, atLeast minimum: Int) throws(FieldError) -> Int {
        let value = try integer(at: path)
        guard value >= minimum else { throw FieldError(path, at: position, "must be at least \(minimum), found \(value)") }
        return value
    }

    /// A random seed: a whole number that is not negative.
    public func seed(at path: FieldPath) throws(FieldError) -> UInt64 {
        UInt64(try integer(at: path, in: InputLimits.seed))
    }

    /// A ratio between 0 and 1, written as a number (`0.05`) or a percentage (`5%`).
    public func ratio(at path: FieldPath) throws(FieldError) -> Double {
        let text = try string(at: path).trimmingWhitespace
        let value: Double?
        if text.hasSuffix("%") {
            value = Double(text.dropLast().trimmingWhitespace).map { $0 / 100 }
        } else {
            value = Double(text)
        }
        guard let value, value.isFinite, (0...1).contains(value) else {
            throw FieldError(path, at: position, "expected a ratio between 0 and 1 (or a percentage such as 5%), found '\(text)'")
        }
        return value
    }

    /// A seconds range in words, with the upper bound also in hours or days when it is whole.
    private static func seconds(_ range: ValidRange<Double>) -> String {
        var text = range.description + " seconds"
        if range.upper >= 86_400, range.upper.truncatingRemainder(dividingBy: 86_400) == 0 {
            let days = Int(range.upper / 86_400)
            text += " (\(days) day\(days == 1 ? "" : "s"))"
        } else if range.upper >= 3_600, range.upper.truncatingRemainder(dividingBy: 3_600) == 0 {
            text += " (\(Int(range.upper / 3_600)) h)"
        }
        return text
    }
}
