/**
 * The engine: {@link io.stylebatch.transfer.StyleTransferEngine} ties images, the objective
 * ({@code transfer.objective}) and an optimizer ({@code transfer.optim}) together over the scale schedule,
 * and returns an image and its loss log. Settings live in {@code transfer.settings}.
 *
 * <p>Nothing under {@code transfer} knows about Spark or storage: it takes decoded images and weights.
 */
package io.stylebatch.transfer;
