import CCurl
import CLinuxEvents
import Glibc
import LensCore

/// Runs one scenario on the calling thread: schedules sends, drives curl's multi-socket API over
/// epoll, and records every request.
///
/// An interleaved A/B scenario runs both sides in this one loop: each send takes the next slot of
/// the `InterleavingSchedule` and goes to that side's URL with its headers, protocol and body;
/// the load (concurrency, arrivals, abort rule) is the union's, the request budget is per side.
///
/// Single-threaded by design: curl handles, decoders and the log are touched only by the thread
/// that calls `run()`; other threads talk to it through the `StopSignal` (an atomic flag plus an
/// eventfd). A class because it owns the curl multi handle and the epoll descriptors.
final class ScenarioDriver {
    private let plan: ScenarioPlan
    private let stop: StopSignal
    private let onProgress: @Sendable (ScenarioProgress) -> Void
    /// Called once, when the first measured request is sent (the engine-metrics scrape before the measured phase).
    var onMeasuredStart: (@Sendable () -> Void)?
    private let clock = SystemMonotonicClock()
    private let arrival = ArrivalStamp()
    private let multi: UnsafeMutableRawPointer
    private let poll: EventPoll
    private let streaming: Bool
    private let load: LoadConfig
    /// Warmup requests over all arms.
    private let warmupTotal: Int
    /// Measured requests over all arms, when bounded by count.
    private let requestLimitTotal: Int?

    private var transfers: [Transfer] = []
    private var arms: [DriverArm]
    /// The slot sequence of an interleaved scenario (nil: one arm).
    private var slots: InterleavingSchedule?
    private var inFlight: Set<ObjectIdentifier> = []
    private var curlDeadline: Int64?

    private var startNs: Int64 = 0
    private var measuredStartNs: Int64?
    private var measuredEndNs: Int64?
    private var dispatched = 0
    private var measuredDispatched = 0
    private var finishedAll = 0
    private var failedAll = 0
    private var measuredFinished = 0
    private var measuredFailed = 0
    private var warmupFinished = 0
    private var schedule: ArrivalSchedule?
    private var nextSendNs: Int64 = 0
    private var abortRate: Double?
    /// The deadline the timer is armed for, so an unchanged deadline costs no system call.
    private var armedAt: Int64?
    /// Set when libcurl refused a new request.
    private var dispatchFailure: String?

    /// How long before a scheduled send the loop stops sleeping and spins, so that a late timer
    /// wake-up (tens of microseconds on a busy machine) does not delay the send.
    static let spinLeadNs: Int64 = 50_000
    /// How often progress is reported.
    static let progressIntervalNs: Int64 = 100_000_000

    /// Why the driver could not start.
    struct SetupFailure: Error { var reason: String }

    init(plan: ScenarioPlan, stop: StopSignal, onProgress: @escaping @Sendable (ScenarioProgress) -> Void) throws(SetupFailure) {
        guard CurlRuntime.initialized, let multi = curl_multi_init() else { throw SetupFailure(reason: "libcurl could not be initialised") }
        self.multi = multi
        do {
            poll = try EventPoll()
        } catch {
            curl_multi_cleanup(multi)
            throw SetupFailure(reason: error.reason)
        }
        self.plan = plan
        self.stop = stop
        self.onProgress = onProgress
        streaming = plan.workload.stream
        let load = plan.scenario.load
        self.load = load
        let arms = DriverArm.arms(of: plan, logCapacity: min((load.requestLimit ?? 10_000) + load.warmup, 1_000_000))
        self.arms = arms
        warmupTotal = load.warmup * arms.count
        requestLimitTotal = load.requestLimit.map { $0 * arms.count }
        if plan.baseline != nil {
            slots = InterleavingSchedule(
                blockSize: plan.scenario.effectiveBlockSize, warmupPerSide: load.warmup,
                requestsPerSide: load.requestLimit, seed: plan.seed)
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        lens_multi_setopt_socket_callback(multi, ScenarioDriver.onSocket)
        lens_multi_setopt_pointer(multi, CURLMOPT_SOCKETDATA, context)
        lens_multi_setopt_timer_callback(multi, ScenarioDriver.onTimer)
        lens_multi_setopt_pointer(multi, CURLMOPT_TIMERDATA, context)
        // Keep a connection per concurrent request alive between requests (curl's default cache is small).
        lens_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(16, load.mode == .closed ? load.concurrency * 2 : 1024))
    }

    deinit {
        for transfer in transfers where inFlight.contains(ObjectIdentifier(transfer)) {
            curl_multi_remove_handle(multi, transfer.easy.raw)
        }
        curl_multi_cleanup(multi)
    }

