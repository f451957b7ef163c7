/// The shape of the simulator's `POST /tokenize`, after a real serving engine's.
///
/// The simulator's tokenizer splits text into its own vocabulary's words (a leading space and the
/// letters after it; other runs of spaces are tokens of their own), so the text of a simulated
/// reply counts exactly its planned output tokens. Special tokens (one BOS) are added where the
/// engine adds them by default, unless the request turns them off.
public enum TokenizerDialect: String, Sendable, Equatable, CaseIterable {
    /// vLLM: `{"model", "prompt", "add_special_tokens" (default true)}` → `{"count", "max_model_len", "tokens", "token_strs"}`.
    case vllm
    /// llama.cpp server: `{"content", "add_special" (default false), "with_pieces"}` → `{"tokens": [...]}`.
    case llamaCpp = "llama.cpp"
    /// TGI: `{"inputs", "add_special_tokens" (default true)}` → `[{"id", "text", "start", "stop"}, ...]`.
    case tgi
}
