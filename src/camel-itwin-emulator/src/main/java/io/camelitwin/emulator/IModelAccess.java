package io.camelitwin.emulator;

/** What a client may do with an iModel: view it (download the thumbnail) or also manage it (upload one). */
public enum IModelAccess {
    VIEW,
    MANAGE
}
