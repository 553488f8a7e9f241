/**
 * What a run computes: the Spark-free {@link io.stylebatch.job.plan.ResumeRule} (whether an earlier outcome
 * stands), the {@link io.stylebatch.job.plan.ResumePlanner} that joins the manifest with the tables and listings
 * in Spark, and {@link io.stylebatch.job.plan.TaskGroups}, the pairs to run cut into tasks bounded by the slots.
 */
package io.stylebatch.job.plan;
