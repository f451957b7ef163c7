/// The text of a sticky comment: a hidden marker that finds it again, then the Markdown summary,
/// cut to the platform's size limit with a link to the full report when it is too long.
public struct CommentBody: Sendable, Equatable {
    /// The comment's name, which tells several lens-gate comments on one pull request apart.
    public var name: String
    /// The complete text to post.
    public private(set) var text: String
    /// Whether the Markdown had to be cut.
    public private(set) var truncated: Bool

    /// Characters a name may use: letters, digits, `.`, `_`, `-` (so it cannot close the HTML comment).
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))
            }
    }

    /// The hidden marker for a name: `<!-- lens-gate:NAME -->`.
    public static func marker(for name: String) -> String { "\(markerPrefix)\(name) -->" }

    /// What every marker starts with, whatever its name.
    static let markerPrefix = "<!-- lens-gate:"

    /// Builds the body; `limit` counts UTF-8 bytes, which never undercounts the characters a platform counts.
    public init(name: String, markdown: String, limit: Int, fullReportURL: String?) {
        self.name = name
        let head = CommentBody.marker(for: name) + "\n"
        let markdown = markdown.replacingLineEndings()
        if head.utf8.count + markdown.utf8.count <= limit {
            text = head + markdown
            truncated = false
            return
        }
        let link = fullReportURL.map { "[the job summary](\($0))" } ?? "the job summary"
        let note = "\n\n> ✂️ This summary was cut to stay under \(limit) characters; the full report is in \(link).\n"
        var budget = limit - head.utf8.count - note.utf8.count - "</details>\n".utf8.count * 4
        var kept: [Substring] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let cost = line.utf8.count + 1
            guard cost <= budget else { break }
            kept.append(line)
            budget -= cost
        }
        var body = kept.joined(separator: "\n")
        // A cut inside <details> would fold the note away; close what is still open.
        let open = kept.reduce(0) { $0 + $1.occurrences(of: "<details") - $1.occurrences(of: "</details>") }
        if open > 0 { body += "\n" + String(repeating: "</details>\n", count: min(open, 4)) }
        text = head + body + note
        truncated = true
    }
}

extension String {
    /// `\r\n` and lone `\r` become `\n`, so that a body read back from an API compares equal.
    func replacingLineEndings() -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        var previousWasCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                result += "\n"
                previousWasCR = true
                continue
            }
            if scalar == "\n", previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}

extension Substring {
    fileprivate func occurrences(of needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let range = rest.firstRange(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
