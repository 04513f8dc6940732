/**
 * Model files and host-side tensors shared by the runtime: {@link dev.squall.model.HostTensor},
 * {@link dev.squall.model.TensorSource} and {@link dev.squall.model.ModelFormatException}.
 */
package dev.squall.model;
