/**
 * Command-line tools shipped with the job: test-weight generation and the engine benchmark. Each has a
 * {@code main} and is wrapped by a script in {@code scripts/}.
 */
package io.stylebatch.tools;
