package dev.plimsoll.perfmodel.specs;

/** Which keys a query attends to in one layer. */
public enum WindowKind {
    /** All previous tokens. */
    FULL,
    /** The last {@code tokens} tokens (Mistral, gpt-oss sliding layers). */
    SLIDING,
    /** Tokens of the same fixed-size chunk only (Llama 4 local layers, attention_chunk_size). */
    CHUNKED
}
