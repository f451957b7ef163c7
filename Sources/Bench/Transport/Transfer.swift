import CCurl
import LensCore

/// One in-flight request: its curl handle, its response decoder and its timestamps.
///
/// A class because it owns a curl easy handle and because curl's C callbacks reach it through an
/// unmanaged pointer; transfers are pooled and reused so that steady-state requests allocate nothing.
final class Transfer {
    /// The curl handle, configured once per scenario.
    let easy: EasyHandle
    /// Decodes the response body as it arrives.
    var decoder: ResponseDecoder
    /// Which side of the scenario the transfer serves (0, or 1 for an interleaved baseline); fixed for its life.
    let arm: Int
    /// The randomized block of the current request (−1: warmup or not interleaved).
    var block: Int32 = -1
    /// Whether this request is part of the warmup.
    var isWarmup = false
    /// Which prompt body the request carries.
    var bodyIndex = 0
    /// Intended send time (monotonic ns).
    var intendedNs: Int64 = 0
    /// Actual send time (monotonic ns): when the runner handed the request to curl.
    var actualNs: Int64 = 0
    /// Arrival of the status line, or −1.
    var firstByteNs: Int64 = -1
    /// The HTTP status from the latest status line, or 0.
    var status = 0
    /// The server's numeric request id (`x-sim-request-id` or a numeric `x-request-id`), or −1.
    var serverRequestID: Int64 = -1
    /// The start of an error response body, kept for the error message.
    var errorBody: [UInt8] = []
    /// Where arrival times come from (the loop's batch time, or the clock).
    let arrival: ArrivalStamp
    /// The socket curl uses for this transfer, as its socket callback last said (−1: none).
    var socket: Int32 = -1

    /// The most bytes of an error body kept for messages.
    static let errorBodyLimit = 512
    /// The most characters of a request's error message, cut only after redaction (`Redactor.redact(_:limit:)`).
    static let messageLimit = 240

    /// Creates a transfer with a fresh handle wired to this object's callbacks, or nil if curl cannot allocate one.
    init?(wire: WireProtocol, streaming: Bool, arrival: ArrivalStamp, arm: Int = 0, limits: ResponseLimits = ResponseLimits()) {
        guard let easy = EasyHandle() else { return nil }
        self.easy = easy
        self.arm = arm
        self.arrival = arrival
        decoder = ResponseDecoder(wire: wire, streaming: streaming, limits: limits)
        let context = Unmanaged.passUnretained(self).toOpaque()
        easy.set(CURLOPT_WRITEFUNCTION, callback: Transfer.onBody)
        easy.set(CURLOPT_WRITEDATA, pointer: context)
        easy.set(CURLOPT_HEADERFUNCTION, callback: Transfer.onHeader)
        easy.set(CURLOPT_HEADERDATA, pointer: context)
        easy.set(CURLOPT_PRIVATE, pointer: context)
        // Signals cannot be used for timeouts in a multi-threaded process.
        easy.set(CURLOPT_NOSIGNAL, 1)
        easy.set(CURLOPT_TCP_NODELAY, 1)
    }

    /// Clears the state of the previous request.
    func prepare(wire: WireProtocol, streaming: Bool, intended: Int64, bodyIndex: Int, warmup: Bool, block: Int32 = -1) {
        decoder.reset(wire: wire, streaming: streaming)
        self.block = block
        intendedNs = intended
        self.bodyIndex = bodyIndex
        isWarmup = warmup
        firstByteNs = -1
        status = 0
        serverRequestID = -1
        socket = -1
        errorBody.removeAll(keepingCapacity: true)
    }

    /// The transfer behind an unmanaged context pointer.
    static func from(_ context: UnsafeMutableRawPointer) -> Transfer {
        Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    }

