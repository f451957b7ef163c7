import NIOCore

/// Bodies of the metadata endpoints (`/v1/models`, `/api/tags`, `/info`, `/api/version`).
enum Listings {
    /// OpenAI's model list: every profile name, sorted.
    static func openAIModels(_ configuration: SimulatorConfiguration, created: WallClock.Instant) -> ByteBuffer {
        jsonBody { b in
            b.writeStaticString(#"{"object":"list","data":["#)
            for (i, name) in configuration.profiles.keys.sorted().enumerated() {
                if i > 0 { b.writeStaticString(",") }
                b.writeStaticString(#"{"id":"#)
                b.writeJSONString(name)
                b.writeStaticString(#","object":"model","created":"#)
                b.writeDecimal(created.seconds)
                b.writeStaticString(#","owned_by":"lens-gate-sim"}"#)
            }
            b.writeStaticString("]}")
        }
    }

    /// Ollama's local model list: every profile name, sorted.
    static func ollamaTags(_ configuration: SimulatorConfiguration, created: WallClock.Instant) -> ByteBuffer {
        jsonBody { b in
            b.writeStaticString(#"{"models":["#)
            for (i, name) in configuration.profiles.keys.sorted().enumerated() {
                if i > 0 { b.writeStaticString(",") }
                b.writeStaticString(#"{"name":"#)
                b.writeJSONString(name)
                b.writeStaticString(#","model":"#)
                b.writeJSONString(name)
                b.writeStaticString(#","modified_at":""#)
                b.writeString(created.rfc3339)
                b.writeStaticString(#"","size":0,"digest":"0000000000000000000000000000000000000000000000000000000000000000","#)
                b.writeStaticString(#""details":{"parent_model":"","format":"gguf","family":"sim","families":["sim"],"#)
                b.writeStaticString(#""parameter_size":"0B","quantization_level":"none"}}"#)
            }
            b.writeStaticString("]}")
        }
    }

    /// TGI's server information.
    static func tgiInfo(_ configuration: SimulatorConfiguration) -> ByteBuffer {
        jsonBody { b in
            b.writeStaticString(#"{"model_id":"#)
            b.writeJSONString(configuration.tgiModelID)
            b.writeStaticString(
                #","model_sha":null,"model_dtype":"float16","model_device_type":"cpu","model_pipeline_tag":"text-generation","#)
            b.writeStaticString(
                #""max_concurrent_requests":100000,"max_best_of":1,"max_stop_sequences":4,"max_input_tokens":100000,"#)
            b.writeStaticString(
                #""max_total_tokens":1000000,"validation_workers":1,"max_client_batch_size":1,"router":"text-generation-router","version":"0.0.0-lens-gate-sim","sha":null,"docker_label":null}"#
            )
        }
    }

    /// Ollama's version answer.
    static func ollamaVersion() -> ByteBuffer {
        jsonBody { $0.writeStaticString(#"{"version":"0.0.0-lens-gate-sim"}"#) }
    }
}
