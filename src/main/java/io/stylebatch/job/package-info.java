/**
 * The Spark application: the driver ({@link io.stylebatch.job.StyleBatchJob}) that validates, schedules
 * and writes tables, and the thin executor side ({@link io.stylebatch.job.PairProcessor}) that reads one
 * pair, runs the engine and writes its image. All optimization logic lives in {@code transfer}.
 */
package io.stylebatch.job;