    /// Runs the scenario to its end, a stop request or an abort: one recording per side
    /// (the candidate's, then the baseline's for an interleaved scenario).
    func run() -> [ScenarioRecording] {
        EventPoll.minimiseTimerSlack()
        stop.attach(wakeDescriptor: poll.wake)
        defer { stop.attach(wakeDescriptor: -1) }
        startNs = clock.nanoseconds()
        if load.mode == .open {
            var arrivals = ArrivalSchedule(load: load, seed: plan.seed, phaseSeconds: plan.shard.map(load.shardPhaseSeconds) ?? 0)
            // The first send is 1 ms out so that it is not late by the time the loop reaches it.
            startNs += 1_000_000
            nextSendNs = startNs + arrivals.next()
            schedule = arrivals
        }
        // The wall-clock time of startNs (which an open loop has just moved 1 ms ahead), for shards' measured windows.
        let startWall = SystemWallClock().secondsSinceEpoch() + Double(startNs - clock.nanoseconds()) / 1e9
        var nextProgressNs = startNs + Self.progressIntervalNs
        var ending = ScenarioRecording.Ending.finished
        let result = plan.bodyArena.withUnsafeBufferPointer { arena -> ScenarioRecording.Ending in
            while true {
                if stop.isSet { return .cancelled }
                if let abortRate { return .aborted(errorRate: abortRate) }
                var now = clock.nanoseconds()
                dispatchDue(now: now, arena: arena)
                if let dispatchFailure, inFlight.isEmpty { return .transportFailed(dispatchFailure) }
                if inFlight.isEmpty, !canDispatch(now: now) { return .finished }
                if now >= nextProgressNs {
                    reportProgress(now: now)
                    nextProgressNs = now + Self.progressIntervalNs
                }
                // Sleep until the earliest of: curl's deadline, the next send (minus the spin lead), the next progress report.
                var wakeAt = nextProgressNs
                if let curlDeadline { wakeAt = min(wakeAt, curlDeadline) }
                var spinning = false
                if schedule != nil, canDispatch(now: now), hasSendCapacity {
                    if nextSendNs - Self.spinLeadNs <= now { spinning = true } else { wakeAt = min(wakeAt, nextSendNs - Self.spinLeadNs) }
                }
                let ready: Int
                if spinning || wakeAt <= now {
                    ready = poll.wait(timeoutMilliseconds: 0)
                } else {
                    // A timer that already fired for this deadline would make wakeAt <= now above.
                    if armedAt != wakeAt {
                        poll.arm(at: wakeAt)
                        armedAt = wakeAt
                    }
                    ready = poll.wait(timeoutMilliseconds: -1)
                }
                // Sockets found readable now have their data stamped with this moment, however long the batch takes.
                // The clock is read only when epoll reported something (spin turns mostly report nothing).
                if ready > 0 {
                    let batchNs = clock.nanoseconds()
                    for index in 0..<ready where poll.events[index].events & EPOLLIN.rawValue != 0 {
                        arrival.markReady(poll.events[index].data.fd, at: batchNs)
                    }
                }
                defer { arrival.endBatch() }
                for index in 0..<ready {
                    let event = poll.events[index]
                    let descriptor = event.data.fd
                    if descriptor == poll.timer || descriptor == poll.wake {
                        poll.drain(descriptor)
                        continue
                    }
                    var mask: Int32 = 0
                    if event.events & EPOLLIN.rawValue != 0 { mask |= CURL_CSELECT_IN }
                    if event.events & EPOLLOUT.rawValue != 0 { mask |= CURL_CSELECT_OUT }
                    if event.events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 { mask |= CURL_CSELECT_ERR }
                    var running: Int32 = 0
                    curl_multi_socket_action(multi, descriptor, mask, &running)
                }
                now = clock.nanoseconds()
                if let deadline = curlDeadline, deadline <= now {
                    curlDeadline = nil
                    var running: Int32 = 0
                    curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running)
                }
                collectCompleted()
            }
        }
        ending = result
        var abandoned = [Int](repeating: 0, count: arms.count)
        for transfer in transfers where inFlight.contains(ObjectIdentifier(transfer)) {
            abandoned[transfer.arm] += 1
            curl_multi_remove_handle(multi, transfer.easy.raw)
        }
        inFlight.removeAll()
        reportProgress(now: clock.nanoseconds())
        // Both sides of an interleaved scenario share one measured phase (and so one duration).
        let start = measuredStartNs.map { $0 - startNs }
        let end = measuredEndNs.map { $0 - startNs }
        guard plan.baseline != nil else {
            return [
                ScenarioRecording(
                    plan: plan, log: arms[0].log, measuredStartNs: start, measuredEndNs: end, ending: ending,
                    errorMessages: arms[0].errorMessages, abandoned: abandoned[0], generatedTexts: arms[0].texts,
                    startWallSeconds: startWall)
            ]
        }
        let roles: [InterleavedSide.Role] = [.candidate, .baseline]
        return zip(arms.indices, roles).compactMap { index, role in
            plan.plan(of: role).map { side in
                ScenarioRecording(
                    plan: side, log: arms[index].log, measuredStartNs: start, measuredEndNs: end, ending: ending,
                    errorMessages: arms[index].errorMessages, abandoned: abandoned[index],
                    generatedTexts: arms[index].texts, startWallSeconds: startWall)
            }
        }
    }

    /// Whether the open loop may start another request now (the in-flight cap, if any).
    private var hasSendCapacity: Bool { load.maxInFlight == 0 || inFlight.count < load.maxInFlight }

    /// Whether the budget (count and duration) allows another send.
    private func canDispatch(now: Int64) -> Bool {
        if let slots, slots.isExhausted { return false }
        if dispatched < warmupTotal { return true }
        if let limit = requestLimitTotal, measuredDispatched >= limit { return false }
        if let duration = load.durationSeconds, let measuredStartNs, now >= measuredStartNs + Int64(duration * 1e9) { return false }
        return true
    }

    private func dispatchDue(now: Int64, arena: UnsafeBufferPointer<UInt8>) {
        switch load.mode {
        case .closed:
            while inFlight.count < load.concurrency, canDispatch(now: now) {
                guard dispatch(intended: now, arena: arena) else { return }
            }
        case .open:
            var now = now
            while nextSendNs <= now, canDispatch(now: nextSendNs), hasSendCapacity, var arrivals = schedule {
                guard dispatch(intended: nextSendNs, arena: arena) else { return }
                nextSendNs = startNs + arrivals.next()
                schedule = arrivals
                now = clock.nanoseconds()
            }
        }
    }

    /// Starts one request; false when curl could not take it (the scenario then stops sending).
    private func dispatch(intended: Int64, arena: UnsafeBufferPointer<UInt8>) -> Bool {
        var arm = 0
        var block: Int32 = -1
        if let slot = slots?.next() {
            arm = slot.arm
            block = slot.block
        }
        guard let transfer = arms[arm].idle.popLast() ?? makeTransfer(arm: arm) else {
            dispatchFailure = "libcurl could not create a transfer (out of memory?)"
            return false
        }
        let bodyIndex = plan.bodyIndex(sent: arms[arm].dispatched)
        let range = arms[arm].bodyRanges[bodyIndex]
        let warmup = dispatched < warmupTotal
        transfer.prepare(
            wire: arms[arm].wire, streaming: streaming, intended: intended, bodyIndex: bodyIndex, warmup: warmup,
            block: block)
        transfer.easy.set(CURLOPT_POSTFIELDSIZE, range.count)
        transfer.easy.set(CURLOPT_POSTFIELDS, pointer: UnsafeMutableRawPointer(mutating: arena.baseAddress.map { $0 + range.lowerBound }))
        let now = clock.nanoseconds()
        transfer.actualNs = max(now, intended)
        if !warmup, measuredStartNs == nil {
            measuredStartNs = intended
            onMeasuredStart?()
        }
        let added = curl_multi_add_handle(multi, transfer.easy.raw)
        guard added == CURLM_OK else {
            arms[arm].idle.append(transfer)
            dispatchFailure = curl_multi_strerror(added).map { String(cString: $0) } ?? "curl_multi_add_handle failed"
            return false
        }
        inFlight.insert(ObjectIdentifier(transfer))
        dispatched += 1
        arms[arm].dispatched += 1
        if !warmup { measuredDispatched += 1 }
        // Kick curl at once so the request leaves now rather than on the next loop turn.
        var running: Int32 = 0
        curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running)
        collectCompleted()
        return true
    }

    private func makeTransfer(arm: Int) -> Transfer? {
        guard
            let transfer = Transfer(
                wire: arms[arm].wire, streaming: streaming, arrival: arrival, arm: arm,
                limits: ResponseLimits(load: load))
        else { return nil }
        transfer.easy.set(CURLOPT_URL, arms[arm].url)
        transfer.easy.set(CURLOPT_POST, 1)
        transfer.easy.set(CURLOPT_HTTPHEADER, pointer: UnsafeMutableRawPointer(arms[arm].headers.raw))
        transfer.easy.set(CURLOPT_TIMEOUT_MS, max(1, Int(load.timeoutSeconds * 1000)))
        transfer.easy.set(CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(min(load.timeoutSeconds, 10) * 1000)))
        // Servers' compression would add decompression time to every chunk; benchmarks want raw bytes.
        transfers.append(transfer)
        return transfer
    }

    private func collectCompleted() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            var context: UnsafeMutableRawPointer?
            _ = lens_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &context)
            curl_multi_remove_handle(multi, easy)
            guard let context else { continue }
            finish(Transfer.from(context), code: code)
        }
    }

    private func finish(_ transfer: Transfer, code: CURLcode) {
        let now = arrival.now(socket: transfer.socket)
        inFlight.remove(ObjectIdentifier(transfer))
        let arm = transfer.arm
        var (record, engine, message) = transfer.complete(
            code: code, at: now,
            estimatedInputTokens: arms[arm].estimatedInputTokens[transfer.bodyIndex])
        record.intendedOffsetNs -= startNs
        var figures: [EngineMetric: Double] = [:]
        if !engine.isEmpty {
            let pairs: [(EngineMetric, Double)] = [
                (.loadDurationMs, engine.loadDurationMs), (.promptEvalDurationMs, engine.promptEvalDurationMs),
                (.evalDurationMs, engine.evalDurationMs), (.promptEvalCount, engine.promptEvalCount), (.evalCount, engine.evalCount),
            ]
            for (metric, value) in pairs where !value.isNaN { figures[metric] = value }
        }
        transfer.decoder.progress.gapsMs.withUnsafeBufferPointer { gaps in
            arms[arm].log.append(record, gaps: gaps, engine: figures)
        }
        // Without server usage the text is kept for the tokenizer, which counts it after the measured phase.
        if record.succeeded, !record.isWarmup, !record.outputFromServer {
            arms[arm].texts.keep(transfer.decoder.progress.keptText, request: arms[arm].log.count - 1)
        }
        finishedAll += 1
        if let error = record.error {
            failedAll += 1
            if arms[arm].errorMessages[error] == nil, let message {
                // Redacted as a whole, then cut: a key straddling the cut is hidden, not halved.
                arms[arm].errorMessages[error] = plan.redactor.redact(message, limit: Transfer.messageLimit)
            }
        }
        if record.isWarmup {
            warmupFinished += 1
        } else {
            measuredFinished += 1
            if !record.succeeded { measuredFailed += 1 }
            measuredEndNs = max(measuredEndNs ?? now, now)
        }
        arms[arm].idle.append(transfer)
        let abort = plan.scenario.abort
        if finishedAll >= abort.minRequests, Double(failedAll) / Double(finishedAll) > abort.maxErrorRate {
            abortRate = Double(failedAll) / Double(finishedAll)
        }
    }

    private func reportProgress(now: Int64) {
        onProgress(
            ScenarioProgress(
                elapsedSeconds: Double(now - startNs) / 1e9, finished: measuredFinished, failed: measuredFailed,
                warmupFinished: warmupFinished, inFlight: inFlight.count,
                plannedRequests: (load.requests ?? load.requestLimit).map { $0 * arms.count },
                plannedSeconds: load.durationSeconds,
                measuredSeconds: measuredStartNs.map { Double(max(0, now - $0)) / 1e9 } ?? 0))
    }

    /// curl's socket callback: mirror the sockets curl wants watched into epoll.
    private static let onSocket: lens_curl_socket_callback = { easy, socket, what, context, socketContext in
        guard let context else { return 0 }
        let driver = Unmanaged<ScenarioDriver>.fromOpaque(context).takeUnretainedValue()
        // Remember which socket the transfer reads, for its arrival stamps.
        if let easy {
            var transferContext: UnsafeMutableRawPointer?
            _ = lens_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &transferContext)
            if let transferContext { Transfer.from(transferContext).socket = what == CURL_POLL_REMOVE ? -1 : socket }
        }
        if what == CURL_POLL_REMOVE {
            driver.poll.unwatch(socket)
            return 0
        }
        let readable = what & CURL_POLL_IN != 0
        let writable = what & CURL_POLL_OUT != 0
        if socketContext == nil {
            if !driver.poll.watch(socket, readable: readable, writable: writable, add: true) {
                driver.poll.watch(socket, readable: readable, writable: writable, add: false)
            }
            // Any non-nil marker tells the next callback for this socket that it is registered.
            curl_multi_assign(driver.multi, socket, context)
        } else if !driver.poll.watch(socket, readable: readable, writable: writable, add: false) {
            driver.poll.watch(socket, readable: readable, writable: writable, add: true)
        }
        return 0
    }

    /// curl's timer callback: remember when curl wants to be called back (−1: no timer).
    private static let onTimer: lens_curl_timer_callback = { _, timeoutMs, context in
        guard let context else { return 0 }
        let driver = Unmanaged<ScenarioDriver>.fromOpaque(context).takeUnretainedValue()
        driver.curlDeadline = timeoutMs < 0 ? nil : driver.clock.nanoseconds() + Int64(timeoutMs) * 1_000_000
        return 0
    }
}
