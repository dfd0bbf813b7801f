package io.camelitwin.emulator;

import java.time.Instant;

/**
 * One API request as the emulator saw it. Header values are the Accept, Content-Type and Prefer headers only: the
 * Authorization header is never kept.
 *
 * @param at          arrival time on the emulator's clock
 * @param nanoTime    arrival {@link System#nanoTime()}, for measuring gaps between requests
 * @param clientId    the OAuth client of the bearer token, null when the request was not authenticated
 * @param status      the response status, or -1 when the connection was dropped on purpose
 * @param bodyLength  bytes read from the request body (an oversized body stops at the limit plus one)
 * @param bodySha256  lower-case hex SHA-256 of the bytes read, null when the body was not read or too large
 * @param early       whether it came before the Retry-After of a 429 previously sent to the same client
 */
public record RecordedRequest(
        Instant at,
        long nanoTime,
        String clientId,
        String method,
        String path,
        String query,
        String accept,
        String contentType,
        String prefer,
        long bodyLength,
        String bodySha256,
        int status,
        boolean early) {}
