import LensCore
import NIOCore
import NIOHTTP1

/// The simulator's `POST /tokenize`: splits text into the simulator's own tokens and answers in
/// the shape of vLLM, llama.cpp's server or TGI (see `TokenizerDialect`).
///
/// A token is a space followed by the non-space characters after it (how every word of
/// `TokenText` is written), a run of non-space characters without a space before it, or a lone
/// whitespace character. The text of a simulated reply therefore counts exactly its tokens.
enum Tokenizer {
    /// One token: its id and its UTF-8 byte range in the text.
    struct Token: Equatable {
        var id: Int
        var range: Range<Int>
    }

    /// The id of the beginning-of-sequence token added when special tokens are asked for.
    static let beginningOfSequence = 1

    /// Vocabulary ids by word (the first id of a word listed twice).
    private static let ids: [[UInt8]: Int] = {
        var ids: [[UInt8]: Int] = [:]
        for (index, word) in TokenText.wordBytes.enumerated() where ids[word] == nil { ids[word] = TokenText.tokenIDs[index] }
        return ids
    }()

    /// The tokens of `text`.
    static func tokens(_ text: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
        while index < text.count {
            let start = index
            if text[index] == 0x20, index + 1 < text.count, !isSpace(text[index + 1]) {
                index += 1
                while index < text.count, !isSpace(text[index]) { index += 1 }
            } else if isSpace(text[index]) {
                index += 1
            } else {
                while index < text.count, !isSpace(text[index]) { index += 1 }
            }
            let piece = Array(text[start..<index])
            tokens.append(Token(id: ids[piece] ?? unknownID(piece), range: start..<index))
        }
        return tokens
    }

    /// A stable id outside the vocabulary's range for a piece the vocabulary lacks.
    private static func unknownID(_ piece: [UInt8]) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in piece { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return 30_000 + Int(hash % 20_000)
    }

    /// Status and body answering a tokenize request in `dialect`.
    static func answer(_ body: ByteBuffer, dialect: TokenizerDialect) -> (HTTPResponseStatus, ByteBuffer) {
        guard let root = try? JSONParser.parse(Array(body.readableBytesView)), case .object = root.value else {
            return problem(dialect, "the request body must be a JSON object")
        }
        let json = root.value
        let (field, addsSpecialByDefault, specialField): (String, Bool, String) =
            switch dialect {
            case .vllm: ("prompt", true, "add_special_tokens")
            case .llamaCpp: ("content", false, "add_special")
            case .tgi: ("inputs", true, "add_special_tokens")
            }
        var special = addsSpecialByDefault
        if case .bool(let value)? = json[specialField] { special = value }
        guard case .string(let text)? = json[field] else {
            // llama.cpp's server answers a body without content with an empty token list.
            if dialect == .llamaCpp { return (.ok, jsonBody { $0.writeStaticString(#"{"tokens":[]}"#) }) }
            return problem(dialect, "'\(field)' is required (a string)")
        }
        let bytes = Array(text.utf8)
        var tokens = Self.tokens(bytes)
        if special { tokens.insert(Token(id: beginningOfSequence, range: 0..<0), at: 0) }
        let answer = jsonBody(capacity: 64 + 40 * tokens.count) { b in
            switch dialect {
            case .vllm:
                b.writeStaticString(#"{"count":"#)
                b.writeDecimal(tokens.count)
                b.writeStaticString(#","max_model_len":32768,"tokens":["#)
                writeIDs(tokens, &b)
                b.writeStaticString(#"],"token_strs":null}"#)
            case .llamaCpp:
                b.writeStaticString(#"{"tokens":["#)
                if case .bool(true)? = json["with_pieces"] {
                    for (i, token) in tokens.enumerated() {
                        if i > 0 { b.writeStaticString(",") }
                        b.writeStaticString(#"{"id":"#)
                        b.writeDecimal(token.id)
                        b.writeStaticString(#","piece":"#)
                        b.writeJSONString(String(decoding: bytes[token.range], as: UTF8.self))
                        b.writeStaticString("}")
                    }
                } else {
                    writeIDs(tokens, &b)
                }
                b.writeStaticString("]}")
            case .tgi:
                b.writeStaticString("[")
                for (i, token) in tokens.enumerated() {
                    if i > 0 { b.writeStaticString(",") }
                    b.writeStaticString(#"{"id":"#)
                    b.writeDecimal(token.id)
                    b.writeStaticString(#","text":"#)
                    b.writeJSONString(
                        token.id == beginningOfSequence && token.range.isEmpty ? "<s>" : String(decoding: bytes[token.range], as: UTF8.self)
                    )
                    b.writeStaticString(#","start":"#)
                    b.writeDecimal(token.range.lowerBound)
                    b.writeStaticString(#","stop":"#)
                    b.writeDecimal(token.range.upperBound)
                    b.writeStaticString("}")
                }
                b.writeStaticString("]")
            }
        }
        return (.ok, answer)
    }

    private static func writeIDs(_ tokens: [Token], _ b: inout ByteBuffer) {
        for (i, token) in tokens.enumerated() {
            if i > 0 { b.writeStaticString(",") }
            b.writeDecimal(token.id)
        }
    }

    /// A refusal in the dialect's error style: vLLM 400 `{"object":"error",...}`, TGI 422, llama.cpp 400.
    private static func problem(_ dialect: TokenizerDialect, _ message: String) -> (HTTPResponseStatus, ByteBuffer) {
        switch dialect {
        case .vllm:
            return (
                .badRequest,
                jsonBody { b in
                    b.writeStaticString(#"{"object":"error","message":"#)
                    b.writeJSONString(message)
                    b.writeStaticString(#","type":"BadRequestError","param":null,"code":400}"#)
                }
            )
        case .tgi:
            return (
                .unprocessableEntity,
                jsonBody { b in
                    b.writeStaticString(#"{"error":"#)
                    b.writeJSONString(message)
                    b.writeStaticString(#","error_type":"validation"}"#)
                }
            )
        case .llamaCpp:
            return (
                .badRequest,
                jsonBody { b in
                    b.writeStaticString(#"{"error":{"code":400,"message":"#)
                    b.writeJSONString(message)
                    b.writeStaticString(#","type":"invalid_request_error"}}"#)
                }
            )
        }
    }
}
