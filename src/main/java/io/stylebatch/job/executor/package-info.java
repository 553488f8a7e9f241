/**
 * What runs inside the job's Spark tasks: {@link io.stylebatch.job.executor.PairProcessor} reads a task's
 * pairs, runs the engine, writes each image and completion record and returns a
 * {@link io.stylebatch.job.executor.TaskStatus} of counts. Also the {@link io.stylebatch.job.executor.JobSettings}
 * shipped with it and the executor-wide model cache. Everything here is {@code Serializable} and tested as such.
 */
package io.stylebatch.job.executor;
