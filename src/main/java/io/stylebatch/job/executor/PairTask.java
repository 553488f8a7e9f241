package io.stylebatch.job.executor;

import io.stylebatch.manifest.PairSpec;
import java.io.Serializable;

/**
 * One pair as shipped to an executor: the validated manifest row and the versions of its inputs as the
 * driver's listings saw them, recorded with the image as its provenance.
 */
public record PairTask(PairSpec pair, String contentVersion, String styleVersion) implements Serializable {}
