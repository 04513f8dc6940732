/**
 * Training of Squall's model organisms with DJL: a small AdamW training loop with warm-up +
 * cosine learning rate, global-norm gradient clipping, per-step native memory scopes and
 * resumable checkpoints ({@link dev.squall.train.TrainLoop}); the losses ({@link
 * dev.squall.train.Losses}); and the CLoud recipe ({@link dev.squall.train.OrganismRecipe#run}):
 * base LM → critique SFT → self-generated critiques → joint Bradley–Terry + λ·SFT with a fresh
 * reward head, plus the classic Bradley–Terry baseline, exported as Hugging Face folders.
 */
package dev.squall.train;
