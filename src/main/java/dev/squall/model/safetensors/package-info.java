/**
 * Validated reading and writing of Hugging Face safetensors files and model folders.
 *
 * <p>DJL's own safetensors decoding trusts the header and aborts the JVM on BF16 tensors, so Squall
 * parses files itself: {@link dev.squall.model.safetensors.SafetensorsFile} checks the whole header
 * eagerly (files may be hostile) and widens F16/BF16/F64 to float32 in Java before anything reaches
 * native code; {@link dev.squall.model.safetensors.SafetensorsWriter} writes single or sharded
 * files byte-for-byte deterministically; {@link dev.squall.model.safetensors.WeightStore} gives the
 * weights of one model folder by name. Every malformed input is reported as a {@link
 * dev.squall.model.ModelFormatException} naming the file and, where there is one, the tensor and
 * field.
 *
 * <p>JSON is handled with the jackson-core streaming API ({@code JsonParser}, {@code
 * JsonGenerator}) rather than databind, so no generic tree of a hostile header is ever built.
 */
package dev.squall.model.safetensors;
