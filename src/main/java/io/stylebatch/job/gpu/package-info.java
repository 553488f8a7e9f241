/**
 * GPUs as Spark resources: the driver's preflight (the executors' GPU architectures against the native
 * backend's), and the executor's binding of a task to the GPU address Spark assigned it.
 */
package io.stylebatch.job.gpu;
