/**
 * What a run leaves under {@code --output}: the layout of the folder ({@link io.stylebatch.output.OutputLayout}),
 * the {@code results/} and {@code losses/} tables with their schemas and status values, and the markers.
 * The job writes through it and the report reads through it, so the layout is known in one place.
 */
package io.stylebatch.output;
