/// Prices per model in US dollars per million tokens (the `pricing:` section), for `cost_usd`.
public struct PricingTable: Sendable, Equatable {
    /// The price of one model.
    public struct Price: Sendable, Equatable, Hashable {
        /// USD per million input (prompt) tokens.
        public var inputPerMillion: Double
        /// USD per million output (generated) tokens.
        public var outputPerMillion: Double

        /// Creates a price.
        public init(inputPerMillion: Double, outputPerMillion: Double) {
            self.inputPerMillion = inputPerMillion
            self.outputPerMillion = outputPerMillion
        }

        /// The cost of one request.
        public func cost(inputTokens: Int, outputTokens: Int) -> Double {
            (Double(inputTokens) * inputPerMillion + Double(outputTokens) * outputPerMillion) / 1_000_000
        }
    }

    /// Prices by model name, in document order.
    public var prices: [(model: String, price: Price)]

    /// Creates a table.
    public init(_ prices: [(model: String, price: Price)] = []) { self.prices = prices }

    /// The price of a model, if listed.
    public func price(for model: String) -> Price? { prices.first { $0.model == model }?.price }

    /// Equal when the same models have the same prices in the same order.
    public static func == (lhs: PricingTable, rhs: PricingTable) -> Bool {
        lhs.prices.map(\.model) == rhs.prices.map(\.model) && lhs.prices.map(\.price) == rhs.prices.map(\.price)
    }
}

extension PricingTable {
    /// Keys of one model's price.
    static let priceKeys = ["input_per_million", "output_per_million"]

    /// Decodes `pricing:` (model → `{input_per_million, output_per_million}`).
    init(yaml node: YAMLNode, at path: FieldPath) throws(FieldError) {
        let mapping = try node.mapping(at: path)
        var prices: [(model: String, price: Price)] = []
        for entry in mapping.entries {
            let entryPath = mapping.path(entry.key)
            let fields = try entry.value.mapping(at: entryPath)
            try fields.rejectUnknownKeys(allowed: Self.priceKeys)
            func price(_ key: String) throws(FieldError) -> Double {
                guard let node = fields.optional(key) else { return 0 }
                return try node.number(at: fields.path(key), in: InputLimits.pricePerMillion)
            }
            prices.append(
                (entry.key, Price(inputPerMillion: try price("input_per_million"), outputPerMillion: try price("output_per_million"))))
        }
        self.init(prices)
    }
}