    /// Header callback: stamps the first byte and reads the status code from each status line.
    static let onHeader: lens_curl_data_callback = { data, size, count, context in
        let length = size * count
        guard let data, let context else { return length }
        let transfer = Transfer.from(context)
        if transfer.firstByteNs < 0 { transfer.firstByteNs = transfer.arrival.now(socket: transfer.socket) }
        let bytes = UnsafeRawBufferPointer(start: data, count: length)
        // "HTTP/1.1 200 OK": a new status line (after 100 Continue or a redirect) replaces the old status.
        if length >= 12, bytes[0] == UInt8(ascii: "H"), bytes[1] == UInt8(ascii: "T"), bytes[2] == UInt8(ascii: "T"),
            bytes[3] == UInt8(ascii: "P"), bytes[4] == UInt8(ascii: "/")
        {
            var index = 5
            while index < length, bytes[index] != 0x20 { index += 1 }
            var code = 0
            var digits = 0
            index += 1
            while index < length, digits < 3, bytes[index] &- UInt8(ascii: "0") < 10 {
                code = code * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
            if digits == 3 { transfer.status = code }
        } else if let id = Transfer.requestID(in: bytes) {
            transfer.serverRequestID = id
        }
        return length
    }

    /// The numeric value of an `x-sim-request-id:` or `x-request-id:` header line, if the line is one.
    static func requestID(in line: UnsafeRawBufferPointer) -> Int64? {
        guard line.count > 14, line[0] | 0x20 == UInt8(ascii: "x") else { return nil }
        return numericHeader(line, "x-sim-request-id:") ?? numericHeader(line, "x-request-id:")
    }

    /// The value of header `name` (case-insensitive, with its colon) when it is a whole decimal number.
    private static func numericHeader(_ line: UnsafeRawBufferPointer, _ name: StaticString) -> Int64? {
        let count = name.utf8CodeUnitCount
        guard line.count > count else { return nil }
        for i in 0..<count where line[i] | 0x20 != name.utf8Start[i] | 0x20 { return nil }
        var index = count
        while index < line.count, line[index] == 0x20 { index += 1 }
        var value: Int64 = 0
        var digits = 0
        while index < line.count, digits < 18, line[index] &- UInt8(ascii: "0") < 10 {
            value = value * 10 + Int64(line[index] &- UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        let rest = index < line.count ? line[index] : 0x0D
        return digits > 0 && (rest == 0x0D || rest == 0x0A) ? value : nil
    }

    /// Body callback: feeds successful responses to the decoder, keeps the start of error bodies.
    /// A response past a size cap is aborted (a short count makes curl stop with a write error).
    static let onBody: lens_curl_data_callback = { data, size, count, context in
        let length = size * count
        guard let data, let context else { return length }
        let transfer = Transfer.from(context)
        let now = transfer.arrival.now(socket: transfer.socket)
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
        if transfer.status >= 200, transfer.status < 300 {
            transfer.decoder.consume(bytes, at: now)
            if transfer.decoder.progress.exceeded != nil { return 0 }
        } else if transfer.errorBody.count < errorBodyLimit {
            transfer.errorBody.append(contentsOf: bytes.prefix(errorBodyLimit - transfer.errorBody.count))
        }
        return length
    }

    /// Classifies the finished transfer and measures it (the decoder's progress then holds the gaps and kept text).
    func complete(code: CURLcode, at now: Int64, estimatedInputTokens: Int) -> (
        record: RequestRecord, engine: EngineFigures, message: String?
    ) {
        let streaming = decoder.streaming
        let bodyOK = code == CURLE_OK
        // A body cut short is not parsed as a whole: it is a truncation, not a malformed document.
        let progress: ResponseProgress
        if bodyOK || streaming {
            progress = decoder.finish(at: now)
        } else {
            progress = decoder.progress
        }
        let (error, message) = classify(code: code, progress: progress)
        let output = progress.outputTokens
        let input = progress.interpreter.usageInputTokens
        func ms(_ ns: Int64) -> Float { Float(Double(ns - intendedNs) / 1e6) }
        let record = RequestRecord(
            intendedOffsetNs: intendedNs, sendLagMs: Float(Double(actualNs - intendedNs) / 1e6),
            ttfbMs: firstByteNs >= 0 ? ms(firstByteNs) : .nan,
            ttftMs: streaming && progress.firstContentNs >= 0 ? ms(progress.firstContentNs) : .nan,
            e2eMs: ms(now),
            inputTokens: Int32(clamping: input >= 0 ? input : estimatedInputTokens),
            outputTokens: Int32(clamping: output.count), chunks: Int32(clamping: progress.contentEvents),
            status: Int16(clamping: status), error: error, isWarmup: isWarmup, serverRequestID: serverRequestID,
            inputFromServer: input >= 0, outputFromServer: output.fromServer, block: block)
        return (record, progress.interpreter.engine, message)
    }

    /// The error class of a finished transfer (nil for success) and, for failures, what the server
    /// or curl said, uncut and unredacted: the caller must pass it through the plan's redactor.
    private func classify(code: CURLcode, progress: ResponseProgress) -> (RequestErrorClass?, String?) {
        if code == CURLE_OPERATION_TIMEDOUT { return (.timeout, curlMessage(code)) }
        if status >= 400 {
            let errorClass: RequestErrorClass = status == 429 ? .http429 : status >= 500 ? .http5xx : .http4xx
            // The whole kept body: the driver redacts it before cutting it to `messageLimit`.
            return (errorClass, "HTTP \(status): " + String(decoding: errorBody, as: UTF8.self))
        }
        // No status line at all: the connection could not be made or was dropped before any response.
        if status == 0 { return (.connect, curlMessage(code)) }
        // Redirects are not followed: the base URL is probably wrong.
        if status >= 300 { return (.http4xx, "HTTP \(status) (redirects are not followed; check base_url)") }
        // The body decides the rest: size caps, malformed frames, in-body errors, a cut transfer, no content, no end marker.
        guard let failure = progress.failure(cut: code == CURLE_OK ? nil : curlMessage(code)) else { return (nil, nil) }
        return (failure.0, failure.1)
    }

    private func curlMessage(_ code: CURLcode) -> String {
        curl_easy_strerror(code).map { String(cString: $0) } ?? "curl error \(code.rawValue)"
    }
}
