import Foundation
import LensCore

/// Collects the run metadata that identifies where and on what revision a benchmark ran.
public enum RunEnvironment {
    /// Commit variables set by common CI systems, in order of preference.
    static let commitVariables = ["GITHUB_SHA", "CI_COMMIT_SHA", "BUILDKITE_COMMIT", "CIRCLE_SHA1", "GIT_COMMIT", "BITBUCKET_COMMIT"]
    /// Branch variables set by common CI systems (GITHUB_HEAD_REF is the PR's branch).
    static let branchVariables = [
        "GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME", "BUILDKITE_BRANCH", "CIRCLE_BRANCH",
        "GIT_BRANCH", "BITBUCKET_BRANCH",
    ]

    /// Git commit and branch from CI variables, else from `git rev-parse` in `directory` when `askGit`.
    public static func git(environment: [String: String], directory: String, askGit: Bool) -> GitInfo? {
        func first(_ names: [String]) -> String? {
            names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }
        var commit = first(commitVariables)
        var branch = first(branchVariables)
        if askGit, commit == nil { commit = runGit(["rev-parse", "HEAD"], in: directory) }
        if askGit, branch == nil {
            branch = runGit(["rev-parse", "--abbrev-ref", "HEAD"], in: directory).flatMap { $0 == "HEAD" ? nil : $0 }
        }
        return commit == nil && branch == nil ? nil : GitInfo(commit: commit, branch: branch)
    }

    /// Host name, operating system, CPU count and hardware tag (`LENS_GATE_HARDWARE_TAG` overrides the config's).
    public static func host(environment: [String: String], hardwareTag: String?) -> HostInfo {
        func text(_ bytes: UnsafeRawBufferPointer) -> String {
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        var name = [UInt8](repeating: 0, count: 256)
        let hostName = name.withUnsafeMutableBytes { buffer -> String? in
            guard let base = buffer.baseAddress, gethostname(base.assumingMemoryBound(to: CChar.self), buffer.count - 1) == 0 else {
                return nil
            }
            return text(UnsafeRawBufferPointer(buffer))
        }
        var system = utsname()
        var os: String?
        if uname(&system) == 0 {
            os = withUnsafeBytes(of: system.sysname, text) + " " + withUnsafeBytes(of: system.release, text)
        }
        let tag = environment["LENS_GATE_HARDWARE_TAG"].flatMap { $0.isEmpty ? nil : $0 } ?? hardwareTag
        return HostInfo(name: hostName, os: os, cpuCount: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), hardwareTag: tag)
    }

    /// ISO 8601 UTC with milliseconds, e.g. `2026-11-23T04:41:30.123Z`.
    public static func iso8601(secondsSinceEpoch seconds: Double) -> String {
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        let millis = Int(((seconds - seconds.rounded(.down)) * 1000).rounded(.down))
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }

    private static func runGit(_ arguments: [String], in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
