import Foundation
import Stats

/// Loads the JSON fixtures written by `scripts/stats/generate_fixtures.py`.
enum Fixtures {
    /// Decodes `Fixtures/<name>.json` from the test bundle.
    static func load<Case: Decodable>(_ name: String, as caseType: Case.Type) throws -> [Case] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw FixtureMissing(name: name)
        }
        let file = try JSONDecoder().decode(FixtureFile<Case>.self, from: Data(contentsOf: url))
        return file.cases
    }

    struct FixtureMissing: Error { let name: String }
}

/// The common envelope of every fixture file.
struct FixtureFile<Case: Decodable>: Decodable {
    let generator: String
    let cases: [Case]
}

/// A JSON number that may also be the strings "inf" or "-inf".
struct FixtureNumber: Decodable, CustomStringConvertible {
    let value: Double

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            value = number
            return
        }
        switch try container.decode(String.self) {
        case "inf": value = .infinity
        case "-inf": value = -.infinity
        case let other:
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a number: \(other)")
        }
    }

    var description: String { "\(value)" }
}

extension Alternative {
    /// Parses scipy's spelling: "two-sided", "less", "greater".
    init(scipyName: String) {
        switch scipyName {
        case "less": self = .less
        case "greater": self = .greater
        default: self = .twoSided
        }
    }
}

/// Whether two numbers agree to `relative` tolerance (scipy agreement target 1e-6).
///
/// Equal values (including equal infinities) agree; values both below `tiny` in magnitude agree
/// (underflow region); `absolute` allows for results that are sums with cancellation near zero.
func isClose(
    _ actual: Double, _ expected: Double, relative: Double = 1e-6,
    absolute: Double = 0, tiny: Double = 1e-300
) -> Bool {
    if actual == expected { return true }
    if actual.isNaN || expected.isNaN || actual.isInfinite || expected.isInfinite { return false }
    if abs(actual) < tiny && abs(expected) < tiny { return true }
    let difference = abs(actual - expected)
    return difference <= absolute || difference <= relative * max(abs(actual), abs(expected))
}
