extension LoadConfig {
    /// One shard's part of this load, so that the N shards together offer the configured load.
    ///
    /// - Closed loop: `concurrency` is split into shares that add up to it exactly (⌊C/N⌋, plus
    ///   one for the first C mod N shards); a shard would get no stream when C < N, which is refused.
    /// - Open loop: each shard sends at `rate`/N. Independent Poisson streams at rate/N superpose
    ///   to a Poisson stream at `rate`; constant and burst schedules are offset by
    ///   `shardPhaseSeconds` so that they interleave into the single-process schedule; gamma
    ///   streams keep the mean rate but their superposition is not a gamma process (see
    ///   `shardedArrivalCaveat`).
    /// - `requests` (per side, for interleaved A/B) is split like concurrency; a run bounded only
    ///   by `duration` runs the full duration on every shard.
    /// - `warmup`, timeouts and the client-side caps (`max_in_flight`, size limits) stay per
    ///   process: every shard warms up its own connections and protects its own memory.
    public func share(for shard: Shard, scenario: String) throws(ShardError) -> LoadConfig {
        guard shard.count > 1 else { return self }
        var load = self
        switch mode {
        case .closed:
            // Refused on every shard alike (not only on those left without a stream).
            load.concurrency = shard.share(of: concurrency)
            if concurrency < shard.count {
                throw .unsplittable(scenario: scenario, what: "concurrency", total: concurrency, count: shard.count)
            }
        case .open:
            load.rate = rate.map { $0 / Double(shard.count) }
        }
        if let limit = requestLimit {
            load.requests = shard.share(of: limit)
            if limit < shard.count {
                throw .unsplittable(scenario: scenario, what: "requests", total: limit, count: shard.count)
            }
        }
        return load
    }

    /// How far a shard's open-loop schedule is shifted so that deterministic schedules interleave:
    /// shard k of N starts k steps of the single-process schedule late (a step is 1/rate for
    /// `constant`, burst_size/rate for `burst`); 0 for random arrivals, which need no offset.
    public func shardPhaseSeconds(_ shard: Shard) -> Double {
        guard mode == .open, let rate, rate > 0, shard.count > 1 else { return 0 }
        switch arrival {
        case .constant: return Double(shard.index) / rate
        case .burst: return Double(shard.index) * Double(burstSize) / rate
        case .poisson, .gamma: return 0
        }
    }

    /// Why a sharded open loop does not reproduce the configured arrival process, if it does not:
    /// the superposition of N independent gamma renewal streams (shape ≠ 1) is not a gamma renewal
    /// process: its mean rate is right but its gaps tend towards exponential as N grows
    /// (Palm–Khintchine), so bursty arrivals come out less bursty and regular ones less regular.
    public func shardedArrivalCaveat(_ shard: Shard) -> String? {
        guard mode == .open, shard.count > 1, arrival == .gamma, burstiness != 1 else { return nil }
        return
            "gamma arrivals (burstiness \(burstiness)) split over \(shard.count) shards keep the mean rate, but the merged stream is not a gamma process: its gaps are closer to exponential (Poisson) than configured"
    }
}

extension Shard {
    /// The seed of this shard's random draws (arrival gaps, A/B block order): the run's own seed
    /// for a single shard, otherwise a distinct one per shard so that the shards' random streams
    /// are independent (a Weyl step by the 64-bit golden ratio, as SplitMix64 uses).
    public func seed(_ base: UInt64) -> UInt64 {
        count > 1 ? base ^ (UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15) : base
    }

    /// The prompt (body) index of an arm's `sent`-th request (0-based, warmup included) when the
    /// arm first sends `warmup` warmup requests: warmup requests replay the single-process warmup
    /// (bodies 0, 1, …), and measured request m is the single-process request index + m·N, so it
    /// carries the same body as there.
    public func bodyIndex(sent: Int, warmup: Int, bodies: Int) -> Int {
        let bodies = max(1, bodies)
        guard sent >= warmup else { return sent % bodies }
        return (warmup + globalIndex(ofLocal: sent - warmup)) % bodies
    }
}
