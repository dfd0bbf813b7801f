package io.camelitwin.benchmark;

import java.nio.file.Path;

/** One way to call the platform; every variant does the same work and ends with the image names parsed. */
interface Variant extends AutoCloseable {

    String ACCEPT = "application/vnd.bentley.itwin-platform.v1+json";

    /** A short label for tables and the chart. */
    String name();

    /** {@code PUT /itwins/{id}/image} with the file streamed; returns the new large image name. */
    String upload(String iTwinId, Path png) throws Exception;

    /** {@code GET /itwins/{id}/image}; returns the small image name. */
    String getImage(String iTwinId) throws Exception;
}
