/**
 * Command-line tools beside the job — test weights, the benchmarks, the report rebuild, uploads to a local S3 —
 * and the fixtures they share with the tests (synthetic images, random weights, the Keras weight writer). Each
 * tool has a {@code main} and is wrapped by a script in {@code scripts/}, which runs it on the build's classpath.
 * The sources live in {@code src/tools/java} and are compiled with the tests, so the job jar cannot contain them.
 */
package io.stylebatch.tools;
