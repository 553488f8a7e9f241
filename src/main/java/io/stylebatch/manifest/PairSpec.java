package io.stylebatch.manifest;

import io.stylebatch.transfer.settings.TransferSettings;
import java.io.Serializable;

/**
 * A validated pair ready to run: its id (which names the outputs), its inputs and its effective
 * settings (job defaults plus the row's overrides). Shipped to executors.
 */
public record PairSpec(int rowNumber, String id, String contentUri, String styleUri, TransferSettings settings)
    implements Serializable {}
