/**
 * The Gatys et al. optimization: content, Gram-matrix style and total-variation losses over VGG19
 * features ({@link io.stylebatch.transfer.GatysObjective}), L-BFGS and Adam over the output pixels,
 * and the loop that ties them to images ({@link io.stylebatch.transfer.StyleTransferEngine}).
 *
 * <p>This package knows nothing about Spark or storage: it takes decoded images and weights and
 * returns an image and its loss log.
 */
package io.stylebatch.transfer;
