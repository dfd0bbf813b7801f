package io.camelitwin.client.internal;

/** Where an image goes; the rules differ slightly (iTwin images must not be more than 5 times wider than high, or the reverse). */
public enum UploadTarget {
    ITWIN_IMAGE,
    IMODEL_THUMBNAIL
}
