package io.camelitwin.client.internal;

import java.io.InputStream;
import java.util.function.Supplier;

/**
 * An upload that passed every check the platform would make. {@code body} opens the bytes to send (exactly
 * {@code length} of them); for a file it opens the file, for a stream it hands back the one stream, already positioned
 * at its first byte.
 */
record ValidatedUpload(ImageInfo info, long length, Supplier<InputStream> body) {

    public String mediaType() {
        return info.format().mediaType();
    }
}
