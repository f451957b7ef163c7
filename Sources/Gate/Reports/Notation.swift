import Foundation
import LensCore

/// The one fixed notation for numbers in every report, so that a change reads the same everywhere.
///
/// A change is shown with its size and its evidence, benchstat-style:
/// `+12.4% [+8.1, +16.9] p=0.003 n=200+200`, prefixed with `~ ` when it is not significant.
/// Significant is not the same as large: a tiny change can be significant with many samples,
/// which is why every comparison also has a practical threshold.
public enum Notation {
    /// `+12.4%`, `-3.0%`, `+0.0%`; more decimals for very small changes.
    public static func percent(_ value: Double) -> String {
        let sign = value >= 0 ? "+" : "-"
        let magnitude = abs(value)
        let digits = magnitude >= 10 || magnitude == 0 ? 1 : (magnitude >= 1 ? 1 : 2)
        return sign + String(format: "%.\(digits)f", magnitude) + "%"
    }

    /// A threshold or limit without sign: `10%`, `12.5%`.
    public static func threshold(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? "\(Int(value))%" : String(format: "%g%%", value)
    }

    /// `[+8.1, +16.9]`.
    public static func interval(_ range: ClosedRange<Double>) -> String {
        "[\(signed(range.lowerBound)), \(signed(range.upperBound))]"
    }

    private static func signed(_ value: Double) -> String {
        let text = percent(value)
        return String(text.dropLast())
    }

    /// `p=0.003`, `p<0.001`, `p=1.000`.
    public static func pValue(_ p: Double) -> String {
        p < 0.001 ? "p<0.001" : "p=" + String(format: "%.3f", p)
    }

    /// `after shared shift -4.6%`: what a change was measured after when the history model took
    /// the run's shared shift out (the baseline and current values beside it are raw).
    public static func afterSharedShift(_ shift: Double) -> String {
        "after shared shift \(percent(shift))"
    }

    /// The full change notation of a comparison.
    public static func change(_ change: Change) -> String {
        var parts: [String] = []
        parts.append(change.percent.map(percent) ?? "n/a")
        if let interval = change.interval { parts.append(self.interval(interval)) }
        if let shift = change.afterSharedShiftPercent { parts.append(afterSharedShift(shift)) }
        if let p = change.adjustedP ?? change.pWorse { parts.append(pValue(p)) }
        parts.append("n=\(change.baselineCount)+\(change.currentCount)")
        let text = parts.joined(separator: " ")
        return change.significant ? text : "~ " + text
    }

    /// A value with its unit and about four significant digits: `120.5 ms`, `0.0125`, `38.2 tok/s`.
    public static func value(_ value: Double, _ metric: Metric) -> String {
        switch metric.unit {
        case .ratio:
            return String(format: "%.2f%%", value * 100)
        case .usd:
            return "$" + significant(value, digits: 4)
        default:
            return significant(value, digits: 4) + (metric.unit.rawValue.isEmpty ? "" : " " + metric.unit.rawValue)
        }
    }

    /// A number with `digits` significant digits as a plain decimal, for any magnitude:
    /// `0.0000004`, `123.5`, `120000000000000000000`. Never exponent notation, which Mermaid's
    /// `xychart-beta` rejects; "n/a" for a non-finite value.
    public static func plain(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "n/a" }
        if value == 0 { return "0" }
        // printf rounds to `digits` significant digits in exponent form; the point is then moved.
        let scientific = String(format: "%.\(max(digits, 1) - 1)e", abs(value))
        guard let e = scientific.firstIndex(of: "e"), let exponent = Int(scientific[scientific.index(after: e)...]) else {
            return significant(value, digits: digits)
        }
        let mantissa = scientific[..<e].filter { $0 != "." }
        let point = exponent + 1
        var text: String
        if point <= 0 {
            text = "0." + String(repeating: "0", count: -point) + mantissa
        } else if point >= mantissa.count {
            text = mantissa + String(repeating: "0", count: point - mantissa.count)
        } else {
            text = mantissa.prefix(point) + "." + mantissa.dropFirst(point)
        }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return (value < 0 ? "-" : "") + text
    }

    /// A number with `digits` significant digits, without exponent for everyday magnitudes.
    public static func significant(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "n/a" }
        if value == 0 { return "0" }
        let magnitude = Int(floor(log10(abs(value))))
        if magnitude >= 15 || magnitude < -6 { return String(format: "%.\(max(digits - 1, 0))e", value) }
        let decimals = max(0, digits - 1 - magnitude)
        var text = String(format: "%.\(decimals)f", value)
        // Trailing zeros after the point add no information ("100.0" → "100", "12.10" → "12.1").
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
