/**
 * Reading and writing objects through Hadoop's FileSystem API ({@code s3a://}, {@code hdfs://},
 * {@code file://} or plain paths) with bounded reads and writes that never leave a half-written file
 * visible.
 */
package io.stylebatch.storage;
