import Foundation
import LensCore
import Stats

/// The prompts of a workload, loaded or generated before the scenario starts.
public struct PromptSet: Sendable, Equatable {
    /// One prompt and its size estimate.
    public struct Prompt: Sendable, Equatable {
        /// The text sent.
        public var text: String
        /// Estimated prompt tokens, used only when the server reports no usage.
        public var estimatedTokens: Int
    }

    /// The prompts, in the order requests use them (request *i* uses prompt *i* mod count).
    public var prompts: [Prompt]

    /// The most distinct prompts generated for synthetic and template workloads.
    public static let generatedVariety = 256

    /// The most tokens of synthetic text generated for one workload (about 200 MB of text): long
    /// prompts get fewer distinct variants, so that a million-token workload does not need 1.5 GB.
    public static let syntheticTokenBudget = 1 << 25

    /// How many distinct synthetic prompts of up to `longest` tokens fit the budget (at least one).
    static func syntheticVariety(longest: Int) -> Int {
        max(1, min(generatedVariety, syntheticTokenBudget / max(longest, 1)))
    }

    /// Loads or generates the prompts of a workload; files are resolved against `baseDirectory`.
    public init(workload: WorkloadConfig, baseDirectory: String, seed: UInt64) throws(InputError) {
        var random = SeededGenerator(seed: workload.seed ?? seed)
        switch workload.source {
        case .fixed(let text):
            prompts = [Prompt(text: text, estimatedTokens: Self.estimateTokens(text, system: workload.system))]
        case .file(let path, let field, let position):
            let resolved = path.hasPrefix("/") ? path : (baseDirectory as NSString).appendingPathComponent(path)
            let texts = try Self.read(file: resolved, shownAs: path, field: field, position: position)
            prompts = texts.map { Prompt(text: $0, estimatedTokens: Self.estimateTokens($0, system: workload.system)) }
        case .synthetic(let inputTokens, let spread):
            prompts = (0..<Self.syntheticVariety(longest: inputTokens + spread)).map { index in
                let jitter = spread == 0 ? 0 : Int(random.next() % UInt64(2 * spread + 1)) - spread
                let words = max(1, inputTokens + jitter)
                return Prompt(text: SyntheticText.prompt(words: words, variant: index, random: &random), estimatedTokens: words)
            }
        case .template(let template, let variables):
            prompts = (0..<Self.generatedVariety).map { _ in
                var text = template
                for variable in variables {
                    let value = variable.values[Int(random.next() % UInt64(variable.values.count))]
                    text = text.replacingOccurrences(of: "{\(variable.name)}", with: value)
                }
                text = text.replacingOccurrences(of: "{{", with: "{").replacingOccurrences(of: "}}", with: "}")
                return Prompt(text: text, estimatedTokens: Self.estimateTokens(text, system: workload.system))
            }
        }
    }

    /// About four bytes of English per token (OpenAI's rule of thumb); used only without server usage.
    static func estimateTokens(_ text: String, system: String?) -> Int {
        max(1, (text.utf8.count + (system?.utf8.count ?? 0) + 3) / 4)
    }

    private static func read(file: String, shownAs path: String, field: String, position: TextPosition) throws(InputError) -> [String] {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.read(file, role: "prompts")
        } catch {
            throw InputError(file: path, reason: error.reason + " (referenced from the config at \(position))")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError(file: path, reason: "prompts file is not valid UTF-8")
        }
        var prompts: [String] = []
        let isJSONL = file.hasSuffix(".jsonl") || file.hasSuffix(".ndjson")
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard isJSONL else {
                prompts.append(String(trimmed))
                continue
            }
            do {
                let node = try JSONParser.parse(String(trimmed))
                let object = try node.object(at: .root)
                prompts.append(try object.required(field).string(at: FieldPath.root.appending(field)))
            } catch let error as JSONSyntaxError {
                throw InputError(
                    file: path, position: TextPosition(line: number + 1, column: error.position.column),
                    reason: "invalid JSON: \(error.reason)")
            } catch let error as FieldError {
                throw InputError(file: path, position: TextPosition(line: number + 1, column: 1), field: error.path, reason: error.reason)
            } catch {
                throw InputError(file: path, position: TextPosition(line: number + 1, column: 1), reason: "\(error)")
            }
        }
        guard !prompts.isEmpty else { throw InputError(file: path, reason: "prompts file has no prompts") }
        return prompts
    }
}
