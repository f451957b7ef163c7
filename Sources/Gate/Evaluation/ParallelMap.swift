import Dispatch

/// Maps independent, pure work items on all cores and returns the results in input order, so
/// the output is identical to a sequential map (evaluation stays deterministic).
enum ParallelMap {
    static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
        guard inputs.count > 1 else { return inputs.map(transform) }
        let slots = UnsafeMutableBufferPointer<Output?>.allocate(capacity: inputs.count)
        slots.initialize(repeating: nil)
        defer { slots.deallocate() }
        nonisolated(unsafe) let shared = slots
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            // Each iteration writes only its own slot.
            shared[index] = transform(inputs[index])
        }
        return slots.map { $0! }
    }
}
