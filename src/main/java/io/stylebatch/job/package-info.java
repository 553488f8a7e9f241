/**
 * The Spark application's driver and command line: {@link io.stylebatch.job.StyleBatchJob} (the spark-submit
 * entry point; wiring only), {@link io.stylebatch.job.JobCommand} (arguments, one-line errors, the JSON summary),
 * exit codes, the preflight checks, progress and the {@link io.stylebatch.job.RunFinalizer}. What a run computes
 * is in {@code job.plan}, what runs in tasks in {@code job.executor}, GPUs in {@code job.gpu}.
 */
package io.stylebatch.job;
