package io.camelitwin.client.internal;

/** What the header of an image says, read without decoding its pixels. */
record ImageInfo(ImageFormat format, int width, int height) {}
