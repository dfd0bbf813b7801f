package io.camelitwin.client.error;

/**
 * One entry of the {@code details} array of the platform's error envelope.
 *
 * @param innerErrorCode the {@code innerError.code}, when the platform gives one (e.g. {@code InvalidThumbnailFormat})
 */
public record ErrorDetail(String code, String message, String target, String innerErrorCode) {}
