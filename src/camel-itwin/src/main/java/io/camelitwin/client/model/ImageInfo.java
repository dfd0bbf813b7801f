package io.camelitwin.client.model;

/** What the header of an image says, read without decoding its pixels. */
public record ImageInfo(ImageFormat format, int width, int height) {}
