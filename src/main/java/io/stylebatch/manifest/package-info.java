/**
 * The manifest of content/style pairs (CSV with header, JSON Lines or Parquet): reading it on the
 * driver and validating every row before any optimization starts, reporting all problems at once with
 * their row and column.
 */
package io.stylebatch.manifest;
