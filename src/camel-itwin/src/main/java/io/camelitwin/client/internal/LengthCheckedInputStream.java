package io.camelitwin.client.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that must hold exactly its declared number of bytes. The declared length goes out as Content-Length, so a
 * shorter or longer stream would send a broken request; failing the read instead makes the upload fail loudly.
 */
final class LengthCheckedInputStream extends FilterInputStream {

    private final long declaredLength;
    private long count;

    public LengthCheckedInputStream(InputStream in, long declaredLength) {
        super(in);
        this.declaredLength = declaredLength;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        checked(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return checked(super.read(buffer, offset, length));
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count += skipped;
        requireNotLonger();
        return skipped;
    }

    /** Counting needs every byte to pass once, so re-reading through mark/reset is not offered. */
    @Override
    public boolean markSupported() {
        return false;
    }

    private int checked(int read) throws IOException {
        if (read < 0) {
            if (count < declaredLength) {
                throw new LengthMismatchException("the stream was truncated: it ended after " + count
                        + " of its declared " + declaredLength + " bytes");
            }
            return read;
        }
        count += read;
        requireNotLonger();
        return read;
    }

    private void requireNotLonger() throws IOException {
        if (count > declaredLength) {
            throw new LengthMismatchException("the stream is longer than its declared " + declaredLength + " bytes");
        }
    }

    /** The stream held fewer or more bytes than declared: the content's fault, not an I/O failure. */
    public static final class LengthMismatchException extends IOException {

        LengthMismatchException(String message) {
            super(message);
        }
    }
}
