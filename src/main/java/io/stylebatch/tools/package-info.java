/**
 * Command-line tools beside the job: test weights, the benchmarks, the report rebuild, uploads to a local S3.
 * Each has a {@code main} and is wrapped by a script in {@code scripts/}, which runs it on the build's classpath;
 * the job jar leaves this package out.
 */
package io.stylebatch.tools;
