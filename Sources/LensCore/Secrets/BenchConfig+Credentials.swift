extension TargetConfig {
    /// Every credential this target sends or embeds, resolved from `environment`: the API key, the
    /// value of each variable its headers refer to, the whole value of each header with a
    /// sensitive name (`SensitiveName`), and the credentials inside its base URL.
    ///
    /// These are what a redactor must hide and what `::add-mask::` announces; variables that are
    /// unset are skipped (the run reports them separately).
    public func credentials(in environment: [String: String]) -> [Secret] {
        var values: [String] = []
        if let key = apiKey?.resolve(in: environment) { values.append(key.revealedForTransport) }
        for header in headers {
            values += header.value.variables.compactMap { environment[$0] }
            if SensitiveName.matches(header.name), case .success(let value) = header.value.expand(in: environment) {
                values.append(value.revealedForTransport)
            }
        }
        values += URLCredentials.values(in: baseURL)
        return values.map(Secret.init)
    }
}

extension BenchConfig {
    /// The credentials of every target (see `TargetConfig.credentials(in:)`), each once, in order.
    public func credentials(in environment: [String: String]) -> [Secret] {
        var seen: Set<String> = []
        return targets.flatMap { $0.credentials(in: environment) }
            .filter { !$0.isEmpty && seen.insert($0.revealedForTransport).inserted }
    }
}
