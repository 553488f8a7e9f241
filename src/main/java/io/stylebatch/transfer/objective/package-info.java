/**
 * The Gatys et al. loss and its gradient over VGG19 features: content, Gram-matrix style and total-variation
 * terms, evaluated on the whole image ({@link io.stylebatch.transfer.objective.WholeImageObjective}) or in exact
 * tiles ({@link io.stylebatch.transfer.objective.TiledObjective}, {@link io.stylebatch.transfer.objective.TilePlan}),
 * and the style targets they compare against.
 */
package io.stylebatch.transfer.objective;
