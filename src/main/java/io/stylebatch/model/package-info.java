/**
 * The VGG19 convolutional trunk: its fixed layer table, its weights (read from and written to the
 * standard Keras HDF5 layout) and a forward/backward evaluator over preallocated native buffers.
 *
 * <p>Nothing here knows about losses, optimizers or Spark; {@code transfer} builds on it.
 */
package io.stylebatch.model;
