/**
 * Optimizers over a flat vector of pixels: L-BFGS and Adam over preallocated direct buffers, the
 * {@link io.stylebatch.transfer.optim.Objective} they minimize, and iterate averaging as a wrapper. They know
 * nothing about images or networks.
 */
package io.stylebatch.transfer.optim;
