/**
 * Hugging Face model folders: config.json, layout detection (causal LM, sequence
 * classification, CLoud vanilla/teacher), base-config resolution and content hashing.
 */
package dev.squall.model.hf;
