/**
 * The run report: a self-contained {@code report/index.html} under the output (counts, durations,
 * failures, thumbnails, loss curves drawn from {@code losses/}), written at the end of a run and by
 * {@code scripts/report.sh}.
 */
package io.stylebatch.report;
