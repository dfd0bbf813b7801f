package io.camelitwin.client.model;

import java.net.URI;
import java.util.List;

/**
 * One page of {@code GET /itwins}.
 *
 * @param next the {@code _links.next.href} to follow, or null on the last page
 */
public record ITwinPage(List<ITwinSummary> iTwins, URI next) {

    public ITwinPage {
        iTwins = List.copyOf(iTwins);
    }

    public boolean hasNext() {
        return next != null;
    }
}
