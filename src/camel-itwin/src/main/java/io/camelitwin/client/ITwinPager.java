package io.camelitwin.client;

import io.camelitwin.client.model.ITwinPage;
import java.net.URI;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Walks {@code GET /itwins} page by page, following each page's {@code _links.next} until the platform gives none. A
 * {@link #next()} that fails leaves the pager where it was, so calling it again asks for the same page. Not
 * thread-safe: one pager per walk.
 */
public final class ITwinPager implements Iterator<ITwinPage> {

    private final ITwinPlatformClient client;
    private final int pageSize;
    private final boolean withImages;
    private boolean started;
    private URI next;

    ITwinPager(ITwinPlatformClient client, int pageSize, boolean withImages) {
        this.client = client;
        this.pageSize = pageSize;
        this.withImages = withImages;
    }

    @Override
    public boolean hasNext() {
        return !started || next != null;
    }

    @Override
    public ITwinPage next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the last page of iTwins has been read");
        }
        ITwinPage page = started ? client.listITwins(next, withImages) : client.listITwins(pageSize, 0, withImages);
        started = true;
        next = page.next();
        return page;
    }
}
