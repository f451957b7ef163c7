/// Which history lines belong to the baseline in place: the rule that keeps a baseline and its
/// history one consistent pair although they are two files.
///
/// `baseline update` writes the history first, with a line carrying the digest of the baseline
/// it is about to write (`baseline_digest`) and of the one it replaces (`replaced_digest`, absent
/// when there was none), and then replaces the baseline. An update that dies or fails between the
/// two leaves an *orphan*: a line whose baseline never landed. Reading from the newest line back,
/// with the digest of the baseline in place as the one expected:
///
/// 1. a line whose `baseline_digest` is the expected one is kept, and the walk goes on expecting
///    the baseline it replaced;
/// 2. a line that replaced the expected baseline but wrote another is an orphan and is ignored —
///    whether it is the newest line (the update died before the baseline was renamed into place)
///    or further up (a later update then replaced the same baseline, so this one never landed);
/// 3. any other line is kept, and the walk goes on from it: the baseline was changed by other
///    means (copied in by hand, reverted in git), which breaks the chain but is not an orphan;
/// 4. a line without digests (written before they existed) is kept, as before, and the walk
///    goes on not knowing what baseline came before it.
///
/// The repetitions of one job that one `baseline update` recorded (several `--from`) are lines
/// with the same two digests and consecutive `repetition` markers; they are one update and are
/// judged together by the newest of them: all kept, or all orphans.
///
/// Without a baseline to compare with (`unknown`), the newest line is kept and orphans further up
/// are still found. `baseline update` drops orphans when it rewrites the history, so a file it
/// wrote holds at most one, the newest line.
public enum HistoryLineage {
    /// What the reader knows of the baseline in place.
    public enum CurrentBaseline: Equatable, Sendable {
        /// The reader has no baseline to compare with (e.g. `trend` on a history alone).
        case unknown
        /// There is no baseline file.
        case missing
        /// The baseline file in place has this digest.
        case digest(BaselineDigest)

        /// The baseline file at `path`: its digest, or `missing` when there is no file.
        public static func file(_ path: String) throws(InputError) -> CurrentBaseline {
            try BaselineDigest.ofFile(path).map(CurrentBaseline.digest) ?? .missing
        }
    }

    /// The indices (into `entries`, oldest first) of the orphans among them.
    public static func orphans(in entries: [HistoryEntry], current: CurrentBaseline) -> [Int] {
        /// The baseline expected of the next older line: unknown, or known (nil: no baseline).
        var expected: BaselineDigest?? = nil
        switch current {
        case .unknown: expected = nil
        case .missing: expected = .some(nil)
        case .digest(let digest): expected = .some(digest)
        }
        var orphans: [Int] = []
        /// The newer line just judged, and whether it was an orphan.
        var newer: (entry: HistoryEntry, orphan: Bool)?
        for index in entries.indices.reversed() {
            let entry = entries[index]
            if let previous = newer, entry.isRepetition(before: previous.entry) {
                // An earlier repetition of the same update: judged with it, the walk unchanged.
                if previous.orphan { orphans.append(index) }
                newer = (entry, previous.orphan)
                continue
            }
            guard let written = entry.baselineDigest else {
                expected = nil
                newer = (entry, false)
                continue
            }
            if case .some(let baseline) = expected, written != baseline, entry.replacedDigest == baseline {
                orphans.append(index)
                newer = (entry, true)
                continue
            }
            expected = .some(entry.replacedDigest)
            newer = (entry, false)
        }
        return orphans.reversed()
    }
}
